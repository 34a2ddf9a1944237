/**
 * The aggregates kept in step with the writes that change them (docs/FIGURES.md, "Maintained aggregates"): the
 * triggers mark a class stale in the writing transaction; on the domain event of that write this subscription
 * recomputes the class before the transaction commits — exactly once, with the write. Check-ins need none (the
 * attendance_days trigger applies them as deltas), and applications change nothing counted. Marks left without an
 * event (imports written straight to the tables, a calendar change, which touches every class) are recomputed by the
 * next figures read.
 */
import type { DomainEvent, Subscription } from '../../events/audit.js';
import type { Db } from '../../db/client.js';
import { refreshStale } from './stats.aggregates.js';

const classOfAfter = (ev: DomainEvent) => Number((ev.after as { classId?: unknown } | null)?.classId);

async function refreshOne(tx: Db, classId: number) {
  if (Number.isInteger(classId)) await refreshStale(tx, [classId]);
}

export const statsSubscriptions: readonly Subscription[] = [
  { entity: 'class', handle: (tx, _ctx, ev) => refreshOne(tx, Number(ev.entityId)) },
  {
    entity: 'enrolment',
    actions: ['enrolment.confirm', 'enrolment.withdraw', 'enrolment.expire'],
    handle: (tx, _ctx, ev) => refreshOne(tx, classOfAfter(ev)),
  },
  { entity: 'daily_record', handle: (tx, _ctx, ev) => refreshOne(tx, classOfAfter(ev)) },
  {
    entity: 'attendance',
    actions: ['attendance.correct', 'attendance.absence', 'attendance.absence_cancel'],
    handle: (tx, _ctx, ev) => refreshOne(tx, Number(String(ev.entityId).split(':')[0])),
  },
];
