/** 退出报名: a reason (two characters at least; quick picks for the usual ones); the place passes to the waitlist. */
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { withdrawEnrolment } from '../api/calls';
import { errorMessage } from '../api/client';
import { type MessageKey, useT } from '../i18n';
import { Button, Field } from '../ui/controls';
import { Screen } from '../ui/Screen';
import { Notice } from '../ui/states';

const QUICK: MessageKey[] = ['withdraw.quick.plans', 'withdraw.quick.health', 'withdraw.quick.other'];

export default function WithdrawPage() {
  const { t } = useT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 2) return setError(t('withdraw.reasonRequired'));
    setBusy(true);
    setError(null);
    try {
      await withdrawEnrolment(id, reason.trim());
      navigate('/', { replace: true, state: { flash: t('withdraw.done') } });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Screen title={t('withdraw.title')} back={`/enrolments/${id}`}>
      <form className="card" onSubmit={submit} noValidate>
        <Notice kind="warn">{t('withdraw.warning')}</Notice>
        <div className="choices" style={{ marginBottom: 12 }}>
          {QUICK.map((k) => (
            <Button small key={k} onClick={() => setReason(t(k))}>
              {t(k)}
            </Button>
          ))}
        </div>
        <Field label={t('withdraw.reason')} required>
          {(fid) => (
            <textarea
              id={fid}
              className="textarea"
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <Button type="submit" kind="danger" block loading={busy}>
          {t('withdraw.submit')}
        </Button>
      </form>
    </Screen>
  );
}
