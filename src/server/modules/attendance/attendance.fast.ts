/**
 * The door's fast path: the common batch — check-ins, and check-outs to an adult picked from the child's list —
 * in two statements and no explicit transaction, so that a morning burst costs little more than a session lookup.
 *
 * 1. One read brings, for each child-day of the batch, the child, whether they hold a place, whether the caller
 *    works the door of the class (the door policy's SQL form, `doorSql` beside `attendancePolicy.door`), the adults,
 *    guardians and consents, the day row with its events and version, the batch's clientIds already stored (replays), and
 *    pre-allocated event ids.
 * 2. The projection runs here over the day's events plus the new ones (`projectDay`, the same function as the batch
 *    path), and one statement upserts the day rows with a compare-and-set on `version`, inserts the events
 *    (ON CONFLICT (client_id) DO NOTHING) and the guardians' notices. A guard divides by zero unless every day row
 *    and every event was written, so the statement is all or nothing.
 *
 * The route folds the session lookup into that read (`doorSessionWith`, the auth hook's `sessionWith`), so a tap
 * costs two round trips, as many as the lightest authenticated write. The statements are in
 * attendance.fast.statements.ts.
 *
 * Anything else answers `null` and the batch path (postEvents) handles it: pickup codes, refusals, children not
 * enrolled, check-ins of children whose paperwork is not complete on the day (PAPERWORK_MISSING), another writer of
 * the same child-day in between (the compare-and-set fails), a stored clientId of another child-day. The batch path row-locks the day rows before it reads their events, so the two never lose an
 * event between them.
 */
import { classDaysOf } from './attendance.class-days.js';
import { doorTiming, FUTURE_TOLERANCE_MS } from '../../../domain/attendance/door-time.js';
import { type DayEvent, eventSummary, projectDay } from '../../../domain/attendance/projection.js';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/actor.js';
import type { SessionPrefetch } from '../../request.js';
import type { SessionRow } from '../../auth/sessions.js';
import type { RequestContext } from '../../context.js';
import type { Database } from '../../db/client.js';
import { fromDriverRow, pgErrorCode } from '../../db/rows.js';
import { attendanceDays, attendanceEvents, notifications } from '../../db/schema.js';
import { type DayKey, keyOf } from './attendance.days.js';
import { presentDoorChild } from './attendance.door.js';
import { FAST_COLUMNS, MANY_DAYS, ONE_DAY, readSql, recordsOf, WRITE_SQL } from './attendance.fast.statements.js';
import { type GuardianNote, guardianInboxRows } from './attendance.notices.js';
import { DOOR_ROLES } from './attendance.policy.js';
import type { AdultRow, DayRow, EnrolledChild } from './attendance.repo.js';
import { type DoorChild, type EventInput, type EventResult, postEventsBody } from './attendance.schema.js';

/** Larger batches (an offline queue flushing) take the batch path. */
const FAST_MAX_EVENTS = 50;
/** division_by_zero: the guard's way of refusing a partial write. */
const GUARD_TRIPPED = '22012';

