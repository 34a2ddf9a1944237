/**
 * 托管协议: the unit's current agreement text in full; the guardian types their name and signs that exact text
 * (its SHA-256 travels with the signature, so a text changed meanwhile is refused and must be read again).
 */
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { getAgreement, signAgreement } from '../api/calls';
import { ApiError, errorMessage } from '../api/client';
import { useT } from '../i18n';
import { useMe } from '../session';
import { Button, Check, Field } from '../ui/controls';
import { Screen } from '../ui/Screen';
import { Empty, LoadError, Loading, Notice } from '../ui/states';
import { useLoad } from '../ui/useLoad';

export default function AgreementPage() {
  const { t } = useT();
  const me = useMe();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const loaded = useLoad(`agreement:${id}`, () => getAgreement(id));
  const [name, setName] = useState('');
  const [read, setRead] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!loaded.data) return;
    if (name.trim().length < 2) return setError(t('agreement.nameRequired'));
    if (!read) return setError(t('agreement.readRequired'));
    setBusy(true);
    setError(null);
    try {
      await signAgreement(id, name.trim(), loaded.data.sha256);
      navigate(`/enrolments/${id}`, { replace: true, state: { flash: t('agreement.signed') } });
    } catch (err) {
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
              <Check checked={read} onChange={setRead} testId="agreement-read">
                {t('agreement.read')}
              </Check>
              <Field
                label={t('agreement.typedName')}
                required
                hint={t('agreement.typedNameHint', { name: me.user.displayName })}
              >
                {(fid) => (
                  <input
                    id={fid}
                    className="input"
                    maxLength={50}
                    autoComplete="name"
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                  />
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
