/**
 * The door's fast path: the common batch — check-ins, and check-outs to an adult picked from the child's list —
 * in two statements and no explicit transaction, so that a morning burst costs little more than a session lookup.
 *
 * 1. One read brings, for each child-day of the batch, the child, whether they hold a place, whether the caller
 *    works the door of the class (the door policy as the SQL scope helper states it), the adults, guardians and
 *    consents, the day row with its events and version, the batch's clientIds already stored (replays), and
 *    pre-allocated event ids.
 * 2. The projection runs here over the day's events plus the new ones (`projectDay`, the same function as the batch
 *    path), and one statement upserts the day rows with a compare-and-set on `version`, inserts the events
 *    (ON CONFLICT (client_id) DO NOTHING) and the guardians' notices. A guard divides by zero unless every day row
 *    and every event was written, so the statement is all or nothing.
 *
 * The route folds the session lookup into that read (`doorSessionWith`, the auth hook's `sessionWith`), so a tap
 * costs two round trips, as many as the lightest authenticated write.
 *
 * Anything else answers `null` and the batch path (postEvents) handles it: pickup codes, refusals, children not
 * enrolled, another writer of the same child-day in between (the compare-and-set fails), a stored clientId of
 * another child-day. The batch path row-locks the day rows before it reads their events, so the two never lose an
 * event between them.
 */
