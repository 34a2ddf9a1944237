/** The survey's first step: a code to the employee's phone, then the ticket that lets them answer. */
import { type FormEvent, useState } from 'react';
import { Button, Field } from '../../ui/controls';
import { Notice } from '../../ui/states';
import { useCountdown } from '../../ui/useCountdown';
import { SurveyError, sendCode, verifyPhone } from './api';
import { useSurveyT } from './messages';

export type Verified = Awaited<ReturnType<typeof verifyPhone>>;

export function VerifyPhone({
  token,
  onVerified,
  onClosed,
}: {
  token: string;
  onVerified(v: Verified): void;
  onClosed(): void;
}) {
  const { t } = useSurveyT();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const resendWait = useCountdown(resendAt);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const digits = () => phone.replace(/[\s-]/g, '');

  const fail = (e: unknown) => {
    if (e instanceof SurveyError && e.code === 'SURVEY_CLOSED') onClosed();
    setError(e instanceof SurveyError && e.status !== 0 ? e.message : t('network'));
  };

  const onSend = async () => {
    setError(null);
    if (!/^1[3-9]\d{9}$/.test(digits())) return setError(t('badPhone'));
    setBusy(true);
    try {
      const r = await sendCode(token, digits());
      setSentTo(r.phone);
      setResendAt(Date.now() + 60_000);
    } catch (e) {
      if (e instanceof SurveyError && e.retryAfter) setResendAt(Date.now() + e.retryAfter * 1000);
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const onVerify = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!/^\d{6}$/.test(code)) return setError(t('needCode'));
    setBusy(true);
    try {
      onVerified(await verifyPhone(token, digits(), code));
    } catch (err) {
      fail(err);
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={onVerify} noValidate>
      <p className="small muted">{t('intro')}</p>
      <Field label={t('phone')} required hint={sentTo ? t('codeSent', { phone: sentTo }) : undefined}>
        {(id) => (
          <div className="input-row">
            <input
              id={id}
              className="input"
              type="tel"
              inputMode="numeric"
              autoComplete="tel"
              placeholder={t('phonePlaceholder')}
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              data-testid="survey-phone"
            />
            <Button onClick={onSend} loading={busy && !sentTo} disabled={resendWait > 0} data-testid="survey-send">
              {resendWait > 0 ? t('resendIn', { seconds: resendWait }) : t('sendCode')}
            </Button>
          </div>
        )}
      </Field>
      <Field label={t('code')} required>
        {(id) => (
          <input
            id={id}
            className="input mono"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            data-testid="survey-code"
          />
        )}
      </Field>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <Button type="submit" kind="primary" block loading={busy && !!sentTo} disabled={!sentTo}>
        {t('verify')}
      </Button>
    </form>
  );
}
