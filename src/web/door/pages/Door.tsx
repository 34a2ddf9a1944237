/**
 * 今日接送: today's children of one class. Counts on top (tap one to filter), a search by name or pinyin initials,
 * one tap to check a child in; the child's card shows allergies and health notes, acknowledged once a day.
 * The list is the one stored on the phone with the queued entries applied (store.ts), so it reads the same
 * offline; it is refreshed from the server whenever the server can be reached.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { type DoorStatus, getDoorDay, isNetworkError } from '../api';
import { clockTime, type MessageKey, todayInChina, useT } from '../i18n';
import {
  applyQueue,
  clearRefusals,
  countOf,
  enqueue,
  newClientId,
  onStoreChange,
  queue,
  type Refusal,
  removeRefusal,
  type StoredDay,
  storeDay,
  storedDay,
  type ViewChild,
} from '../store';
import { flush, mergeCount, reportNetwork } from '../sync';
import { Button, LoadError, Loading, Notice, Screen, Sheet } from '../ui';
import { CheckoutSheet } from './Checkout';
import { MyShift } from './MyShift';
import { SyncBanner, useRefusals } from './SyncBanner';

type Filter = 'all' | 'arrived' | 'left' | 'absent' | 'missing';

/**
 * Why a check-in now would be outside the class's hours (the server refuses it as OUTSIDE_HOURS unless confirmed;
 * src/domain/attendance/door-time.ts), or null.
 */
function outsideHours(c: StoredDay['data']['class'], now = new Date()): MessageKey | null {
  if (c.classDay === false) return 'hours.notClassDay';
  const hhmm = clockTime(now.toISOString());
  if (c.dailyStart && hhmm < c.dailyStart) return 'hours.beforeOpening';
  if (c.dailyEnd && hhmm >= c.dailyEnd) return 'hours.afterClosing';
  return null;
}

const STATUS_TONE: Record<DoorStatus, string> = {
  expected: 'grey',
  present: 'green',
  left: 'blue',
  absent: 'orange',
  sick: 'orange',
};

function matches(c: ViewChild, q: string): boolean {
  if (!q) return true;
  const s = q.trim().toLowerCase().replace(/\s+/g, '');
  if (!s) return true;
  return c.name.toLowerCase().includes(s) || (c.initials ?? '').toLowerCase().includes(s);
}

function inFilter(c: ViewChild, f: Filter): boolean {
  switch (f) {
    case 'arrived':
      return c.status === 'present' || c.status === 'left';
    case 'left':
      return c.status === 'left';
    case 'absent':
      return c.status === 'absent' || c.status === 'sick';
    case 'missing':
      return c.status === 'expected';
    default:
      return true;
  }
}

const hasHealth = (c: ViewChild) => Boolean(c.allergies || c.healthNotes);
/** What of the paperwork is missing today (P-R7): the server refuses the check-in until it is done. */
const missingOf = (c: ViewChild) => c.paperworkMissing ?? [];

/** The stored list for this class (today's only) and the queue, re-read whenever either changes. */
function useStoredDay(classId: number) {
  const read = useCallback(() => {
    return { stored: storedDay(classId), items: queue() };
  }, [classId]);
  const [state, setState] = useState(read);
  useEffect(() => {
    setState(read());
    return onStoreChange(() => setState(read()));
  }, [read]);
  return state;
}

function Avatar({ c }: { c: ViewChild }) {
  if (c.photoUrl) return <img className="avatar" src={c.photoUrl} alt="" loading="lazy" />;
  return (
    <span className="avatar" aria-hidden>
      {c.name.slice(-2)}
    </span>
  );
}

function StatusTag({ s }: { s: DoorStatus }) {
  const { t } = useT();
  return <span className={`tag ${STATUS_TONE[s]}`}>{t(`door.status.${s}` as MessageKey)}</span>;
}