interface ReadRow {
  class_id: number;
  child_id: number;
  day: string;
  name: string;
  grade: string;
  family_id: number;
  photo_file_id: number | null;
  allergies: string | null;
  health_notes: string | null;
  enrolment_id: number | null;
  accepted_at: string | Date | null;
  /** The session's person works the door of this class: one of its units lies in a subtree of a door-role grant. */
  door_ok: boolean;
  /** Custody agreement signed and an approved insurance proof covering the day (`paperworkComplete`, in SQL). */
  paperwork_ok: boolean;
  adults: { id: number; name: string; relation: string; allowed: boolean; revoked: boolean }[] | string;
  guardian_ids: number[] | string;
  guardians: { userId: number; name: string }[] | string;
  /** The class's hours and dates: a check-in outside them goes to the batch path (OUTSIDE_HOURS). */
  hours: ClassHoursRow | string | null;
  health_consent: boolean;
  photo_consent: boolean;
  day_row: Record<string, unknown> | string | null;
  existing: { clientId: string; id: number }[] | string;
  ids: (number | string)[] | string | null;
  /** The caller's session (`SESSION_SELECT`), for the auth hook when the read is made before it. */
  session: SessionRow | string | null;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

interface ClassHoursRow {
  dailyStart: string | null;
  dailyEnd: string | null;
  startDate: string | null;
  endDate: string | null;
  closedDates: string[] | null;
  campaignId: number;
}

/**
 * Is a check-in at this moment inside the class's hours, on one of its days (`days`: classDaysOf, by its campaign's
 * calendar)? Else the batch path decides and says why.
 */
function inHours(h: ClassHoursRow | null, days: ReadonlySet<string>, kind: string, at: Date, now: Date): boolean {
  const t = doorTiming(kind, at, now, {
    isClassDay: (d) => days.has(d),
    dailyStart: h?.dailyStart ?? null,
    dailyEnd: h?.dailyEnd ?? null,
  });
  return t.ok && t.outside === null;
}

/** A batch the fast path may take: its distinct events and child-days; null sends it to the batch path. */
interface Plan {
  inputs: EventInput[];
  planned: { e: EventInput; key: DayKey }[];
  keys: DayKey[];
}

function planFast(body: { events: EventInput[] }, now: Date): Plan | null {
  const inputs = [...new Map(body.events.map((e) => [e.clientId, e])).values()];
  if (inputs.length > FAST_MAX_EVENTS) return null;
  for (const e of inputs) {
    if (e.pickupCode || e.pickupGuardianId || e.confirmOutsideHours) return null;
    if (e.kind === 'check_out' && !e.pickupAdultId) return null;
    // Another day than today, or ahead of the server's clock: refused by the batch path (door-time.ts).
    if (new Date(e.occurredAt).getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return null;
    if (todayInChina(new Date(e.occurredAt)) !== todayInChina(now)) return null;
  }
  const planned = inputs.map((e) => ({ e, key: { classId: e.classId, childId: e.childId, day: dayOf(e) } }));
  const keys = [...new Map(planned.map((p) => [keyOf(p.key), p.key])).values()];
  return { inputs, planned, keys };
}

/** The read, for the caller's session: see `readSql`. */
async function readDays(database: Database, plan: Plan, sessionId: string): Promise<ReadRow[]> {
  const { inputs, keys } = plan;
  const clientIds = inputs.map((e) => e.clientId);
  // One child-day (a tap at the door) is the hot case: a prepared statement with plain equality lookups. Several go
  // unprepared, so that the planner sees how many there are.
  const [one] = keys;
  return keys.length === 1 && one
    ? database.prepared<ReadRow>('door_fast_read_one', readSql(ONE_DAY), [
        one.classId,
        one.childId,
        one.day,
        clientIds,
        inputs.length,
        sessionId,
        DOOR_ROLES,
      ])
    : database.prepared<ReadRow>('', readSql(MANY_DAYS), [
        JSON.stringify(keys.map((k) => ({ class_id: k.classId, child_id: k.childId, day: k.day }))),
        keys.length,
        0,
        clientIds,
        inputs.length,
        sessionId,
        DOOR_ROLES,
      ]);
}

/**
 * The events route's `sessionWith`: for a batch the fast path would take, the session comes with the read. The auth
 * hook admits (or refuses) that session exactly as one loaded alone; a body it cannot read, a batch for the batch
 * path, or a read that found nothing (an unknown child) leaves the session to the usual lookup.
 */
export function doorSessionWith(database: Database) {
  return async (req: FastifyRequest, sessionId: string): Promise<SessionPrefetch | undefined> => {
    const body = postEventsBody.safeParse(req.body);
    if (!body.success) return undefined;
    const plan = planFast(body.data, req.ctx.now);
    if (!plan) return undefined;
    const rows = await readDays(database, plan, sessionId);
    const first = rows[0];
    if (!first) return undefined;
    const session = first.session ? json(first.session) : undefined;
    return { session, data: { sessionId, rows } satisfies Prefetched };
  };
}

/** What `doorSessionWith` hands the handler: the read, made for this session. */
interface Prefetched {
  sessionId: string;
  rows: ReadRow[];
}

export async function postEventsFast(
  database: Database,
  ctx: RequestContext,
  actor: Actor,
  body: { deviceId?: string | undefined; events: EventInput[] },
  prefetched?: unknown,
): Promise<{ results: EventResult[]; children: DoorChild[] } | null> {
  const plan = planFast(body, ctx.now);
  if (!plan) return null;
  const { inputs, planned, keys } = plan;
  const pre = prefetched as Prefetched | undefined;
  const read = pre && pre.sessionId === actor.sessionId ? pre.rows : await readDays(database, plan, actor.sessionId);
  // The rows must be exactly this batch's child-days, one each.
  if (read.length !== keys.length) return null;
  const wanted = new Set(keys.map(keyOf));
  for (const r of read)
    if (!wanted.delete(keyOf({ classId: r.class_id, childId: r.child_id, day: r.day }))) return null;

  interface Day {
    key: DayKey;
    kid: EnrolledChild;
    adults: AdultRow[];
    guardians: number[];
    family: { userId: number; name: string }[];
    consent: { health: boolean; photo: boolean };
    row: DayRow | undefined;
  }
  const days = new Map<string, Day>();
  for (const r of read) {
    if (r.enrolment_id === null || !r.door_ok) return null;
    const key = { classId: r.class_id, childId: r.child_id, day: r.day };
    const rawDay = r.day_row ? json(r.day_row) : null;
    days.set(keyOf(key), {
      key,
      kid: {
        classId: r.class_id,
        childId: r.child_id,
        enrolmentId: r.enrolment_id,
        acceptedAt: r.accepted_at ? new Date(r.accepted_at) : null,
        name: r.name,
        grade: r.grade,
        familyId: r.family_id,
        photoFileId: r.photo_file_id,
        allergies: r.allergies,
        healthNotes: r.health_notes,
      },
      adults: json(r.adults).map((a) => ({
        id: a.id,
        childId: r.child_id,
        name: a.name,
        relation: a.relation,
        phone: null,
        photoFileId: null,
        allowed: a.allowed,
        revokedAt: a.revoked ? new Date(0) : null,
        createdAt: new Date(0),
      })),
      guardians: json(r.guardian_ids),
      family: json(r.guardians),
      consent: { health: r.health_consent, photo: r.photo_consent },
      row: rawDay ? fromDriverRow(attendanceDays, rawDay) : undefined,
    });
  }
  // A check-in without complete paperwork is refused (PAPERWORK_MISSING, with the guardian told): the batch path's.
  const paperworkOk = new Set(
    read.filter((r) => r.paperwork_ok).map((r) => keyOf({ classId: r.class_id, childId: r.child_id, day: r.day })),
  );
  for (const p of planned) if (p.e.kind === 'check_in' && !paperworkOk.has(keyOf(p.key))) return null;
  // A check-in outside the class's hours needs the staff member's confirmation: the batch path asks (OUTSIDE_HOURS).
  const hoursOf = new Map(read.map((r) => [r.class_id, r.hours ? json(r.hours) : null]));
  const daysOf = new Map<number, Set<string>>();
  for (const p of planned) {
    if (p.e.kind !== 'check_in') continue;
    const h = hoursOf.get(p.key.classId) ?? null;
    let days = daysOf.get(p.key.classId);
    if (!days) {
      // The campaign's calendar is cached: a burst of taps reads it once.
      days = new Set(h ? await classDaysOf(database.db, h) : []);
      daysOf.set(p.key.classId, days);
    }
    if (!inHours(h, days, 'check_in', new Date(p.e.occurredAt), ctx.now)) return null;
  }
  // A check-out here only goes to an authorised adult of this child; anything else is a refusal for the batch path.
  for (const p of planned) {
    if (p.e.kind !== 'check_out') continue;
    const adult = days.get(keyOf(p.key))?.adults.find((a) => a.id === p.e.pickupAdultId);
    if (!adult?.allowed || adult.revokedAt) return null;
  }

  const first = read[0] as ReadRow;
  const stored = new Map(json(first.existing).map((x) => [x.clientId, Number(x.id)]));
  const freeIds = (first.ids ? json(first.ids) : []).map(Number);
  const results = new Map<string, EventResult>();
  const fresh = planned.filter((p) => {
    const id = stored.get(p.e.clientId);
    if (id === undefined) return true;
    results.set(p.e.clientId, { clientId: p.e.clientId, outcome: 'replayed', eventId: id });
    return false;
  });
  // A stored clientId must be this very event of the child-day (same direction), else the batch path decides
  // (and answers a conflict).
  for (const [clientId] of stored) {
    const p = planned.find((x) => x.e.clientId === clientId);
    const day = p ? days.get(keyOf(p.key)) : undefined;
    const same = (kind: string) =>
      p?.e.kind === 'check_in' ? kind === 'check_in' : kind === 'check_out' || kind === 'refused_check_out';
    if (!day?.row?.events.some((ev) => ev.clientId === clientId && same(ev.kind))) return null;
  }

  const eventRows: (typeof attendanceEvents.$inferInsert)[] = [];
  const byDay = new Map<string, DayEvent[]>();
  fresh.forEach((p, i) => {
    const id = freeIds[i];
    if (id === undefined) throw new Error('event ids were not allocated');
    const row = {
      id,
      clientId: p.e.clientId,
      classId: p.e.classId,
      childId: p.e.childId,
      day: p.key.day,
      kind: p.e.kind,
      occurredAt: new Date(p.e.occurredAt),
      receivedAt: ctx.now,
      actorId: actor.userId,
      actorName: actor.displayName,
      deviceId: body.deviceId ?? null,
      pickupAdultId: p.e.kind === 'check_out' ? (p.e.pickupAdultId ?? null) : null,
      pickupMethod: p.e.kind === 'check_out' ? 'list' : null,
      reason: null,
      note: p.e.note ?? null,
    };
    eventRows.push(row);
    byDay.set(keyOf(p.key), [...(byDay.get(keyOf(p.key)) ?? []), eventSummary(row)]);
  });

  const dayValues: (typeof attendanceDays.$inferInsert)[] = [];
  const notes: GuardianNote[] = [];
  for (const [k, added] of byDay) {
    const d = days.get(k) as Day;
    const events = [...(d.row?.events ?? []), ...added];
    const pr = projectDay(events);
    dayValues.push({
      ...d.key,
      status: pr.state.status,
      checkInEventId: pr.state.checkInEventId,
      checkInAt: pr.state.checkInAt,
      checkOutEventId: pr.state.checkOutEventId,
      checkOutAt: pr.state.checkOutAt,
      pickupAdultId: pr.state.pickupAdultId,
      absenceReason: pr.state.absenceReason,
      events,
      version: (d.row?.version ?? 0) + 1,
      updatedAt: ctx.now,
    });
    for (const ev of added) {
      const applied = pr.winners.has(ev.clientId);
      results.set(ev.clientId, {
        clientId: ev.clientId,
        outcome: applied ? 'applied' : 'duplicate',
        eventId: ev.id ?? 0,
      });
      if (applied)
        notes.push({
          childId: d.key.childId,
          childName: d.kid.name,
          kind: ev.kind as 'check_in' | 'check_out',
          at: new Date(ev.occurredAt),
          eventId: ev.id ?? 0,
          adultName: d.adults.find((a) => a.id === ev.pickupAdultId)?.name ?? null,
        });
    }
  }

  const written = new Map<string, DayRow>();
  if (dayValues.length) {
    const notices = guardianInboxRows(ctx.now, notes, (childId) => {
      const d = [...days.values()].find((x) => x.key.childId === childId);
      return d?.guardians ?? [];
    });
    try {
      await database.prepared('door_fast_write', WRITE_SQL, [
        recordsOf(attendanceDays, FAST_COLUMNS.attendance_days, dayValues),
        recordsOf(attendanceEvents, FAST_COLUMNS.attendance_events, eventRows),
        recordsOf(notifications, FAST_COLUMNS.notifications, notices),
        dayValues.length,
        eventRows.length,
      ]);
    } catch (e) {
      if (pgErrorCode(e) === GUARD_TRIPPED) return null; // another writer got there first: the batch path decides
      throw e;
    }
    // What was written is exactly what was computed: the day rows as they now stand.
    for (const v of dayValues) {
      const d = days.get(keyOf(v as DayKey)) as Day;
      written.set(keyOf(v as DayKey), { ...(d.row ?? emptyDay(v)), ...v, updatedAt: ctx.now } as DayRow);
    }
  }

  const children: DoorChild[] = [];
  for (const k of keys) {
    const d = days.get(keyOf(k)) as Day;
    children.push(presentDoorChild(d.kid, d.adults, written.get(keyOf(k)) ?? d.row, d.consent, null, d.family));
  }
  return { results: inputs.map((e) => results.get(e.clientId) as EventResult), children };
}

const dayOf = (e: EventInput) => todayInChina(new Date(e.occurredAt));

/** A day row as a fresh insert makes it, before the computed fields are laid over it. */
const emptyDay = (v: typeof attendanceDays.$inferInsert): DayRow => ({
  classId: v.classId,
  childId: v.childId,
  day: v.day,
  status: 'expected',
  checkInEventId: null,
  checkInAt: null,
  checkOutEventId: null,
  checkOutAt: null,
  pickupAdultId: null,
  absenceReason: null,
  healthAckAt: null,
  healthAckBy: null,
  arrivalAlertAt: null,
  pickupAlertAt: null,
  events: [],
  version: 0,
  updatedAt: v.updatedAt as Date,
});
