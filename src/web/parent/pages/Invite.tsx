/**
 * 邀请另一位监护人: a one-time family code (valid 7 days) for the second guardian to enter when registering; a
 * new code replaces the previous one. The link opens registration with the code filled in.
 */
import { useState } from 'react';
import { createInvite, getFamily } from '../api/calls';
import { errorMessage } from '../api/client';
import { useT } from '../i18n';
import { Button } from '../ui/controls';
import { Screen } from '../ui/Screen';
import { LoadError, Loading, Notice } from '../ui/states';
import { useLoad } from '../ui/useLoad';

export default function InvitePage() {
  const { t } = useT();
  const family = useLoad('family', getFamily);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const make = async () => {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setCode((await createInvite()).code);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const link = code ? `${window.location.origin}/m/#/register?invite=${code}` : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(t('invite.shareText', { code: code ?? '', link }));
      setCopied(true);
    } catch {
      setError(t('invite.copyFailed'));
    }
  };
  const full = (family.data?.guardians.length ?? 0) >= 2;

  return (
    <Screen title={t('invite.title')} back="/">
      {family.loading ? <Loading /> : null}
      {family.error ? <LoadError error={family.error} onRetry={family.reload} /> : null}
      {family.data ? (
        <div className="card">
          {full ? (
            <Notice kind="info">{t('invite.full')}</Notice>
          ) : (
            <>
              <p>{t('invite.intro')}</p>
              {code ? (
                <>
                  <div className="code-box" data-testid="invite-code">
                    {code}
                  </div>
                  <p className="hint">{t('invite.validity')}</p>
                  <p className="small mono" style={{ overflowWrap: 'anywhere' }}>
                    {link}
                  </p>
                  {copied ? <Notice kind="success">{t('invite.copied')}</Notice> : null}
                </>
              ) : null}
              {error ? <Notice kind="error">{error}</Notice> : null}
              <div className="actions">
                {code ? (
                  <Button kind="primary" block onClick={copy}>
                    {t('invite.copy')}
                  </Button>
                ) : null}
                <Button kind={code ? 'default' : 'primary'} block loading={busy} onClick={make}>
                  {code ? t('invite.again') : t('invite.make')}
                </Button>
              </div>
            </>
          )}
        </div>
      ) : null}
    </Screen>
  );
}
