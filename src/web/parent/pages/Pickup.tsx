/**
 * 接送人与接送码: a child's pickup adults; each allowed adult has one personal pickup code, shown as a QR code and as
 * the 8-character text, which the guardian can issue, re-issue (the old one stops working) and revoke. Not-allowed
 * adults are listed in red without a code. The QR library is loaded only on this screen.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getFamily } from '../api/calls';
import { api, errorMessage } from '../api/client';
import type { Child } from '../api/types';
import { Button } from '../ui/controls';
import { Screen } from '../ui/Screen';
import { Empty, LoadError, Loading, Notice } from '../ui/states';
import { useLoad } from '../ui/useLoad';
import { clock, usePickupT } from './PickupText';

type Adult = Child['pickupAdults'][number];
interface Code {
  code: string | null;
  createdAt: string | null;
}

const codeUrl = (adultId: number) => `/api/parent/pickup-adults/${adultId}/code`;

const QR_STYLE = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  margin: '0 auto 10px',
  width: 200,
  height: 200,
} as const;

/** The code as a QR (SVG data URL), drawn on the phone: the code never leaves for a third-party service. */
function QrCode({ code, alt }: { code: string; alt: string }) {
  const t = usePickupT();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setSrc(null);
    import('qrcode')
      .then((m) =>
        m.toString(code, {
          type: 'svg',
          margin: 1,
          errorCorrectionLevel: 'M',
          color: { dark: '#000000', light: '#ffffff' },
        }),
      )
      .then((svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [code]);
  return src ? (
    <img style={QR_STYLE} src={src} alt={alt} width={200} height={200} data-testid="pickup-qr" />
  ) : (
    <div style={QR_STYLE} className="muted">
      {t('pickup.qrLoading')}
    </div>
  );
}

function AdultCode({ adult }: { adult: Adult }) {
  const t = usePickupT();
  const code = useLoad(`code-${adult.id}`, () => api.get<Code>(codeUrl(adult.id)));
  const [busy, setBusy] = useState<'issue' | 'revoke' | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const current = code.data?.code ?? null;

  const issue = async () => {
    if (current && !window.confirm(t('pickup.confirmReissue'))) return;
    setBusy('issue');
    setMessage(null);
    try {
      await api.post<Code>(codeUrl(adult.id));
      setMessage({ kind: 'success', text: t('pickup.issued', { name: adult.name }) });
      code.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  const revoke = async () => {
    if (!window.confirm(t('pickup.confirmRevoke'))) return;
    setBusy('revoke');
    setMessage(null);
    try {
      await api.del<unknown>(codeUrl(adult.id));
      setMessage({ kind: 'success', text: t('pickup.revoked') });
      code.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="card" data-testid="pickup-adult">
      <h2>
        <span>
          {adult.name} <small>{adult.relation}</small>
        </span>
        {adult.phoneMasked ? <small>{adult.phoneMasked}</small> : null}
      </h2>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {code.loading && !code.data ? <Loading /> : null}
      {code.error ? <LoadError error={code.error} onRetry={code.reload} /> : null}
      {code.data ? (
        current ? (
          <div className="pickup-code">
            <QrCode code={current} alt={t('pickup.qrAlt', { name: adult.name })} />
            <div className="code-box" data-testid="pickup-code">
              {current}
            </div>
            <p className="muted small" style={{ textAlign: 'center', margin: '8px 0 0' }}>
              {t('pickup.codeHint')}
              {code.data.createdAt
                ? ` · ${t('pickup.createdAt', { time: `${code.data.createdAt.slice(0, 10)} ${clock(code.data.createdAt)}` })}`
                : ''}
            </p>
          </div>
        ) : (
          <p className="muted">{t('pickup.noCode')}</p>
        )
      ) : null}
      {code.data ? (
        <div className="actions inline">
          <Button
            kind={current ? 'default' : 'primary'}
            small
            loading={busy === 'issue'}
            disabled={busy !== null}
            onClick={issue}
            data-testid="issue-code"
          >
            {current ? t('pickup.reissue') : t('pickup.issue')}
          </Button>
          {current ? (
            <Button
              kind="danger"
              small
              loading={busy === 'revoke'}
              disabled={busy !== null}
              onClick={revoke}
              data-testid="revoke-code"
            >
              {t('pickup.revoke')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export default function PickupPage() {
  const t = usePickupT();
  const id = Number(useParams().id);
  const family = useLoad('family', getFamily);
  const child = family.data?.children.find((c) => c.id === id);
  return (
    <Screen title={t('pickup.title')} back={true}>
      {family.loading && !family.data ? <Loading /> : null}
      {family.error ? <LoadError error={family.error} onRetry={family.reload} /> : null}
      {family.data && !child ? <Empty icon="child" text={t('pickup.noAdults')} /> : null}
      {child ? (
        <>
          <Notice kind="info" title={child.name}>
            {t('pickup.intro')}
          </Notice>
          {child.pickupAdults.length === 0 ? (
            <div className="card">
              <Empty icon="child" text={t('pickup.noAdults')}>
                <Link className="btn small" to={`/children/${child.id}`}>
                  {t('pickup.editChild')}
                </Link>
              </Empty>
            </div>
          ) : null}
          {child.pickupAdults
            .filter((a) => a.allowed)
            .map((a) => (
              <AdultCode key={a.id} adult={a} />
            ))}
          {child.pickupAdults
            .filter((a) => !a.allowed)
            .map((a) => (
              <div className="card" key={a.id} data-testid="pickup-adult-refused">
                <h2>
                  <span>
                    {a.name} <small>{a.relation}</small>
                  </span>
                </h2>
                <Notice kind="error">{t('pickup.notAllowed')}</Notice>
              </div>
            ))}
          {child.pickupAdults.length ? (
            <p className="footer-link">
              <Link to={`/children/${child.id}`}>{t('pickup.editChild')} ›</Link>
            </p>
          ) : null}
        </>
      ) : null}
    </Screen>
  );
}
