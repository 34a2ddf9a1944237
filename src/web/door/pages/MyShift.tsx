/**
 * 志愿者/工作人员签到 / 签退: the signed-in person's own arrival and departure at this class (volunteers' hours come
 * from these marks only). Shown only to someone on the class's roster. A tap is queued on the phone with its own
 * clientId and time, like a child's check-in, and sent when the network allows; today's hours are counted from the
 * stored marks with the queued ones on top, by the same rule the server uses (domain/volunteers `servedDays`).
 */
import { useCallback, useEffect, useState } from 'react';
import { servedDays } from '../../../domain/volunteers/index';
import { getMyDoorClasses, isNetworkError } from '../api';
import { clockTime, type MessageKey, todayInChina, useT } from '../i18n';
import { zh } from '../messages';
import {
  clearMarkRefusals,
  enqueue,
  markRefusals,
  myMarksToday,
  newClientId,
  onStoreChange,
  queue,
  storedMe,
  storedMine,
  storeMine,
} from '../store';
import { flush } from '../sync';
import { Button } from '../ui';

const readMine = () => ({ mine: storedMine(), items: queue(), refused: markRefusals() });

function useMine() {
  const [state, setState] = useState(readMine);
  useEffect(() => onStoreChange(() => setState(readMine())), []);
  return state;
}

export function MyShift({ classId }: { classId: number }) {
  const { t } = useT();
  const { mine, items, refused } = useMine();
  const [, tick] = useState(0);

  const load = useCallback(async () => {
    try {
      const r = await getMyDoorClasses();
      storeMine(todayInChina(), r.items);
    } catch (e) {
      // Offline: the stored list and the queue still answer. Other failures leave the card as it was.
      if (!isNetworkError(e)) return;
    }
  }, []);
  useEffect(() => {
    void load();
    const back = () => void flush().then(load);
    window.addEventListener('online', back);
    // The running time of an open shift moves on the screen.
    const timer = setInterval(() => tick((n) => n + 1), 60_000);
    return () => {
      window.removeEventListener('online', back);
      clearInterval(timer);
    };
  }, [load]);

  const entry = mine?.items.find((c) => c.classId === classId);
  if (!entry) return null;
  const day = todayInChina();
  const marks = myMarksToday(classId, day, mine, items);
  const last = marks.at(-1);
  const isIn = last?.kind === 'in';
  const served = servedDays(marks.map((m) => ({ classId, day, kind: m.kind, at: new Date(m.at) })))[0];
  const minutes = served?.minutes ?? 0;
  const pending = marks.some((m) => m.pending);
  const mineRefused = refused.filter((r) => r.classId === classId);
  const firstIn = marks.find((m) => m.kind === 'in');

  const tap = () => {
    const me = storedMe();
    if (!me) return;
    enqueue({
      type: 'mark',
      day,
      userId: me.user.id,
      mark: { clientId: newClientId(), classId, kind: isIn ? 'out' : 'in', occurredAt: new Date().toISOString() },
    });
    void flush();
  };

  const roleKey = `staff.role.${entry.role}`;
  const role = roleKey in zh ? t(roleKey as MessageKey) : entry.role;
  return (
    <section className={`shift${isIn ? ' on' : ''}`} data-testid="my-shift" data-state={isIn ? 'in' : 'out'}>
      <div className="shift-text">
        <div className="shift-title">{t('staff.title')}</div>
        <div className="shift-sub">
          <span className="tag blue">{role}</span>
          {isIn && last ? (
            <span>{t('staff.inSince', { time: clockTime(last.at) })}</span>
          ) : last ? (
            <span>{t('staff.outAt', { time: clockTime(last.at) })}</span>
          ) : (
            <span>{t('staff.notYet')}</span>
          )}
          {pending ? <span className="tag pending">{t('door.pending')}</span> : null}
        </div>
        <div className="shift-hours" data-testid="my-shift-minutes" data-minutes={minutes}>
          {t('staff.today', { h: Math.floor(minutes / 60), m: minutes % 60 })}
          {isIn && firstIn ? <span className="muted">{t('staff.countsOnOut')}</span> : null}
        </div>
      </div>
      <Button kind={isIn ? 'primary' : 'go'} big onClick={tap} data-testid="my-shift-btn">
        {isIn ? t('staff.checkOut') : t('staff.checkIn')}
      </Button>
      {mineRefused.length ? (
        <div className="shift-refused" role="alert" data-testid="my-shift-refused">
          {mineRefused.map((r) => (
            <p key={r.clientId}>
              {t(r.kind === 'in' ? 'staff.checkIn' : 'staff.checkOut')} {clockTime(r.at)} · {r.message}
            </p>
          ))}
          <button type="button" className="icon-btn" onClick={() => clearMarkRefusals(classId)}>
            {t('refused.dismiss')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
