/**
 * The door's fast path in SQL (attendance.fast.ts runs these): the one read and the one all-or-nothing write, and
 * the columns the write lists by hand. test/api/attendance-fast-columns.test.ts compares those lists with the
 * tables (the Drizzle schema and the database): a column added to a table must be written here or named in
 * `FAST_LEAVES` with its reason, or that test fails.
 */
import { getTableColumns, type Table } from 'drizzle-orm';
import { SESSION_GROUP, SESSION_SELECT } from '../../auth/sessions.js';
import { attendanceDays, attendanceEvents, notifications } from '../../db/schema.js';
import { paperworkCompleteText } from '../enrolments/paperwork.sql.js';
import { doorSql } from './attendance.policy.js';

/** The columns WRITE_SQL writes, per table, in the order of its INSERT lists and of its records' definitions. */
export const FAST_COLUMNS = {
  attendance_days: [
    'class_id',
    'child_id',
    'day',
    'status',
    'check_in_event_id',
    'check_in_at',
    'check_out_event_id',
    'check_out_at',
    'pickup_adult_id',
    'absence_reason',
    'events',
    'version',
    'updated_at',
  ],
  attendance_events: [
    'id',
    'client_id',
    'class_id',
    'child_id',
    'day',
    'kind',
    'occurred_at',
    'received_at',
    'actor_id',
    'actor_name',
    'device_id',
    'pickup_adult_id',
    'pickup_method',
    'reason',
    'note',
  ],
  notifications: ['user_id', 'kind', 'severity', 'title', 'body', 'link', 'data', 'created_at'],
} as const;

/** The columns WRITE_SQL leaves alone, and why. Every other column of these tables must be in FAST_COLUMNS. */
export const FAST_LEAVES: Record<keyof typeof FAST_COLUMNS, readonly string[]> = {
  // Stamped by the health acknowledgement and the alerts; the upsert must not clear them.
  attendance_days: ['health_ack_at', 'health_ack_by', 'arrival_alert_at', 'pickup_alert_at'],
  // A correction's target and facts: the fast path writes check-ins and check-outs only.
  attendance_events: ['target_event_id', 'data'],
  // The serial id, and read_at: a new notice is unread.
  notifications: ['id', 'read_at'],
};

/** The fast path's tables by name, for `recordsOf` and the columns test. */
export const FAST_TABLES = {
  attendance_days: attendanceDays,
  attendance_events: attendanceEvents,
  notifications,
} as const;

/**
 * Rows (Drizzle's insert shape) as the JSON list a `jsonb_to_recordset` of WRITE_SQL reads: one object per row keyed
 * by the listed column names (dates as ISO strings, missing values as null).
 */
export function recordsOf<T extends Table>(table: T, columns: readonly string[], rows: T['$inferInsert'][]): string {
  const keyOf = new Map(Object.entries(getTableColumns(table)).map(([key, c]) => [c.name, key]));
  return JSON.stringify(
    rows.map((r) =>
      Object.fromEntries(columns.map((c) => [c, (r as Record<string, unknown>)[keyOf.get(c) ?? c] ?? null])),
    ),
  );
}

/** The batch's child-days: one given as $1 class, $2 child, $3 day; several as a JSON list in $1 and their count. */
export const ONE_DAY = 'SELECT $1::int AS class_id, $2::int AS child_id, $3::text AS day';
export const MANY_DAYS = `SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(class_id int, child_id int, day text)
   WHERE $3::int = 0 LIMIT $2::int`;

/**
 * One row per child-day of the batch: everything the fast path decides on (whether the child's paperwork is complete
 * on the day included: `paperworkCompleteText`, the SQL form of the domain's `paperworkComplete`). $4 the clientIds, $5 their count, $6 the
 * session id, $7 the door roles.
 *
 * The door check is the door policy's SQL form (`doorSql`, beside `attendancePolicy.door`) over the session's grants
 * on active organisations: a unit of the class lies in the subtree (`path LIKE root%`) of a door-role grant.
 *
 * The statement is planned once per connection, often while the day's tables are still empty, and that plan then
 * serves a table of a million events: every lookup is written so that its index is the only sensible way (the
 * clientIds one at a time against their unique index, each unit of the class by its key).
 */
export const readSql = (days: string) => `
WITH v AS (${days}),
     sess AS MATERIALIZED (${SESSION_SELECT} WHERE s.id = $6::text ${SESSION_GROUP}),
     door AS MATERIALIZED (${doorSql.roots('sess', '$7')}),
     ids AS (SELECT nextval(pg_get_serial_sequence('attendance_events', 'id')) AS id
               FROM generate_series(1, CASE WHEN EXISTS (SELECT 1 FROM sess) THEN $5::int ELSE 0 END))
SELECT v.class_id, v.child_id, v.day, ch.name, ch.grade, ch.family_id, ch.photo_file_id, ch.allergies,
       ch.health_notes, en.id AS enrolment_id, en.accepted_at,
       ${doorSql.worksDoorOf('v.class_id', '(SELECT roots FROM door)')} AS door_ok,
       ${paperworkCompleteText({ enrolmentId: 'en.id', agreementOrgId: '(SELECT pc.org_id FROM care_classes pc WHERE pc.id = v.class_id)', day: 'v.day' })}
         AS paperwork_ok,
       (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'relation', a.relation,
                 'allowed', a.allowed, 'revoked', a.revoked_at IS NOT NULL) ORDER BY a.id), '[]'::json)
          FROM pickup_adults a WHERE a.child_id = v.child_id) AS adults,
       (SELECT coalesce(json_agg(g.user_id), '[]'::json) FROM guardians g WHERE g.family_id = ch.family_id)
         AS guardian_ids,
       (SELECT coalesce(json_agg(json_build_object('userId', g.user_id, 'name', u.display_name) ORDER BY g.user_id),
                 '[]'::json)
          FROM guardians g JOIN users u ON u.id = g.user_id WHERE g.family_id = ch.family_id) AS guardians,
       (SELECT json_build_object('dailyStart', hc.daily_start, 'dailyEnd', hc.daily_end, 'startDate', hc.start_date,
                 'endDate', hc.end_date, 'closedDates', hc.closed_dates, 'campaignId', hc.campaign_id)
          FROM care_classes hc WHERE hc.id = v.class_id) AS hours,
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
export const WRITE_SQL = `
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
