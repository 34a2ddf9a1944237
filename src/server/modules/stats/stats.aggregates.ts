/**
 * The statistics' maintained aggregates (docs/FIGURES.md, "Maintained aggregates"; tables/aggregates.ts): per class
 * day, the attendance and daily-record figures, so that a figure as of a day is a range sum over at most one row per
 * class day — never a scan of attendance events, child-days or records per request.
 *
 * - `refreshClassDays(db, ids)`: recomputes the classes' rows from scratch (the same definitions as the rule and the
 *   records overview: `classDayFigures`) and clears their stale marks. The class's rows are locked first, so a door
 *   delta (the attendance_days trigger) committed meanwhile is either read or applied on top, never lost.
 * - `refreshStale(db)`: recomputes every class marked stale (triggers mark them in the writing transaction).
 * - `rebuildAggregates(db)`: every class again, and the places/children/families rows (stats_members,
 *   stats_scope_days: tables/stats.ts) from scratch (backfill, repair: `tuoguan stats rebuild-aggregates`).
 * - `scopeCounts(db, …)`: places, kindergarten places, children and families as of a day, per class or organisation.
 * - `classDayTotals(db, classes, asOf)`: the sums up to a day, with the campaign's sick-leave treatment applied as
 *   the rule applies it.
 */
import { and, eq, getTableColumns, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DayFact, PlaceFact } from '../../../domain/attendance/figures.js';
import { type IsoDate, isIsoDate, todayInChina } from '../../../domain/calendar/dates.js';
import { workingDaysInRange } from '../../../domain/calendar/workdays.js';
import { type Campaign, DEFAULT_DAILY } from '../../../domain/campaign/schema.js';
import { dailySettingsOf, requiredKinds } from '../../../domain/daily/index.js';
import { classDayFigures } from '../../../domain/stats/class-days.js';
import { groupBy } from '../../../domain/stats/rollup.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { attendanceDays, campaigns, careClasses, dailyRecords, enrolments } from '../../db/schema.js';
import { statsClassDays, statsClassTotals, statsStaleClasses } from '../../db/tables/aggregates.js';
import { effectiveCalendar } from '../calendar/calendar.repo.js';
import { idArray, idSet } from './stats.repo.js';

/** An upsert's `SET` taking these columns from the row that conflicted (`excluded.<column>`). */
function fromExcluded<T extends PgTable>(table: T, keys: readonly (keyof T['$inferInsert'] & string)[]) {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((k) => [k, sql.raw(`excluded.${columns[k]?.name ?? k}`)]));
}

/** Recomputes the classes' day rows (one after the other in batches; the caller may pass a transaction). */
export async function refreshClassDays(db: Db, classIds: readonly number[]): Promise<void> {
  const ids = [...new Set(classIds)];
  for (let i = 0; i < ids.length; i += 200) await refreshBatch(db, ids.slice(i, i + 200));
}

