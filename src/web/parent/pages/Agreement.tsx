/**
 * 托管协议: the exact text to sign (the unit's current agreement filled with the class's facts) in full; the
 * guardian ticks that they read it, types their verified name and confirms with a fresh code sent to their own
 * phone. The text's SHA-256 travels with the signature, so a text changed meanwhile is refused and read again.
 */
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { SignableAgreement } from '../../../server/modules/enrolments/readiness.routes';
import { api, ApiError, errorMessage } from '../api/client';
import { useT } from '../i18n';
import { Button, Check, Field } from '../ui/controls';
import { Screen } from '../ui/Screen';
import { Empty, LoadError, Loading, Notice } from '../ui/states';
import { useCountdown } from '../ui/useCountdown';
import { useLoad } from '../ui/useLoad';

type Errors = Partial<Record<'read' | 'name' | 'code', string>>;

const getSignable = (id: number) => api.get<SignableAgreement>(`/api/enrolments/${id}/agreement`);
const requestCode = (id: number) =>
  api.post<{ expiresInSeconds: number; phone: string }>(`/api/enrolments/${id}/sign-code`);
const sign = (id: number, body: { typedName: string; textSha256: string; code: string }) =>
  api.post<{ ok: true }>(`/api/enrolments/${id}/sign`, body);

/** The name as the server compares it: no spaces of any width, no middle dots. */
const normal = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s·•.]/g, '')
    .toLowerCase();

export default function AgreementPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const loaded = useLoad(`agreement:${id}`, () => getSignable(id));
  const [name, setName] = useState('');
  const [read, setRead] = useState(false);
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState(0);
  const resendWait = useCountdown(resendAt);
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clear = (k: keyof Errors) => {
    setErrors((e) => (e[k] ? { ...e, [k]: undefined } : e));
    setError(null);
  };

  const sendCode = async () => {
    setSending(true);
    setError(null);
    try {
      const r = await requestCode(id);
      setSentTo(r.phone);
      setResendAt(Date.now() + 60_000);
      clear('code');
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setResendAt(Date.now() + (err.retryAfter ?? 60) * 1000);
      setErrors((e) => ({ ...e, code: errorMessage(err) }));
    } finally {
      setSending(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const a = loaded.data;
    if (!a) return;
    const next: Errors = {};
    if (!read) next.read = t('agreement.readRequired');
    if (name.trim().length < 2) next.name = t('agreement.nameRequired');
    else if (a.signerName && normal(name) !== normal(a.signerName))
      next.name = t('agreement.nameMismatch', { name: a.signerName });
    if (!/^\d{6}$/.test(code.trim())) next.code = sentTo ? t('agreement.codeRequired') : t('agreement.codeFirst');
    setErrors(next);
    if (Object.keys(next).length > 0) return setError(t('agreement.fixAbove'));
    setBusy(true);
    setError(null);
    try {
      await sign(id, { typedName: name.trim(), textSha256: a.sha256, code: code.trim() });
      navigate(`/enrolments/${id}`, { replace: true, state: { flash: t('agreement.signed') } });
    } catch (err) {
      // Each field the server names gets its complaint next to it; anything else shows below the form.
      const issues = err instanceof ApiError ? err.fieldIssues : [];
      const byField: Errors = {};
      for (const i of issues) {
        if (i.path.endsWith('typedName')) byField.name = i.message;
        else if (i.path.endsWith('code')) byField.code = i.message;
      }
      if (Object.keys(byField).length > 0) setErrors(byField);
      setError(errorMessage(err));
      // The text changed while it was being read: show the new one.
      if (err instanceof ApiError && err.code === 'CONFLICT') loaded.reload();
      setBusy(false);
    }
  };

  const unpublished = loaded.error instanceof ApiError && loaded.error.status === 404;
  const a = loaded.data;
  return (
    <Screen title={t('agreement.title')} back={`/enrolments/${id}`}>
      {loaded.loading ? <Loading /> : null}
      {unpublished ? (
        <div className="card">
          <Empty icon="document" text={t('agreement.unpublished')} />
        </div>
      ) : loaded.error ? (
        <LoadError error={loaded.error} onRetry={loaded.reload} />
      ) : null}
      {a ? (
        <>
          <div className="card">
            <h2>
              {a.title}
              <small>{t('agreement.version', { version: a.version })}</small>
            </h2>
            <div className="pre small" data-testid="agreement-body">
              {a.body}
            </div>
            <p className="hint mono">SHA-256 {a.sha256}</p>
          </div>
          {a.signed ? (
            <Notice kind="success" title={t('agreement.alreadySigned')} testId="agreement-signed">
              {t('agreement.alreadySignedText')}
              <div style={{ marginTop: 8 }}>
                <a
                  className="btn small"
                  href={`/api/enrolments/${id}/agreement.pdf`}
                  download
                  data-testid="agreement-pdf"
                >
                  {t('agreement.pdf')}
                </a>
              </div>
            </Notice>
          ) : (
            <form className="card" onSubmit={submit} noValidate>
              <h2>{t('agreement.signTitle')}</h2>
              <Check
                checked={read}
                onChange={(v) => {
                  setRead(v);
                  clear('read');
                }}
                testId="agreement-read"
              >
                {t('agreement.read')}
              </Check>
              {errors.read ? <div className="field-error">{errors.read}</div> : null}
              <Field
                label={t('agreement.typedName')}
                required
                error={errors.name}
                hint={a.signerName ? t('agreement.typedNameHint', { name: a.signerName }) : undefined}
              >
                {(fid) => (
                  <input
                    id={fid}
                    className="input"
                    maxLength={50}
                    autoComplete="name"
                    value={name}
                    aria-invalid={!!errors.name}
                    onChange={(e) => {
                      setName(e.target.value);
                      clear('name');
                    }}
                  />
                )}
              </Field>
              <Field
                label={t('agreement.code')}
                required
                error={errors.code}
                hint={sentTo ? t('agreement.codeSent', { phone: sentTo }) : t('agreement.codeHint')}
              >
                {(fid) => (
                  <div className="input-row">
                    <input
                      id={fid}
                      className="input"
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      maxLength={6}
                      value={code}
                      aria-invalid={!!errors.code}
                      onChange={(e) => {
                        setCode(e.target.value);
                        clear('code');
                      }}
                    />
                    <Button onClick={sendCode} loading={sending} disabled={resendWait > 0} data-testid="sign-send-code">
                      {resendWait > 0
                        ? t('agreement.resendIn', { seconds: resendWait })
                        : sentTo
                          ? t('agreement.resend')
                          : t('agreement.sendCode')}
                    </Button>
                  </div>
                )}
              </Field>
              {error ? <Notice kind="error">{error}</Notice> : null}
              <Button type="submit" kind="primary" block loading={busy}>
                {t('agreement.sign')}
              </Button>
            </form>
          )}
        </>
      ) : null}
    </Screen>
  );
}