import { type DayEvent, projectDay } from '../../../domain/attendance/projection.js';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/actor.js';
import type { SessionPrefetch } from '../../auth/plugin.js';
import { SESSION_GROUP, SESSION_SELECT, type SessionRow } from '../../auth/sessions.js';
import type { RequestContext } from '../../context.js';
import type { Database } from '../../db/client.js';
import { fromDriverRow, pgErrorCode } from '../../db/rows.js';
import { attendanceDays, type attendanceEvents } from '../../db/schema.js';
import { DOOR_ROLES } from './attendance.policy.js';
import type { AdultRow, DayRow, EnrolledChild } from './attendance.repo.js';
import { type DoorChild, type EventInput, type EventResult, postEventsBody } from './attendance.schema.js';
import {
  type DayKey,
  eventSummary,
  type GuardianNote,
  guardianNoticeValues,
  keyOf,
  presentDoorChild,
} from './attendance.service.js';

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
  adults: { id: number; name: string; relation: string; allowed: boolean; revoked: boolean }[] | string;
  guardian_ids: number[] | string;
  health_consent: boolean;
  photo_consent: boolean;
  day_row: Record<string, unknown> | string | null;
  existing: { clientId: string; id: number }[] | string;
  ids: (number | string)[] | string | null;
  /** The caller's session (`SESSION_SELECT`), for the auth hook when the read is made before it. */
  session: SessionRow | string | null;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

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
    if (e.pickupCode) return null;
    if (e.kind === 'check_out' && !e.pickupAdultId) return null;
    if (new Date(e.occurredAt).getTime() > now.getTime() + 10 * 60_000) return null;
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
      consent: { health: r.health_consent, photo: r.photo_consent },
      row: rawDay ? fromDriverRow(attendanceDays, rawDay) : undefined,
    });
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
  // A stored clientId must be one of these child-days' own events, else the batch path decides.
  for (const [clientId] of stored) {
    const p = planned.find((x) => x.e.clientId === clientId);
    const day = p ? days.get(keyOf(p.key)) : undefined;
    if (!day?.row || !(day.row.events as DayEvent[]).some((ev) => ev.clientId === clientId)) return null;
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
    const events = [...((d.row?.events as DayEvent[] | undefined) ?? []), ...added];
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
    const notices = guardianNoticeValues(ctx.now, notes, (childId) => {
      const d = [...days.values()].find((x) => x.key.childId === childId);
      return d?.guardians ?? [];
    });
    const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
    try {
      await database.prepared('door_fast_write', WRITE_SQL, [
        JSON.stringify(
          dayValues.map((v) => ({
            class_id: v.classId,
            child_id: v.childId,
            day: v.day,
            status: v.status,
            check_in_event_id: v.checkInEventId,
            check_in_at: iso(v.checkInAt),
            check_out_event_id: v.checkOutEventId,
            check_out_at: iso(v.checkOutAt),
            pickup_adult_id: v.pickupAdultId,
            absence_reason: v.absenceReason,
            events: v.events,
            version: v.version,
            updated_at: iso(v.updatedAt),
          })),
        ),
        JSON.stringify(
          eventRows.map((e) => ({
            id: e.id,
            client_id: e.clientId,
            class_id: e.classId,
            child_id: e.childId,
            day: e.day,
            kind: e.kind,
            occurred_at: iso(e.occurredAt),
            received_at: iso(e.receivedAt),
            actor_id: e.actorId,
            actor_name: e.actorName,
            device_id: e.deviceId,
            pickup_adult_id: e.pickupAdultId,
            pickup_method: e.pickupMethod,
            reason: e.reason,
            note: e.note,
          })),
        ),
        JSON.stringify(
          notices.map((n) => ({
            user_id: n.userId,
            kind: n.kind,
            severity: n.severity,
            title: n.title,
            body: n.body,
            link: n.link,
            data: n.data,
            created_at: iso(n.createdAt),
          })),
        ),
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
    children.push(presentDoorChild(d.kid, d.adults, written.get(keyOf(k)) ?? d.row, d.consent));
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

/** The batch's child-days: one given as $1 class, $2 child, $3 day; several as a JSON list in $1 and their count. */
const ONE_DAY = 'SELECT $1::int AS class_id, $2::int AS child_id, $3::text AS day';
const MANY_DAYS = `SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(class_id int, child_id int, day text)
   WHERE $3::int = 0 LIMIT $2::int`;

/**
 * One row per child-day of the batch: everything the fast path decides on. $4 the clientIds, $5 their count, $6 the
 * session id, $7 the door roles.
 *
 * The door check is the door policy (attendancePolicy.door) over the session's grants on active organisations, as
 * `inScope` states it: a unit of the class lies in the subtree (`path LIKE root%`) of a door-role grant.
 *
 * The statement is planned once per connection, often while the day's tables are still empty, and that plan then
 * serves a table of a million events: every lookup is written so that its index is the only sensible way (the
 * clientIds one at a time against their unique index, each unit of the class by its key).
 */
const readSql = (days: string) => `
WITH v AS (${days}),
     sess AS MATERIALIZED (${SESSION_SELECT} WHERE s.id = $6::text ${SESSION_GROUP}),
     door AS MATERIALIZED (SELECT coalesce(array_agg((x->>'orgPath') || '%'), '{}') AS roots
                             FROM sess, json_array_elements(sess.grants) x WHERE x->>'role' = ANY($7::text[])),
     ids AS (SELECT nextval(pg_get_serial_sequence('attendance_events', 'id')) AS id
               FROM generate_series(1, CASE WHEN EXISTS (SELECT 1 FROM sess) THEN $5::int ELSE 0 END))
SELECT v.class_id, v.child_id, v.day, ch.name, ch.grade, ch.family_id, ch.photo_file_id, ch.allergies,
       ch.health_notes, en.id AS enrolment_id, en.accepted_at,
       EXISTS (SELECT 1 FROM class_units cu
                WHERE cu.class_id = v.class_id
                  AND (SELECT o.path FROM organizations o WHERE o.id = cu.org_id)
                      LIKE ANY ((SELECT roots FROM door)::text[])) AS door_ok,
       (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'relation', a.relation,
                 'allowed', a.allowed, 'revoked', a.revoked_at IS NOT NULL) ORDER BY a.id), '[]'::json)
          FROM pickup_adults a WHERE a.child_id = v.child_id) AS adults,
       (SELECT coalesce(json_agg(g.user_id), '[]'::json) FROM guardians g WHERE g.family_id = ch.family_id)
         AS guardian_ids,
       EXISTS (SELECT 1 FROM consents k WHERE k.child_id = v.child_id AND k.kind = 'health'
                 AND k.withdrawn_at IS NULL) AS health_consent,
       EXISTS (SELECT 1 FROM consents k WHERE k.child_id = v.child_id AND k.kind = 'photo'
                 AND k.withdrawn_at IS NULL) AS photo_consent,
       (SELECT row_to_json(d) FROM attendance_days d
         WHERE d.class_id = v.class_id AND d.child_id = v.child_id AND d.day = v.day) AS day_row,
       (SELECT coalesce(json_agg(json_build_object('clientId', c.client_id, 'id', c.id))
                          FILTER (WHERE c.id IS NOT NULL), '[]'::json)
          FROM (SELECT x AS client_id, (SELECT e.id FROM attendance_events e WHERE e.client_id = x) AS id
                  FROM unnest($4::text[]) x) c) AS existing,
       (SELECT json_agg(id) FROM ids) AS ids,
       (SELECT row_to_json(sess) FROM sess) AS session
  FROM v
  JOIN children ch ON ch.id = v.child_id
  LEFT JOIN enrolments en ON en.class_id = v.class_id AND en.child_id = v.child_id AND en.status = 'accepted'`;

/**
 * All or nothing: the day rows (compare-and-set on version), the events, the guardians' notices. $4/$5 are how many
 * day rows and events must be written; otherwise the guard divides by zero and the statement is undone.
 */
const WRITE_SQL = `
WITH upd AS (
  INSERT INTO attendance_days (class_id, child_id, day, status, check_in_event_id, check_in_at, check_out_event_id,
      check_out_at, pickup_adult_id, absence_reason, events, version, updated_at)
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(class_id int, child_id int, day text, status text,
      check_in_event_id bigint, check_in_at timestamptz, check_out_event_id bigint, check_out_at timestamptz,
      pickup_adult_id int, absence_reason text, events jsonb, version int, updated_at timestamptz)
  ON CONFLICT (class_id, child_id, day) DO UPDATE SET status = excluded.status,
      check_in_event_id = excluded.check_in_event_id, check_in_at = excluded.check_in_at,
      check_out_event_id = excluded.check_out_event_id, check_out_at = excluded.check_out_at,
      pickup_adult_id = excluded.pickup_adult_id, absence_reason = excluded.absence_reason,
      events = excluded.events, version = excluded.version, updated_at = excluded.updated_at
    WHERE attendance_days.version = excluded.version - 1
  RETURNING 1
), ins AS (
  INSERT INTO attendance_events (id, client_id, class_id, child_id, day, kind, occurred_at, received_at, actor_id,
      actor_name, device_id, pickup_adult_id, pickup_method, reason, note)
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(id bigint, client_id text, class_id int, child_id int, day text,
      kind text, occurred_at timestamptz, received_at timestamptz, actor_id int, actor_name text, device_id text,
      pickup_adult_id int, pickup_method text, reason text, note text)
  ON CONFLICT (client_id) DO NOTHING
  RETURNING 1
), notes AS (
  INSERT INTO notifications (user_id, kind, severity, title, body, link, data, created_at)
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(user_id int, kind text, severity text, title text, body text,
      link text, data jsonb, created_at timestamptz)
)
SELECT 1 / (CASE WHEN (SELECT count(*) FROM upd) = $4::int AND (SELECT count(*) FROM ins) = $5::int
                 THEN 1 ELSE 0 END) AS guard`;
