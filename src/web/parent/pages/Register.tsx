/**
 * 家长注册: mobile number and the code sent to it, name and password, the employer unit (searched by name; the
 * unit then verifies the person is its employee), an optional family invite code (second guardian), and the
 * privacy notice in full with an explicit "我已阅读并同意". Signs in at once and lands on the home screen.
 */
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { getPrivacyNotice, register, sendPhoneCode, signIn } from '../api/calls';
import { ApiError, errorMessage } from '../api/client';
import type { Employer } from '../api/types';
import { useT } from '../i18n';
import { useSession } from '../session';
import { Button, Check, Field } from '../ui/controls';
import { PrivacyText } from '../ui/PrivacyText';
import { EmployerPicker } from './EmployerPicker';
import { Screen } from '../ui/Screen';
import { LoadError, Loading, Notice } from '../ui/states';
import { useCountdown } from '../ui/useCountdown';
import { useLoad } from '../ui/useLoad';
import { normalizePhone } from '../validate';

type Errors = Partial<
  Record<'phone' | 'code' | 'displayName' | 'password' | 'password2' | 'employer' | 'invite' | 'consent', string>
>;

export default function Register() {
  const { t } = useT();
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const [params] = useSearchParams();
  const notice = useLoad('privacy', getPrivacyNotice);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [codeSentTo, setCodeSentTo] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const resendWait = useCountdown(resendAt);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [employer, setEmployer] = useState<Employer | null>(null);
  const [hasInvite, setHasInvite] = useState(!!params.get('invite'));
  const [invite, setInvite] = useState(params.get('invite') ?? '');
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [alreadyRegistered, setAlreadyRegistered] = useState(false);
  const [busy, setBusy] = useState(false);

  // A field's complaint goes as soon as the parent edits it.
  const clear = (k: keyof Errors) => {
    setErrors((e) => (e[k] ? { ...e, [k]: undefined } : e));
    setFormError(null);
  };

  const sendCode = async () => {
    const p = normalizePhone(phone);
    if (!p) return setErrors((e) => ({ ...e, phone: t('validate.phone') }));
    setErrors((e) => ({ ...e, phone: undefined }));
    setSending(true);
    setFormError(null);
    setAlreadyRegistered(false);
    try {
      await sendPhoneCode(p);
      setCodeSentTo(p);
      clear('code');
      setResendAt(Date.now() + 60_000);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setResendAt(Date.now() + (err.retryAfter ?? 60) * 1000);
      if (err instanceof ApiError && err.code === 'CONFLICT') setAlreadyRegistered(true);
      setErrors((e) => ({ ...e, phone: errorMessage(err) }));
    } finally {
      setSending(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = normalizePhone(phone);
    const next: Errors = {};
    if (!p) next.phone = t('validate.phone');
    if (!/^\d{6}$/.test(code.trim())) next.code = codeSentTo ? t('validate.code') : t('validate.codeFirst');
    if (!displayName.trim()) next.displayName = t('validate.name');
    if (password.length < 8) next.password = t('validate.password');
    else if (password !== password2) next.password2 = t('validate.passwordMismatch');
    if (!employer) next.employer = t('validate.employer');
    if (hasInvite && !invite.trim()) next.invite = t('validate.invite');
    if (!agreed) next.consent = t('validate.consent');
    setErrors(next);
    if (Object.keys(next).length > 0 || !p || !employer || !notice.data) {
      setFormError(t('validate.fixAbove'));
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      await register({
        phone: p,
        code: code.trim(),
        password,
        displayName: displayName.trim(),
        employerOrgId: employer.id,
        privacyNoticeVersion: notice.data.version,
        ...(hasInvite && invite.trim() ? { familyInviteCode: invite.trim().toUpperCase() } : {}),
      });
    } catch (err) {
      setFormError(errorMessage(err));
      setBusy(false);
      return;
    }
    try {
      signedIn(await signIn(p, password));
      navigate('/', { replace: true, state: { flash: t('register.done') } });
    } catch {
      // Registered but the automatic sign-in failed (e.g. rate limit): sign in by hand.
      navigate('/login', { replace: true, state: { phone: p, message: t('register.signInNow') } });
    }
  };

  return (
    <Screen title={t('register.title')} back="/login">
      <form onSubmit={submit} noValidate>
        <div className="card">
          <h2>{t('register.step.phone')}</h2>
          <Field label={t('field.phone')} required error={errors.phone}>
            {(id) => (
              <div className="input-row">
                <input
                  id={id}
                  className="input"
                  type="tel"
                  inputMode="numeric"
                  autoComplete="tel"
                  placeholder={t('field.phonePlaceholder')}
                  value={phone}
                  aria-invalid={!!errors.phone}
                  onChange={(e) => {
                    setPhone(e.target.value);
                    clear('phone');
                  }}
                />
                <Button onClick={sendCode} loading={sending} disabled={resendWait > 0} data-testid="send-code">
                  {resendWait > 0
                    ? t('register.resendIn', { seconds: resendWait })
                    : codeSentTo
                      ? t('register.resend')
                      : t('register.sendCode')}
                </Button>
              </div>
            )}
          </Field>
          {alreadyRegistered ? (
            <p className="small">
              <Link to="/login" state={{ phone: normalizePhone(phone) }}>
                {t('register.goSignIn')}
              </Link>
            </p>
          ) : null}
          <Field
            label={t('register.code')}
            required
            error={errors.code}
            hint={
              codeSentTo
                ? t('register.codeSent', { phone: `${codeSentTo.slice(0, 3)}****${codeSentTo.slice(-4)}` })
                : undefined
            }
          >
            {(id) => (
              <input
                id={id}
                className="input"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                placeholder={t('register.codePlaceholder')}
                value={code}
                aria-invalid={!!errors.code}
                onChange={(e) => {
                  setCode(e.target.value.replace(/\D/g, ''));
                  clear('code');
                }}
              />
            )}
          </Field>
        </div>

        <div className="card">
          <h2>{t('register.step.account')}</h2>
          <Field
            label={t('register.displayName')}
            required
            error={errors.displayName}
            hint={t('register.displayNameHint')}
          >
            {(id) => (
              <input
                id={id}
                className="input"
                autoComplete="name"
                maxLength={50}
                value={displayName}
                aria-invalid={!!errors.displayName}
                onChange={(e) => {
                  setDisplayName(e.target.value);
                  clear('displayName');
                }}
              />
            )}
          </Field>
          <Field label={t('field.password')} required error={errors.password} hint={t('register.passwordHint')}>
            {(id) => (
              <input
                id={id}
                className="input"
                type="password"
                autoComplete="new-password"
                value={password}
                aria-invalid={!!errors.password}
                onChange={(e) => {
                  setPassword(e.target.value);
                  clear('password');
                }}
              />
            )}
          </Field>
          <Field label={t('register.password2')} required error={errors.password2}>
            {(id) => (
              <input
                id={id}
                className="input"
                type="password"
                autoComplete="new-password"
                value={password2}
                aria-invalid={!!errors.password2}
                onChange={(e) => {
                  setPassword2(e.target.value);
                  clear('password2');
                }}
              />
            )}
          </Field>
          <EmployerPicker
            value={employer}
            onChange={(v) => {
              setEmployer(v);
              clear('employer');
            }}
            error={errors.employer}
          />
          <Check checked={hasInvite} onChange={setHasInvite}>
            {t('register.hasInvite')}
          </Check>
          {hasInvite ? (
            <Field label={t('register.invite')} required error={errors.invite} hint={t('register.inviteHint')}>
              {(id) => (
                <input
                  id={id}
                  className="input mono"
                  autoCapitalize="characters"
                  maxLength={20}
                  value={invite}
                  onChange={(e) => {
                    setInvite(e.target.value);
                    clear('invite');
                  }}
                />
              )}
            </Field>
          ) : null}
        </div>

        <div className="card">
          <h2>{t('register.step.privacy')}</h2>
          {notice.loading ? (
            <Loading />
          ) : notice.error ? (
            <LoadError error={notice.error} onRetry={notice.reload} />
          ) : null}
          {notice.data ? <PrivacyText notice={notice.data} /> : null}
          <Check
            checked={agreed}
            onChange={(v) => {
              setAgreed(v);
              clear('consent');
            }}
            testId="privacy-consent"
          >
            {t('register.consent')}
          </Check>
          {errors.consent ? <div className="field-error">{errors.consent}</div> : null}
        </div>

        {formError ? <Notice kind="error">{formError}</Notice> : null}
        <Button type="submit" kind="primary" block loading={busy} disabled={!notice.data}>
          {t('register.submit')}
        </Button>
        <p className="footer-link">
          {t('register.haveAccount')} <Link to="/login">{t('signIn.submit')}</Link>
        </p>
      </form>
    </Screen>
  );
}