async function refreshBatch(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  // Lock the rows the door's trigger adjusts before reading what they are computed from.
  const existing = await db
    .select({ classId: statsClassDays.classId, day: statsClassDays.day })
    .from(statsClassDays)
    .where(sql`${statsClassDays.classId} = ANY(${idArray(ids)})`)
    .for('update');
  const classes = await db
    .select({
      id: careClasses.id,
      campaignId: careClasses.campaignId,
      startDate: careClasses.startDate,
      endDate: careClasses.endDate,
      closedDates: careClasses.closedDates,
      meals: careClasses.meals,
    })
    .from(careClasses)
    .where(inArray(careClasses.id, ids));
  const campaignIds = [...new Set(classes.map((c) => c.campaignId))];
  const camps = campaignIds.length
    ? await db
        .select({ id: campaigns.id, params: campaigns.params })
        .from(campaigns)
        .where(inArray(campaigns.id, campaignIds))
    : [];
  const places = await db
    .select({
      classId: enrolments.classId,
      enrolmentId: enrolments.id,
      childId: enrolments.childId,
      status: enrolments.status,
      acceptedAt: enrolments.acceptedAt,
      withdrawnAt: enrolments.withdrawnAt,
    })
    .from(enrolments)
    .where(
      and(
        inArray(enrolments.classId, ids),
        or(
          eq(enrolments.status, 'accepted'),
          and(eq(enrolments.status, 'withdrawn'), isNotNull(enrolments.acceptedAt)),
        ),
      ),
    );
  const rows = await db
    .select({
      classId: attendanceDays.classId,
      childId: attendanceDays.childId,
      day: attendanceDays.day,
      status: attendanceDays.status,
    })
    .from(attendanceDays)
    .where(and(inArray(attendanceDays.classId, ids), inArray(attendanceDays.status, ['present', 'left', 'sick'])));
  const records = await db
    .select({ classId: dailyRecords.classId, kind: dailyRecords.kind, day: dailyRecords.day })
    .from(dailyRecords)
    .where(inArray(dailyRecords.classId, ids));

  const params = new Map<number, { params: Campaign; calendar: Awaited<ReturnType<typeof effectiveCalendar>> }>();
  for (const c of camps) params.set(c.id, { params: c.params, calendar: await effectiveCalendar(db, c.params) });
  const placesOf = groupBy(places, (p) => p.classId);
  const rowsOf = groupBy(rows, (r) => r.classId);
  const recordsOf = groupBy(records, (r) => r.classId);
  const values: (typeof statsClassDays.$inferInsert)[] = [];
  for (const c of classes) {
    const camp = params.get(c.campaignId);
    if (!camp || !c.startDate || !c.endDate || !isIsoDate(c.startDate) || !isIsoDate(c.endDate)) continue;
    const closed = Array.isArray(c.closedDates) ? c.closedDates.filter(isIsoDate) : [];
    const days = workingDaysInRange(c.startDate, c.endDate, closed, camp.calendar);
    const placeFacts: PlaceFact[] = (placesOf.get(c.id) ?? []).map((p) => ({
      enrolmentId: p.enrolmentId,
      childId: p.childId,
      status: p.status,
      acceptedOn: p.acceptedAt ? todayInChina(p.acceptedAt) : undefined,
      withdrawnOn: p.withdrawnAt ? todayInChina(p.withdrawnAt) : undefined,
    }));
    const figures = classDayFigures({
      days,
      places: placeFacts,
      rows: (rowsOf.get(c.id) ?? []) as DayFact[],
      requirements: requiredKinds(dailySettingsOf(camp.params.daily, DEFAULT_DAILY), {
        servesMeals: c.meals !== 'none',
      }),
      records: recordsOf.get(c.id) ?? [],
    });
    for (const f of figures) values.push({ classId: c.id, ...f });
  }
  // In place (an upsert, not delete-and-insert): a door delta waiting on a row lock lands on the new value.
  for (let i = 0; i < values.length; i += 2000) {
    await db
      .insert(statsClassDays)
      .values(values.slice(i, i + 2000))
      .onConflictDoUpdate({
        target: [statsClassDays.classId, statsClassDays.day],
        set: fromExcluded(statsClassDays, ['present', 'sick', 'scheduled', 'recordsRequired', 'recordsDone']),
      });
  }
  const kept = new Set(values.map((v) => `${v.classId}|${v.day}`));
  const gone = existing.filter((e) => !kept.has(`${e.classId}|${e.day}`));
  for (let i = 0; i < gone.length; i += 500) {
    const part = gone.slice(i, i + 500);
    await db.execute(
      sql`DELETE FROM stats_class_days WHERE (class_id, day) IN (${sql.join(
        part.map((g) => sql`(${g.classId}::int, ${g.day}::text)`),
        sql`, `,
      )})`,
    );
  }
  // The anchor's sums (stats_class_totals): every row up to today, China time, from the rows just written. Today's
  // door deltas are then applied to the anchor by the door's trigger (one more row updated per tap, the class's own),
  // so that today's figures read the anchor alone, not a row per class past it.
  const anchor = todayInChina(new Date());
  const totals = new Map<number, typeof statsClassTotals.$inferInsert>();
  for (const c of classes)
    totals.set(c.id, {
      classId: c.id,
      throughDay: anchor,
      firstDay: null,
      lastDay: null,
      days: 0,
      present: 0,
      sick: 0,
      scheduled: 0,
      recordsRequired: 0,
      recordsDone: 0,
    });
  for (const v of values) {
    const t = totals.get(v.classId);
    if (!t) continue;
    if (!t.firstDay || v.day < t.firstDay) t.firstDay = v.day;
    if (!t.lastDay || v.day > t.lastDay) t.lastDay = v.day;
    if (v.day > anchor) continue;
    t.days = (t.days ?? 0) + 1;
    t.present = (t.present ?? 0) + (v.present ?? 0);
    t.sick = (t.sick ?? 0) + (v.sick ?? 0);
    t.scheduled = (t.scheduled ?? 0) + (v.scheduled ?? 0);
    t.recordsRequired = (t.recordsRequired ?? 0) + (v.recordsRequired ?? 0);
    t.recordsDone = (t.recordsDone ?? 0) + (v.recordsDone ?? 0);
  }
  const sums = [...totals.values()];
  for (let i = 0; i < sums.length; i += 2000) {
    await db
      .insert(statsClassTotals)
      .values(sums.slice(i, i + 2000))
      .onConflictDoUpdate({
        target: statsClassTotals.classId,
        set: fromExcluded(statsClassTotals, [
          'throughDay',
          'firstDay',
          'lastDay',
          'days',
          'present',
          'sick',
          'scheduled',
          'recordsRequired',
          'recordsDone',
        ]),
      });
  }
  await db.delete(statsStaleClasses).where(sql`${statsStaleClasses.classId} = ANY(${idArray(ids)})`);
}