function ChildRow({
  c,
  onOpen,
  onCheckIn,
  onCheckOut,
}: {
  c: ViewChild;
  onOpen(): void;
  onCheckIn(): void;
  onCheckOut(): void;
}) {
  const { t } = useT();
  const health = hasHealth(c);
  const times = [
    c.checkInAt ? t('door.in', { time: clockTime(c.checkInAt) }) : '',
    c.checkOutAt ? t('door.out', { time: clockTime(c.checkOutAt) }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className={`child ${c.status}`} data-testid="door-child" data-child-id={c.childId} data-status={c.status}>
      <button type="button" className="child-main" onClick={onOpen}>
        <Avatar c={c} />
        <span className="child-text">
          <span className="child-name">
            {c.name}
            {health ? (
              <span className={c.healthAcked ? 'health acked' : 'health'} title={t('door.health')}>
                {c.healthAcked ? t('door.health') : `! ${t('door.healthUnacked')}`}
              </span>
            ) : null}
          </span>
          <span className="child-sub">
            <StatusTag s={c.status} />
            {c.pending ? <span className="tag pending">{t('door.pending')}</span> : null}
            {missingOf(c).length ? (
              <span className="tag orange" data-testid="paperwork-missing">
                {t('door.paperworkMissing', {
                  what: missingOf(c)
                    .map((g) => t(`door.paperwork.${g}` as MessageKey))
                    .join('、'),
                })}
              </span>
            ) : null}
            {times ? <span className="muted">{times}</span> : null}
          </span>
        </span>
      </button>
      {c.status === 'present' ? (
        <button type="button" className="act out" onClick={onCheckOut} data-testid="check-out">
          {t('door.checkOut')}
        </button>
      ) : c.status === 'left' ? null : (
        <button type="button" className="act in" onClick={onCheckIn} data-testid="check-in">
          {t('door.checkIn')}
        </button>
      )}
    </li>
  );
}

function ChildSheet({
  c,
  onClose,
  onAck,
  onCheckIn,
  onCheckOut,
}: {
  c: ViewChild;
  onClose(): void;
  onAck(): void;
  onCheckIn(): void;
  onCheckOut(): void;
}) {
  const { t } = useT();
  const health = hasHealth(c);
  const mustAck = health && !c.healthAcked;
  const canCheckIn = c.status !== 'present' && c.status !== 'left';
  return (
    <Sheet title={c.name} onClose={onClose} testId="child-sheet">
      <div className="sheet-status">
        <StatusTag s={c.status} />
        {c.grade !== null && c.grade !== undefined ? (
          <span className="muted">{t(`grade.${c.grade}` as MessageKey) ?? String(c.grade)}</span>
        ) : null}
        {missingOf(c).length ? <span className="tag orange">{t('door.paperwork')}</span> : null}
      </div>
      {missingOf(c).length && canCheckIn ? (
        <Notice kind="warn" testId="paperwork-block">
          {t('child.paperworkBlock', {
            what: missingOf(c)
              .map((g) => t(`child.paperwork.${g}` as MessageKey))
              .join('；'),
          })}
        </Notice>
      ) : null}
      {health ? (
        <div className={mustAck ? 'health-box' : 'health-box acked'} data-testid="health-box">
          {c.allergies ? (
            <p>
              <strong>{t('child.allergies')}：</strong>
              {c.allergies}
            </p>
          ) : null}
          {c.healthNotes ? (
            <p>
              <strong>{t('child.healthNotes')}：</strong>
              {c.healthNotes}
            </p>
          ) : null}
          {mustAck ? (
            canCheckIn ? null : (
              <Button kind="danger" block onClick={onAck} data-testid="ack">
                {t('child.ack')}
              </Button>
            )
          ) : (
            <p className="muted">✓ {t('child.acked')}</p>
          )}
        </div>
      ) : null}
      {c.absenceNote ? <Notice kind="warn">{t('child.absenceNote', { note: c.absenceNote })}</Notice> : null}
      {c.status === 'absent' || c.status === 'sick' ? <p className="muted">{t('child.reportedAbsent')}</p> : null}
      <dl className="kv">
        {c.checkInAt ? (
          <>
            <dt>{t('door.checkIn')}</dt>
            <dd>{clockTime(c.checkInAt)}</dd>
          </>
        ) : null}
        {c.checkOutAt ? (
          <>
            <dt>{t('door.checkOut')}</dt>
            <dd>
              {clockTime(c.checkOutAt)}
              {c.pickedUpBy ? ` · ${c.pickedUpBy}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="label">{t('child.adults')}</div>
      <ul className="adult-list">
        {c.pickupAdults.map((a) => (
          <li key={a.id} className={a.allowed ? '' : 'refused'}>
            {a.name} <span className="muted">{a.relation}</span>
            {a.allowed ? null : <strong> · {t('child.notAllowed')}</strong>}
          </li>
        ))}
      </ul>
      <div className="sheet-actions">
        {canCheckIn ? (
          <Button kind="go" block big onClick={onCheckIn} data-testid="sheet-check-in">
            {missingOf(c).length
              ? t('child.checkInRecheck')
              : mustAck
                ? t('child.ackAndCheckIn')
                : c.status === 'absent' || c.status === 'sick'
                  ? t('child.checkInAnyway')
                  : t('door.checkIn')}
          </Button>
        ) : c.status === 'present' ? (
          <Button kind="primary" block big onClick={onCheckOut}>
            {t('door.checkOut')}
          </Button>
        ) : null}
      </div>
    </Sheet>
  );
}

export default function Door() {
  const { t } = useT();
  const classId = Number(useParams().id);
  const { stored, items } = useStoredDay(classId);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  /** The list came from the server in this visit (its day is the server's, whatever the phone's clock says). */
  const [fresh, setFresh] = useState(false);
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [open, setOpen] = useState<number | null>(null);
  const [checkout, setCheckout] = useState<number | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  /** A check-in outside the hours waiting for the staff member's confirmation. */
  const [confirmFor, setConfirmFor] = useState<{ child: ViewChild; why: MessageKey } | null>(null);
  const refusedList = useRefusals().filter((r) => r.classId === classId);

  const load = useCallback(async () => {
    try {
      // A list fetched while an answer to our own check-ins was merged is older than what the screen shows: it is
      // dropped (the next refresh brings the whole truth).
      const seen = mergeCount();
      const data = await getDoorDay(classId);
      reportNetwork(true);
      if (mergeCount() === seen) storeDay(data);
      setFresh(true);
      setLoadError(null);
    } catch (e) {
      if (isNetworkError(e)) reportNetwork(false);
      setLoadError(e);
    } finally {
      setLoading(false);
    }
  }, [classId]);

  useEffect(() => {
    void load();
    // Other phones at the door: refresh every minute while the screen is visible.
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && navigator.onLine) void load();
    }, 60_000);
    // Back online: send the queue first, then fetch the list (which then includes it).
    const back = () => void flush().then(load);
    window.addEventListener('online', back);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', back);
    };
  }, [load]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 2500);
    return () => clearTimeout(timer);
  }, [toast]);

  // A list saved on another day is never used: check-ins must not land on yesterday.
  const usable: StoredDay | null = stored && (fresh || stored.data.day === todayInChina()) ? stored : null;
  const day = usable?.data.day ?? todayInChina();
  const children = useMemo(
    () => (usable ? applyQueue(usable.data.children, classId, day, items) : []),
    [usable, classId, day, items],
  );
  const counts = countOf(children);
  const shown = children.filter((c) => inFilter(c, filter) && matches(c, q));
  const openChild = children.find((c) => c.childId === open) ?? null;
  const checkoutChild = children.find((c) => c.childId === checkout) ?? null;

  const checkIn = (c: ViewChild, confirmed = false) => {
    const now = new Date().toISOString();
    const why = usable && !confirmed ? outsideHours(usable.data.class) : null;
    if (why) {
      setOpen(null);
      setConfirmFor({ child: c, why });
      return;
    }
    if (hasHealth(c) && !c.healthAcked) {
      enqueue({ type: 'ack', day, clientId: newClientId(), classId, childId: c.childId });
    }
    enqueue({
      type: 'event',
      day,
      childName: c.name,
      event: {
        clientId: newClientId(),
        classId,
        childId: c.childId,
        kind: 'check_in',
        occurredAt: now,
        ...(confirmed ? { confirmOutsideHours: true } : {}),
      },
    });
    setConfirmFor(null);
    setOpen(null);
    // Missing paperwork: the server decides (a refusal shows in the list with its reason), so no "checked in" yet.
    // Offline, nothing is decided yet: the tap is kept and the server answers when the phone is back online.
    setToast(
      t(missingOf(c).length ? 'door.checkingPapers' : navigator.onLine ? 'door.checkedIn' : 'door.queuedIn', {
        name: c.name,
      }),
    );
    void flush();
  };
  const tapCheckIn = (c: ViewChild) => {
    // Unread health notes, a parent's leave and missing paperwork are read on the card before the child is checked in.
    if ((hasHealth(c) && !c.healthAcked) || c.status === 'absent' || c.status === 'sick' || missingOf(c).length)
      setOpen(c.childId);
    else checkIn(c);
  };
  /** A check-in the server refused as outside the hours (e.g. queued offline), confirmed from the list. */
  const confirmRefused = (r: Refusal) => {
    enqueue({
      type: 'event',
      day,
      childName: r.childName,
      event: {
        clientId: newClientId(),
        classId: r.classId,
        childId: r.childId,
        kind: 'check_in',
        occurredAt: r.at,
        confirmOutsideHours: true,
      },
    });
    removeRefusal(r.clientId);
    void flush();
  };
  const ack = (c: ViewChild) => {
    enqueue({ type: 'ack', day, clientId: newClientId(), classId, childId: c.childId });
    void flush();
  };

  const tiles: { key: Filter; label: MessageKey; n: number }[] = [
    { key: 'arrived', label: 'counts.arrived', n: counts.arrived },
    { key: 'left', label: 'counts.left', n: counts.left },
    { key: 'absent', label: 'counts.absent', n: counts.absent },
    { key: 'missing', label: 'counts.missing', n: counts.missing },
  ];

  return (
    <Screen
      title={usable?.data.class.name ?? t('app.name')}
      back="/"
      below={
        <>
          <SyncBanner />
          {usable ? (
            <div className="counts" data-testid="counts">
              {tiles.map((tile) => (
                <button
                  type="button"
                  key={tile.key}
                  className={`count ${tile.key}${filter === tile.key ? ' on' : ''}`}
                  aria-pressed={filter === tile.key}
                  onClick={() => setFilter(filter === tile.key ? 'all' : tile.key)}
                  data-testid={`count-${tile.key}`}
                >
                  <span className="count-n">{tile.n}</span>
                  <span className="count-label">{t(tile.label)}</span>
                </button>
              ))}
            </div>
          ) : null}
          {usable ? (
            <div className="search">
              <input
                className="input"
                type="search"
                inputMode="search"
                autoComplete="off"
                autoCapitalize="none"
                placeholder={t('door.search')}
                aria-label={t('door.search')}
                value={q}
                onChange={(e) => setQ(e.target.value)}
                data-testid="door-search"
              />
              {q ? (
                <button type="button" className="icon-btn" onClick={() => setQ('')}>
                  {t('door.clearSearch')}
                </button>
              ) : null}
            </div>
          ) : null}
        </>
      }
    >
      <MyShift classId={classId} />
      {refusedList.length ? (
        <Notice kind="error" title={t('refused.title')} testId="refused-list">
          <ul className="refused-list">
            {refusedList.map((r) => (
              <li key={r.clientId}>
                <strong>{r.childName}</strong> {clockTime(r.at)} · {r.message}
                {r.code === 'OUTSIDE_HOURS' && r.kind === 'check_in' ? (
                  <Button onClick={() => confirmRefused(r)} data-testid="refused-confirm">
                    {t('refused.confirm')}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
          <Button onClick={clearRefusals}>{t('refused.dismiss')}</Button>
        </Notice>
      ) : null}
      {usable && loadError && isNetworkError(loadError) ? (
        <p className="muted small">{t('door.cached', { time: clockTime(usable.savedAt) })}</p>
      ) : null}
      {!usable && loading ? <Loading /> : null}
      {!usable && !loading && loadError ? (
        isNetworkError(loadError) ? (
          <Notice kind="warn">{t('door.noCache')}</Notice>
        ) : (
          <LoadError error={loadError} onRetry={() => void load()} />
        )
      ) : null}
      {usable && children.length === 0 ? (
        <div className="card empty">
          <p>{t('door.noChildren')}</p>
        </div>
      ) : null}
      {usable && children.length > 0 && shown.length === 0 ? (
        <div className="card empty">
          <p>{t('door.noMatch', { q: q || t('door.filterAll') })}</p>
        </div>
      ) : null}
      <ul className="children">
        {shown.map((c) => (
          <ChildRow
            key={c.childId}
            c={c}
            onOpen={() => setOpen(c.childId)}
            onCheckIn={() => tapCheckIn(c)}
            onCheckOut={() => setCheckout(c.childId)}
          />
        ))}
      </ul>
      {toast ? (
        <div className="toast" role="status" data-testid="toast">
          {toast}
        </div>
      ) : null}
      {openChild ? (
        <ChildSheet
          c={openChild}
          onClose={() => setOpen(null)}
          onAck={() => ack(openChild)}
          onCheckIn={() => checkIn(openChild)}
          onCheckOut={() => {
            setOpen(null);
            setCheckout(openChild.childId);
          }}
        />
      ) : null}
      {confirmFor ? (
        <Sheet title={t('hours.title')} onClose={() => setConfirmFor(null)} testId="hours-confirm">
          <Notice kind="warn">
            {t(confirmFor.why, {
              start: usable?.data.class.dailyStart ?? '',
              end: usable?.data.class.dailyEnd ?? '',
            })}
          </Notice>
          <p>{t('hours.ask', { name: confirmFor.child.name })}</p>
          <Button
            kind="primary"
            block
            big
            onClick={() => checkIn(confirmFor.child, true)}
            data-testid="hours-confirm-yes"
          >
            {t('hours.confirm')}
          </Button>
          <Button block onClick={() => setConfirmFor(null)}>
            {t('hours.cancel')}
          </Button>
        </Sheet>
      ) : null}
      {checkoutChild ? (
        <CheckoutSheet
          child={checkoutChild}
          classId={classId}
          day={day}
          onClose={() => setCheckout(null)}
          onDone={(queued) => {
            setCheckout(null);
            setToast(t(queued ? 'door.queuedOut' : 'door.checkedOut', { name: checkoutChild.name }));
          }}
        />
      ) : null}
    </Screen>
  );
}
