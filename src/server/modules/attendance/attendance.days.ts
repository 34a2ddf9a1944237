/**
 * A child's day in a class (attendance_days) as the projection of its events: the key of a child-day, the locks
 * that serialise its writers, the re-projection from attendance_events (the pure `projectDay` lives in
 * src/domain/attendance/projection.ts), and the day's counts. Every writer but the door's fast path goes through
 * `lockDays` + `reproject`; the fast path projects the same way and compare-and-sets the row's `version`.
 */
import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { type DayEvent, eventSummary, type Projection, projectDay } from '../../../domain/attendance/projection.js';
import type { Db } from '../../db/client.js';
import { attendanceDays, attendanceEvents } from '../../db/schema.js';
import type { DayRow } from './attendance.repo.js';
import type { Counts } from './attendance.schema.js';

export interface DayKey {
  classId: number;
  childId: number;
  day: string;
}
export const keyOf = (k: DayKey) => `${k.classId}:${k.childId}:${k.day}`;
export const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

/**
 * A clientId for events the server writes itself (absences, cancellations, corrections). Events at the same
 * instant are ordered by clientId, so these sort in the order they were written (monotonic within a process).
 */
export function serverClientId(): string {
  return `srv-${process.hrtime.bigint().toString().padStart(20, '0')}-${randomUUID().slice(0, 8)}`;
}

/**
 * Door events already stored under the given clientIds, with what they were about. A clientId names one event:
 * sent again for the same child-day and direction it is a replay (an offline queue sent twice); sent for another
 * class, child, day or direction it is a conflict, answered as such instead of silently keeping the old event.
 */
export interface StoredEvent extends DayKey {
  id: number;
  clientId: string;
  kind: string;
}
export async function storedEvents(db: Db, clientIds: string[]): Promise<Map<string, StoredEvent>> {
  if (!clientIds.length) return new Map();
  const rows = await db
    .select({
      id: attendanceEvents.id,
      clientId: attendanceEvents.clientId,
      classId: attendanceEvents.classId,
      childId: attendanceEvents.childId,
      day: attendanceEvents.day,
      kind: attendanceEvents.kind,
    })
    .from(attendanceEvents)
    .where(inArray(attendanceEvents.clientId, clientIds));
  return new Map(rows.map((r) => [r.clientId, r]));
}

/** Whether a stored event is the same door event as an input (a refused check-out is stored as one). */
export function isSameDoorEvent(stored: StoredEvent, input: DayKey & { kind: 'check_in' | 'check_out' }): boolean {
  const kindMatches =
    input.kind === 'check_in'
      ? stored.kind === 'check_in'
      : stored.kind === 'check_out' || stored.kind === 'refused_check_out';
  return (
    stored.classId === input.classId && stored.childId === input.childId && stored.day === input.day && kindMatches
  );
}

export const CLIENT_ID_CONFLICT = {
  zh: '这条签到记录的编号已被另一条记录使用，未保存：请刷新签到页后重新操作。',
  en: "This record's id is already used by another record, so it was not saved: reload the door screen and try again.",
} as const;

/** The day's figures of a class: every enrolled child counted once, a child without a row as expected. */
export function countsOf(enrolledIds: number[], rows: DayRow[]): Counts {
  const byChild = new Map(rows.map((r) => [r.childId, r.status]));
  const c: Counts = { enrolled: enrolledIds.length, present: 0, left: 0, absent: 0, missing: 0 };
  for (const id of enrolledIds) {
    const s = byChild.get(id) ?? 'expected';
    if (s === 'present') c.present++;
    else if (s === 'left') c.left++;
    else if (s === 'absent' || s === 'sick') c.absent++;
    else c.missing++;
  }
  return c;
}

/**
 * Serialises writers of the same child-days (two phones, two app instances): transaction-scoped advisory locks
 * on (child, day), taken in one statement in sorted order, then the day rows themselves (made if missing) locked
 * FOR UPDATE — the door's fast path (attendance.fast.ts) writes without the advisory lock but waits on the row, and
 * its compare-and-set on `version` fails after this transaction, so neither can lose the other's event.
 */
export async function lockDays(tx: Db, keys: DayKey[]): Promise<void> {
  const pairs = [...new Set(keys.map((k) => `${k.childId},${dayNumber(k.day)}`))];
  if (!pairs.length) return;
  const uniq = [...new Map(keys.map((k) => [keyOf(k), k])).values()];
  await tx
    .insert(attendanceDays)
    .values(uniq.map((k) => ({ ...k, status: 'expected', updatedAt: new Date() })))
    .onConflictDoNothing();
  await tx.execute(
    sql`SELECT 1 FROM attendance_days WHERE (class_id, child_id, day) IN (${sql.join(
      uniq.map((k) => sql`(${k.classId}::int, ${k.childId}::int, ${k.day}::text)`),
      sql`, `,
    )}) ORDER BY class_id, child_id, day FOR UPDATE`,
  );
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(v.a, v.b) FROM (VALUES ${sql.join(
      pairs.map((p) => {
        const [a, b] = p.split(',').map(Number);
        return sql`(${a}::int, ${b}::int)`;
      }),
      sql`, `,
    )}) AS v(a, b) ORDER BY v.a, v.b`,
  );
}

/** Re-projects the child-days from all their events and upserts attendance_days; answers the projections. */
export async function reproject(tx: Db, keys: DayKey[], now: Date): Promise<Map<string, Projection & { row: DayRow }>> {
  const uniq = [...new Map(keys.map((k) => [keyOf(k), k])).values()];
  const out = new Map<string, Projection & { row: DayRow }>();
  if (!uniq.length) return out;
  const evs = await tx
    .select()
    .from(attendanceEvents)
    .where(
      sql`(${attendanceEvents.classId}, ${attendanceEvents.childId}, ${attendanceEvents.day}) IN (${sql.join(
        uniq.map((k) => sql`(${k.classId}::int, ${k.childId}::int, ${k.day}::text)`),
        sql`, `,
      )})`,
    );
  const grouped = new Map<string, DayEvent[]>();
  for (const e of evs) {
    const k = keyOf(e);
    grouped.set(k, [...(grouped.get(k) ?? []), e]);
  }
  const projections = uniq.map((k) => ({ k, p: projectDay(grouped.get(keyOf(k)) ?? []) }));
  const rows = await tx
    .insert(attendanceDays)
    .values(
      projections.map(({ k, p }) => ({
        classId: k.classId,
        childId: k.childId,
        day: k.day,
        status: p.state.status,
        checkInEventId: p.state.checkInEventId,
        checkInAt: p.state.checkInAt,
        checkOutEventId: p.state.checkOutEventId,
        checkOutAt: p.state.checkOutAt,
        pickupAdultId: p.state.pickupAdultId,
        absenceReason: p.state.absenceReason,
        events: (grouped.get(keyOf(k)) ?? []).map(eventSummary),
        version: 1,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [attendanceDays.classId, attendanceDays.childId, attendanceDays.day],
      set: {
        status: sql`excluded.status`,
        checkInEventId: sql`excluded.check_in_event_id`,
        checkInAt: sql`excluded.check_in_at`,
        checkOutEventId: sql`excluded.check_out_event_id`,
        checkOutAt: sql`excluded.check_out_at`,
        pickupAdultId: sql`excluded.pickup_adult_id`,
        absenceReason: sql`excluded.absence_reason`,
        events: sql`excluded.events`,
        version: sql`${attendanceDays.version} + 1`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning();
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  for (const { k, p } of projections) {
    const row = byKey.get(keyOf(k));
    if (row) out.set(keyOf(k), { ...p, row });
  }
  return out;
}