/**
 * Moves the classes' anchors (stats_class_totals) to `through`: their sums recomputed from their class-day rows up to
 * that day. The rows are locked first, as `refreshClassDays` does, so a door delta is either read or applied on top.
 * (`refreshClassDays` anchors at today by itself; this moves anchors without recomputing the rows.)
 */
export async function anchorTotals(db: Db, classIds: readonly number[], through: IsoDate): Promise<void> {
  if (classIds.length === 0) return;
  const ids = idArray(classIds);
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1 FROM stats_class_days WHERE class_id = ANY(${ids}) FOR UPDATE`);
    await tx.execute(sql`
      INSERT INTO stats_class_totals (class_id, through_day, first_day, last_day, days, present, sick, scheduled,
                                      records_required, records_done)
      SELECT c.id, ${through}, min(d.day), max(d.day), count(d.day) FILTER (WHERE d.day <= ${through})::int,
             coalesce(sum(d.present) FILTER (WHERE d.day <= ${through}), 0)::int,
             coalesce(sum(d.sick) FILTER (WHERE d.day <= ${through}), 0)::int,
             coalesce(sum(d.scheduled) FILTER (WHERE d.day <= ${through}), 0)::int,
             coalesce(sum(d.records_required) FILTER (WHERE d.day <= ${through}), 0)::int,
             coalesce(sum(d.records_done) FILTER (WHERE d.day <= ${through}), 0)::int
        FROM care_classes c LEFT JOIN stats_class_days d ON d.class_id = c.id
       WHERE c.id = ANY(${ids})
       GROUP BY c.id
      ON CONFLICT (class_id) DO UPDATE SET through_day = excluded.through_day, first_day = excluded.first_day,
        last_day = excluded.last_day, days = excluded.days,
        present = excluded.present, sick = excluded.sick, scheduled = excluded.scheduled,
        records_required = excluded.records_required, records_done = excluded.records_done`);
  });
}

/**
 * The classes whose anchor lies before `day` and that have class days after it up to the day or later (a running
 * class's, not a finished one's): what `anchorTotals` moves to the day each morning (the stats.moveAnchors job).
 */
export async function anchorsBehind(db: Db, day: IsoDate): Promise<number[]> {
  const rows = await db.execute(sql`SELECT class_id FROM stats_class_totals
     WHERE through_day < ${day} AND last_day > through_day ORDER BY class_id`);
  return rowsOf<{ class_id: number }>(rows).map((r) => Number(r.class_id));
}

/**
 * Recomputes the classes marked stale (all of them, or only those among `classIds`). A class another transaction is
 * recomputing right now (its mark locked) is left to it. Returns how many were recomputed.
 */
export async function refreshStale(db: Db, classIds?: readonly number[] | SQL): Promise<number> {
  const where = !classIds
    ? sql``
    : Array.isArray(classIds)
      ? sql`WHERE class_id = ANY(${idArray(classIds)})`
      : sql`WHERE class_id IN (${classIds})`;
  const marked = await db.execute<{ class_id: number }>(
    sql`SELECT class_id FROM stats_stale_classes ${where} ORDER BY class_id FOR UPDATE SKIP LOCKED`,
  );
  const ids = rowsOf<{ class_id: number }>(marked).map((r) => Number(r.class_id));
  // A mark left by a class deleted since: nothing to compute, only the mark to drop.
  await refreshClassDays(db, ids);
  return ids.length;
}

/** Every class again (or a campaign's): backfill and repair. Returns the number of classes and day rows. */
export async function rebuildAggregates(
  db: Db,
  opts: { campaignId?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ classes: number; rows: number }> {
  const list = await db
    .select({ id: careClasses.id })
    .from(careClasses)
    .where(opts.campaignId !== undefined ? eq(careClasses.campaignId, opts.campaignId) : undefined)
    .orderBy(careClasses.id);
  const ids = list.map((c) => c.id);
  // The places, children and families (stats_members, stats_scope_days): one set-based statement in the database.
  await db.execute(sql`SELECT stats_rebuild_members(${opts.campaignId ?? null}::int)`);
  // The head of each class's timeline (care_classes.last_transition_*, kept by a trigger; a bulk load with the
  // triggers off leaves it behind).
  await db.execute(sql`
    UPDATE care_classes c
       SET last_transition_at = t.at, last_transition_id = t.id, last_transition_status = t.to_status
      FROM care_classes x LEFT JOIN LATERAL (
             SELECT id, at, to_status FROM class_transitions WHERE class_id = x.id ORDER BY at DESC, id DESC LIMIT 1) t
             ON true
     WHERE x.id = c.id ${opts.campaignId !== undefined ? sql`AND c.campaign_id = ${opts.campaignId}` : sql``}
       AND (c.last_transition_at, c.last_transition_id, c.last_transition_status)
           IS DISTINCT FROM (t.at, t.id, t.to_status)`);
  for (let i = 0; i < ids.length; i += 200) {
    const part = ids.slice(i, i + 200);
    await db.transaction((tx) => refreshBatch(tx, part));
    opts.onProgress?.(Math.min(i + 200, ids.length), ids.length);
  }
  const [n] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(statsClassDays)
    .where(opts.campaignId !== undefined ? sql`${statsClassDays.classId} = ANY(${idArray(ids)})` : undefined);
  return { classes: ids.length, rows: Number(n?.n ?? 0) };
}

export interface ClassDayTotals {
  /** Class days up to the day (`workingDays.delivered`). */
  days: number;
  /** attendance.rate's parts after the campaign's sick-leave treatment (0 ÷ 0 when nothing is scheduled). */
  presentChildDays: number;
  scheduledChildDays: number;
  /** daily.completeness's parts. */
  recordsRequired: number;
  recordsDone: number;
}

/**
 * Per class of the set, the sums of its class-day rows up to and including the day with the campaign's sick-leave
 * treatment applied as the rule applies it, as a relation (class_id, days, present, scheduled, records_required,
 * records_done; present ÷ scheduled is 0 ÷ 0 when nothing is scheduled after the treatment). The sums are read the
 * cheaper of two ways, per class: the anchor's sums (stats_class_totals) corrected by the rows between the anchor and
 * the day (added when the day is later, taken off when earlier), or the rows up to the day summed whole — whichever
 * spans fewer days; none at all when no row lies between. Today's figures read the anchor alone once the class was
 * recomputed today (one row past it before), a finished campaign's end none, a day early in a finished campaign its
 * few first days. A class without an anchor
 * sums its rows. Stale classes must be recomputed first (`refreshStale`).
 */
export function deliverySql(classIds: SQL, asOf: IsoDate): SQL {
  // Days are ISO text (they compare as dates); the spans are in calendar days.
  const d = sql`${asOf}::text`;
  const lo = sql`least(a.through_day, ${d})`;
  const hi = sql`greatest(a.through_day, ${d})`;
  // Days between the anchor and the day that may hold rows, and days up to the day that may (calendar days).
  const between = sql`greatest(least(${hi}, a.last_day)::date - greatest(${lo}, a.first_day)::date, 0)
    + CASE WHEN ${lo} < a.first_day THEN 1 ELSE 0 END`;
  const upTo = sql`CASE WHEN ${d} < a.first_day THEN 0
    ELSE greatest(least(${d}, a.last_day)::date - a.first_day::date, 0) + 1 END`;
  // Six sums in this order, as one int[]: days, present, sick, scheduled, records owed, records made.
  const whole = sql`(SELECT ARRAY[count(*)::int, coalesce(sum(x.present), 0)::int, coalesce(sum(x.sick), 0)::int,
      coalesce(sum(x.scheduled), 0)::int, coalesce(sum(x.records_required), 0)::int,
      coalesce(sum(x.records_done), 0)::int]
    FROM stats_class_days x WHERE x.class_id = a.id AND x.day <= ${d})`;
  const signed = (col: string) =>
    sql.raw(`coalesce(sum(CASE WHEN x.day > a.through_day THEN x.${col} ELSE -x.${col} END), 0)::int`);
  const corrected = sql`(SELECT ARRAY[a.days + count(*) FILTER (WHERE x.day > a.through_day)::int
        - count(*) FILTER (WHERE x.day <= a.through_day)::int,
      a.present + ${signed('present')}, a.sick + ${signed('sick')}, a.scheduled + ${signed('scheduled')},
      a.records_required + ${signed('records_required')}, a.records_done + ${signed('records_done')}]
    FROM stats_class_days x WHERE x.class_id = a.id AND x.day > ${lo} AND x.day <= ${hi})`;
  // The way is decided per class; CASE runs only the chosen way's subquery, once per class (OFFSET 0: the sums are
  // one column of the inner query, not an expression the outer one would repeat per use).
  return sql`
    SELECT s.class_id, s.v[1] AS days,
           CASE WHEN s.sched > 0 THEN s.pres ELSE 0 END AS present,
           greatest(s.sched, 0) AS scheduled, s.v[5] AS records_required, s.v[6] AS records_done
      FROM (
        SELECT v.class_id, v.v,
               CASE WHEN v.treatment = 'present' THEN v.v[2] + v.v[3] ELSE v.v[2] END AS pres,
               CASE WHEN v.treatment = 'excluded' THEN v.v[4] - v.v[3] ELSE v.v[4] END AS sched
          FROM (
            SELECT a.id AS class_id, a.treatment,
                   CASE WHEN a.through_day IS NULL THEN ${whole}
                        WHEN a.first_day IS NULL OR ${lo} >= a.last_day OR ${hi} < a.first_day OR (${between}) = 0
                          THEN ARRAY[a.days, a.present, a.sick, a.scheduled, a.records_required, a.records_done]
                        WHEN (${upTo}) < (${between}) THEN ${whole}
                        ELSE ${corrected} END AS v
              FROM (SELECT i.id, p.treatment, t.through_day, t.first_day, t.last_day, t.days, t.present, t.sick,
                           t.scheduled, t.records_required, t.records_done
                      FROM (${classIds}) i
                      JOIN care_classes c ON c.id = i.id
                      JOIN (SELECT id, coalesce(params->'scale'->>'sickLeave', 'absent') AS treatment FROM campaigns
                            OFFSET 0) p ON p.id = c.campaign_id
                      LEFT JOIN stats_class_totals t ON t.class_id = i.id) a
            OFFSET 0) v
      ) s`;
}

/**
 * The sums up to and including the day, per class (`deliverySql`; classes without rows: zeros). Stale classes among
 * them are recomputed first, so what is read is never behind a write that committed.
 */
export async function classDayTotals(
  db: Db,
  classes: readonly { id: number }[],
  asOf: IsoDate,
): Promise<Map<number, ClassDayTotals>> {
  const out = new Map<number, ClassDayTotals>();
  if (classes.length === 0) return out;
  const ids = classes.map((c) => c.id);
  await refreshStale(db, ids);
  // Raw rows (a national read has 16,000 of them: no per-field mapping).
  const rows = rowsOf<{
    class_id: number;
    days: number;
    present: number;
    scheduled: number;
    records_required: number;
    records_done: number;
  }>(await db.execute(deliverySql(idSet(ids), asOf)));
  for (const r of rows)
    out.set(r.class_id, {
      days: r.days,
      presentChildDays: r.present,
      scheduledChildDays: r.scheduled,
      recordsRequired: r.records_required,
      recordsDone: r.records_done,
    });
  for (const id of ids)
    if (!out.has(id))
      out.set(id, { days: 0, presentChildDays: 0, scheduledChildDays: 0, recordsRequired: 0, recordsDone: 0 });
  return out;
}

export interface ScopeCounts {
  /** families.served: families with a place accepted by the day (withdrawn since included), counted once. */
  families: number;
  /** children.enrolled: children holding at least one place at the day's end, counted once. */
  children: number;
  /** places.taken and of those the kindergarten children's (kindergarten.share). */
  places: number;
  kindergarten: number;
}

/** `scopeCounts` as a relation (id, families, children, places, k) over a set of ids; ids without rows have none. */
export function scopeCountsSql(q: { campaignId: number; scope: 'class' | 'org'; ids: SQL; asOf: IsoDate }): SQL {
  return sql`SELECT scope_id AS id, sum(families)::int AS families, sum(children)::int AS children,
               sum(places)::int AS places, sum(kindergarten)::int AS k
          FROM stats_scope_days
         WHERE scope = ${q.scope} AND scope_id IN (${q.ids}) AND campaign_id = ${q.campaignId}
           AND day <= ${q.asOf}
         GROUP BY scope_id`;
}

/**
 * The counts as of the day per class (`scope` 'class': places and kindergarten places only) or per organisation
 * (`scope` 'org': families and children counted once in its subtree), from stats_scope_days: a range sum over a few
 * rows per id, whatever the number of places. Ids without rows: zeros.
 */
export async function scopeCounts(
  db: Db,
  q: { campaignId: number; scope: 'class' | 'org'; ids: readonly number[]; asOf: IsoDate },
): Promise<Map<number, ScopeCounts>> {
  const out = new Map<number, ScopeCounts>();
  if (q.ids.length === 0) return out;
  const rows = await db.execute(scopeCountsSql({ ...q, ids: idSet(q.ids) }));
  for (const r of rowsOf<{ id: number; families: number; children: number; places: number; k: number }>(rows))
    out.set(Number(r.id), {
      families: Number(r.families),
      children: Number(r.children),
      places: Number(r.places),
      kindergarten: Number(r.k),
    });
  for (const id of q.ids) if (!out.has(id)) out.set(id, { families: 0, children: 0, places: 0, kindergarten: 0 });
  return out;
}
