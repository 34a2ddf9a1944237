/**
 * 我的数据 (PIPL): download everything the platform holds about the family (JSON, or a readable PDF), and ask for
 * deletion — what goes now, what is kept (attendance, agreements, fees, incidents) and until when, whether it waits
 * for a running class — confirmed by a code sent to the guardian's own phone. The server decides all of it
 * (GET /api/parents/me/deletion); this screen only explains and asks.
 */
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type {
  deletionCodeResponse,
  deletionStateResponse,
  privacyRequestDto,
} from '../../../server/modules/privacy/privacy.schema';
import { api, ApiError, errorMessage } from '../api/client';
import type { Wire } from '../api/types';
import { useT } from '../i18n';
import { useSession } from '../session';
import { Button, Check, Field } from '../ui/controls';
import { Screen } from '../ui/Screen';
import { LoadError, Loading, Notice } from '../ui/states';
import { useCountdown } from '../ui/useCountdown';
import { useLoad } from '../ui/useLoad';

type DeletionState = Wire<z.infer<typeof deletionStateResponse>>;
type RequestDto = Wire<z.infer<typeof privacyRequestDto>>;

const getState = () => api.get<DeletionState>('/api/parents/me/deletion');
const sendCode = () => api.post<z.infer<typeof deletionCodeResponse>>('/api/parents/me/deletion/code');
const requestDeletion = (reason: string, code: string) =>
  api.post<RequestDto>('/api/parents/me/deletion', { reason, code });

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
/** The day the evidence would be anonymised if the request were processed today (or on the day it waits for). */
const keptUntilOf = (s: DeletionState) => {
  const from = s.plan.waitsUntil ? new Date(`${s.plan.waitsUntil}T00:00:00+08:00`) : new Date();
  from.setFullYear(from.getFullYear() + s.plan.retentionYears);
  return from.toISOString().slice(0, 10);
};

function DeletionForm({ state, onDone }: { state: DeletionState; onDone(r: RequestDto): void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [code, setCode] = useState('');
  const [sure, setSure] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState(0);
  const resendWait = useCountdown(resendAt);
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<'reason' | 'code' | 'sure', string>>>({});
  const [error, setError] = useState<string | null>(null);

  const askCode = async () => {
    setSending(true);
    setError(null);
    try {
      const r = await sendCode();
      setSentTo(r.phone);
      setResendAt(Date.now() + 60_000);
      setErrors((e) => ({ ...e, code: undefined }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setResendAt(Date.now() + (err.retryAfter ?? 60) * 1000);
      setErrors((e) => ({ ...e, code: errorMessage(err) }));
    } finally {
      setSending(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!reason.trim()) next.reason = t('myData.reasonRequired');
    if (!/^\d{6}$/.test(code.trim())) next.code = sentTo ? t('validate.code') : t('validate.codeFirst');
    if (!sure) next.sure = t('myData.sureRequired');
    setErrors(next);
    if (Object.keys(next).length) return setError(t('validate.fixAbove'));
    setBusy(true);
    setError(null);
    try {
      onDone(await requestDeletion(reason.trim(), code.trim()));
    } catch (err) {
      const byField = err instanceof ApiError ? err.fieldIssues : [];
      const codeIssue = byField.find((i) => i.path.endsWith('code'));
      if (codeIssue) setErrors({ code: codeIssue.message });
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const { plan } = state;
  return (
    <form className="card" onSubmit={submit} noValidate data-testid="deletion-form">
      <h2>{t('myData.deleteTitle')}</h2>
      {plan.scope === 'guardian' ? <Notice kind="info">{t('myData.scopeGuardian')}</Notice> : null}
      {plan.waitsUntil ? (
        <Notice kind="warn" title={t('myData.waitsTitle')} testId="deletion-waits">
          {plan.runningClasses.map((c) => (
            <div key={`${c.childName}-${c.className}`}>
              {t('myData.runningClass', { child: c.childName, className: c.className, end: c.endDate ?? '—' })}
            </div>
          ))}
          {t('myData.waitsText', { day: plan.waitsUntil })}
        </Notice>
      ) : null}
      <h3>{t('myData.deletedNow')}</h3>
      <ul className="plain-list">
        {(plan.scope === 'family' ? ['myData.now.health', 'myData.now.contacts'] : [])
          .concat(['myData.now.messages', 'myData.now.account'])
          .map((k) => (
            <li key={k}>{t(k as 'myData.now.health')}</li>
          ))}
      </ul>
      <h3>{t('myData.keptTitle', { date: keptUntilOf(state), years: plan.retentionYears })}</h3>
      <p className="muted">{t('myData.keptText')}</p>
      <Field label={t('myData.reason')} required error={errors.reason}>
        {(fid) => (
          <textarea
            id={fid}
            className="textarea"
            rows={2}
            maxLength={500}
            value={reason}
            placeholder={t('myData.reasonPlaceholder')}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('register.code')}
        required
        error={errors.code}
        hint={sentTo ? t('agreement.codeSent', { phone: sentTo }) : t('myData.codeHint')}
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
              onChange={(e) => setCode(e.target.value)}
            />
            <Button onClick={askCode} loading={sending} disabled={resendWait > 0} data-testid="deletion-send-code">
              {resendWait > 0
                ? t('register.resendIn', { seconds: resendWait })
                : sentTo
                  ? t('register.resend')
                  : t('register.sendCode')}
            </Button>
          </div>
        )}
      </Field>
      <Check checked={sure} onChange={setSure} testId="deletion-sure">
        {t('myData.sure')}
      </Check>
      {errors.sure ? <div className="field-error">{errors.sure}</div> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <Button type="submit" kind="danger" block loading={busy} data-testid="deletion-submit">
        {t('myData.deleteSubmit')}
      </Button>
    </form>
  );
}

export default function MyDataPage() {
  const { t } = useT();
  const { signOut } = useSession();
  const state = useLoad('deletion', getState);
  const [done, setDone] = useState<RequestDto | null>(null);
  const request = done ?? state.data?.request ?? null;

  return (
    <Screen title={t('myData.title')} back="/">
      <div className="card" data-testid="export-card">
        <h2>{t('myData.downloadTitle')}</h2>
        <p className="muted">{t('myData.downloadText')}</p>
        <div className="actions">
          <a className="btn block" href="/api/parents/me/export.pdf" download data-testid="export-pdf">
            {t('myData.downloadPdf')}
          </a>
          <a className="btn ghost block" href="/api/parents/me/export" download data-testid="export-json">
            {t('myData.downloadJson')}
          </a>
        </div>
      </div>
      {state.loading && !state.data ? <Loading /> : null}
      {state.error ? <LoadError error={state.error} onRetry={state.reload} /> : null}
      {request?.status === 'processed' && done ? (
        <Notice kind="success" title={t('myData.doneTitle')} testId="deletion-done">
          {t('myData.doneText', { date: day(request.keptUntil) })}
          <div style={{ marginTop: 8 }}>
            <Button small onClick={() => void signOut()}>
              {t('common.backHome')}
            </Button>
          </div>
        </Notice>
      ) : request?.status === 'waiting' ? (
        <Notice kind="info" title={t('myData.waitingTitle')} testId="deletion-waiting">
          {t('myData.waitingText', { day: day(request.processAfter) })}
        </Notice>
      ) : state.data ? (
        <DeletionForm state={state.data} onDone={setDone} />
      ) : null}
    </Screen>
  );
}
