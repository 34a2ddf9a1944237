/**
 * 离园: hand the child to one of their registered guardians (always allowed, listed or not), to an authorised adult
 * picked from the list (not-allowed adults are shown in red and cannot be picked) or to whoever shows a valid
 * personal pickup code (typed, or scanned from the parent's QR). Online,
 * the sheet waits for the server's verdict so that a refusal is read at the door, in red, before the child leaves.
 */
import { type FormEvent, useState } from 'react';
import type { EventResult } from '../api';
import { clockTime, useT } from '../i18n';
import { enqueue, newClientId, type ViewChild } from '../store';
import { flush, resultOf, syncState } from '../sync';
import { Button, Notice, Sheet } from '../ui';
import { canScan, codeFromScan, Scanner } from './Scanner';

const CODE_RE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;

export function normaliseCode(s: string): string {
  return s.toUpperCase().replace(/[\s-]/g, '');
}

export function CheckoutSheet({
  child,
  classId,
  day,
  onClose,
  onDone,
}: {
  child: ViewChild;
  classId: number;
  day: string;
  onClose(): void;
  /** The sheet closed after the check-out was applied (`queued`: it waits for the network). */
  onDone(queued: boolean): void;
}) {
  const { t } = useT();
  const [adultId, setAdultId] = useState<number | null>(null);
  const [guardianId, setGuardianId] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const allowed = child.pickupAdults.filter((a) => a.allowed);
  const refused = child.pickupAdults.filter((a) => !a.allowed);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    setRefusal(null);
    const typed = normaliseCode(code);
    const guardian = guardianId !== null ? child.guardians?.find((g) => g.userId === guardianId) : undefined;
    if (adultId === null && !guardian && !typed) return setError(t('checkout.needAdult'));
    if (adultId === null && !guardian && !CODE_RE.test(typed)) return setError(t('checkout.codeFormat'));
    const clientId = newClientId();
    const adult = adultId !== null ? child.pickupAdults.find((a) => a.id === adultId) : undefined;
    const waiting = resultOf(clientId, 10_000);
    enqueue({
      type: 'event',
      day,
      childName: child.name,
      ...(adult ? { adultName: adult.name } : guardian ? { adultName: guardian.name } : {}),
      event: {
        clientId,
        classId,
        childId: child.childId,
        kind: 'check_out',
        occurredAt: new Date().toISOString(),
        ...(adult
          ? { pickupAdultId: adult.id }
          : guardian
            ? { pickupGuardianId: guardian.userId }
            : { pickupCode: typed }),
      },
    });
    if (!syncState().online && !navigator.onLine) {
      onDone(true);
      return;
    }
    setBusy(true);
    void flush();
    const r: EventResult | null = await waiting;
    setBusy(false);
    if (r?.outcome === 'refused') {
      setRefusal(r.message ?? r.code ?? '');
      return;
    }
    onDone(r === null);
  };

  return (
    <Sheet title={t('checkout.title', { name: child.name })} onClose={onClose} testId="checkout-sheet">
      {scanning ? (
        <Scanner
          onClose={() => setScanning(false)}
          onCode={(c) => {
            setScanning(false);
            setAdultId(null);
            setCode(codeFromScan(c) ?? c);
          }}
        />
      ) : (
        <form onSubmit={submit} noValidate>
          {refusal !== null ? (
            <Notice kind="error" title={t('checkout.refused')} testId="checkout-refused">
              {refusal}
            </Notice>
          ) : null}
          {child.checkInAt ? <p className="muted">{t('door.in', { time: clockTime(child.checkInAt) })}</p> : null}
          <div className="label">{t('checkout.pickAdult')}</div>
          {allowed.length === 0 && !child.guardians?.length ? <p className="muted">{t('checkout.noAdults')}</p> : null}
          <div className="adults">
            {(child.guardians ?? []).map((g) => (
              <button
                type="button"
                key={`g${g.userId}`}
                aria-pressed={guardianId === g.userId}
                className={guardianId === g.userId ? 'adult selected' : 'adult'}
                onClick={() => {
                  setGuardianId(guardianId === g.userId ? null : g.userId);
                  setAdultId(null);
                  setCode('');
                  setError(null);
                }}
                data-testid="pickup-guardian"
              >
                <span className="adult-name">{g.name}</span>
                <span className="adult-rel">{t('checkout.guardian')}</span>
              </button>
            ))}
            {allowed.map((a) => (
              <button
                type="button"
                key={a.id}
                aria-pressed={adultId === a.id}
                className={adultId === a.id ? 'adult selected' : 'adult'}
                onClick={() => {
                  setAdultId(adultId === a.id ? null : a.id);
                  setGuardianId(null);
                  setCode('');
                  setError(null);
                }}
                data-testid="pickup-adult"
              >
                <span className="adult-name">{a.name}</span>
                <span className="adult-rel">{a.relation}</span>
              </button>
            ))}
            {refused.map((a) => (
              <div key={a.id} className="adult refused" aria-disabled="true" data-testid="pickup-adult-refused">
                <span className="adult-name">{a.name}</span>
                <span className="adult-rel">
                  {a.relation} · {t('child.notAllowed')}
                </span>
              </div>
            ))}
          </div>
          <label className="label" htmlFor="pickup-code">
            {t('checkout.orCode')}
          </label>
          <div className="code-row">
            <input
              id="pickup-code"
              className="input code-input"
              value={code}
              maxLength={12}
              autoCapitalize="characters"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              placeholder={t('checkout.codePlaceholder')}
              onChange={(e) => {
                setCode(e.target.value.toUpperCase());
                if (e.target.value) {
                  setAdultId(null);
                  setGuardianId(null);
                }
                setError(null);
              }}
              data-testid="pickup-code"
            />
            {canScan() ? (
              <Button onClick={() => setScanning(true)} data-testid="scan">
                {t('checkout.scan')}
              </Button>
            ) : null}
          </div>
          {!navigator.onLine && code ? <p className="hint">{t('checkout.offlineCode')}</p> : null}
          {error ? <p className="field-error">{error}</p> : null}
          <Button type="submit" kind="primary" block big loading={busy} data-testid="confirm-checkout">
            {t('checkout.confirm')}
          </Button>
        </form>
      )}
    </Sheet>
  );
}
