/**
 * Class-level facts of the read layer (docs/FIGURES.md, "Dashboard"): what the city's dashboard lists class by class
 * — the risk list, the compliance heatmap, a unit's classes and the targets' forecasts. Each fact is read through
 * the same reads as the catalogue figures (stats.repo.ts, the attendance and daily modules' public reads), so a
 * class's numbers here add up to its unit's figures. Unscoped: the caller decides what the actor may see.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import { APPROVED_STATUSES, DELIVERING_STATUSES } from '../../../domain/stats/catalogue.js';
import type { ClassStatus } from '../../../domain/classes/lifecycle.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { deliverySql, refreshStale, scopeCountsSql } from './stats.aggregates.js';
import { endOfDay } from './stats.read.js';
import {
  acceptedPlaces,
  campaignClassesSql,
  latestFailingSql,
  ownedClassesSql,
  textList,
  type Units,
} from './stats.repo.js';

export interface ClassFact {
  id: number;
  name: string;
  /** The lead unit (class_units.is_owner). */
  unitId: number;
  status: ClassStatus;
  capacity: number;
  /** Places held at the day's end (as `places.taken`). */
  placesHeld: number;
  children: number[];
  /** Families served by the day (as `families.served`: withdrawn since included); empty as `children`. */
  families: number[];
  /** Present and scheduled child-days to the day (delivering classes; else 0 ÷ 0). */
  present: number;
  scheduled: number;
  /** Daily records owed and made to the day (delivering classes; else 0 ÷ 0). */
  recordsRequired: number;
  recordsDone: number;
  /** Rules failing at the latest evaluation by the day; null when the class is not approved or never evaluated. */
  failing: string[] | null;
  /** Serious or critical incidents that occurred by the day and were not closed by then. */
  openSeriousIncidents: number;
  /** Rectification items open at the day's end, and of those the overdue ones (the supervision figures' rules). */
  openItems: number;
  overdueItems: number;
}

/** Classes still taking families: approved by the district or open for applications, not running yet. */
export const ENROLLING: ReadonlySet<string> = new Set(['approved', 'open']);

/**
 * The class facts as a relation, one row per class the units lead in the campaign as of the day (columns id, name,
 * unit_id, status, capacity, places_held, present, scheduled, records_required, records_done, failing — a JSON array,
 * null when the class is not approved or never evaluated — open_serious, open_items, overdue_items). Each part is the
 * read layer's own fragment (the classes' status, the maintained place counts, the delivery sums, the latest
 * verdicts, the incidents, the rectification items): `classFacts` reads it class by class, the dashboard groups it
 * by row in the database. Stale classes must be recomputed first (`refreshStale`).
 */
export function classFactsSql(q: { campaignId: number; unitIds: Units; asOf: IsoDate }): SQL {
  const bound = endOfDay(q.asOf);
  const of = (statuses: readonly string[]) => sql`SELECT id FROM o WHERE status IN (${textList(statuses)})`;
  return sql`
    WITH o AS MATERIALIZED (${ownedClassesSql(q.campaignId, q.unitIds, bound)})
    SELECT o.id, o.name, o.unit_id, o.status, coalesce(o.capacity, 0) AS capacity,
           coalesce(h.places, 0) AS places_held, coalesce(d.present, 0) AS present,
           coalesce(d.scheduled, 0) AS scheduled, coalesce(d.records_required, 0) AS records_required,
           coalesce(d.records_done, 0) AS records_done,
           CASE WHEN o.status IN (${textList(APPROVED_STATUSES)}) THEN v.failing END AS failing,
           coalesce(n.open_serious, 0) AS open_serious, coalesce(r.open_items, 0) AS open_items,
           coalesce(r.overdue_items, 0) AS overdue_items
      FROM o
      LEFT JOIN (${scopeCountsSql({ campaignId: q.campaignId, scope: 'class', ids: sql`SELECT id FROM o`, asOf: q.asOf })}) h
        ON h.id = o.id
      LEFT JOIN (${deliverySql(of(DELIVERING_STATUSES), q.asOf)}) d ON d.class_id = o.id
      LEFT JOIN (${latestFailingSql(of(APPROVED_STATUSES), bound)}) v ON v.class_id = o.id
      LEFT JOIN (${openSeriousIncidentsSql(sql`SELECT id FROM o`, bound)}) n ON n.class_id = o.id
      LEFT JOIN (${openItemsSql(q.campaignId, sql`SELECT id FROM o`, q.asOf, bound)}) r ON r.class_id = o.id`;
}

export interface ClassFactRow {
  id: number;
  name: string;
  unit_id: number;
  status: ClassStatus;
  capacity: number;
  places_held: number;
  present: number;
  scheduled: number;
  records_required: number;
  records_done: number;
  failing: string[] | null;
  open_serious: number;
  open_items: number;
  overdue_items: number;
}

/**
 * The facts of every class the units lead in the campaign, as of the day (classes created after it are absent),
 * ordered by id: `classFactsSql`, and the members (children holding a place, families served) from the places.
 */
export async function classFacts(
  db: Db,
  q: { campaignId: number; unitIds: readonly number[]; asOf: IsoDate },
): Promise<ClassFact[]> {
  if (q.unitIds.length === 0) return [];
  const bound = endOfDay(q.asOf);
  // Sequential: the caller may pass a transaction (one connection).
  await refreshStale(db, campaignClassesSql(q.campaignId, q.unitIds));
  const rows = rowsOf<ClassFactRow>(await db.execute(sql`SELECT * FROM (${classFactsSql(q)}) f ORDER BY f.id`));
  if (rows.length === 0) return [];
  const places = await acceptedPlaces(
    db,
    rows.map((c) => c.id),
    bound,
  );
  const held = new Map<number, { n: number; children: Set<number>; families: Set<number> }>();
  for (const p of places) {
    const h = held.get(p.classId) ?? { n: 0, children: new Set<number>(), families: new Set<number>() };
    held.set(p.classId, h);
    h.families.add(p.familyId);
    if (!p.held) continue;
    h.n += 1;
    h.children.add(p.childId);
  }
  return rows.map((c) => {
    const h = held.get(c.id);
    return {
      id: c.id,
      name: c.name,
      unitId: c.unit_id,
      status: c.status,
      capacity: c.capacity,
      placesHeld: h?.n ?? 0,
      children: [...(h?.children ?? [])],
      families: [...(h?.families ?? [])],
      present: c.present,
      scheduled: c.scheduled,
      recordsRequired: c.records_required,
      recordsDone: c.records_done,
      failing: c.failing === null ? null : Array.isArray(c.failing) ? c.failing : [],
      openSeriousIncidents: c.open_serious,
      openItems: c.open_items,
      overdueItems: c.overdue_items,
    };
  });
}

/** Serious or critical incidents per class of the set that occurred before the bound and were not closed by then. */
export function openSeriousIncidentsSql(classIds: SQL, bound: Date): SQL {
  const at = sql`${bound.toISOString()}::timestamptz`;
  return sql`SELECT class_id, count(*)::int AS open_serious FROM incidents
     WHERE class_id IN (${classIds}) AND severity IN ('serious', 'critical') AND occurred_at < ${at}
       AND (closed_at IS NULL OR closed_at > ${at})
     GROUP BY class_id`;
}

/**
 * Open and overdue rectification items per class of the set, by the rules of the supervision figures
 * (docs/FIGURES.md, "Supervision"): open = opened by the day's end and not closed by then; overdue = open, deadline
 * before the day, and its latest step by then not the unit's response.
 */
export function openItemsSql(campaignId: number, classIds: SQL, asOf: IsoDate, bound: Date): SQL {
  const at = sql`${bound.toISOString()}::timestamptz`;
  const awaitingUnit = sql`coalesce((SELECT e.kind FROM rectification_events e WHERE e.item_id = i.id
    AND e.at < ${at} ORDER BY e.at DESC, e.id DESC LIMIT 1), '') <> 'response'`;
  return sql`SELECT i.class_id, count(*)::int AS open_items,
           count(*) FILTER (WHERE i.deadline < ${asOf} AND ${awaitingUnit})::int AS overdue_items
      FROM rectification_items i
     WHERE i.campaign_id = ${campaignId} AND i.class_id IN (${classIds}) AND i.created_at < ${at}
       AND (i.closed_at IS NULL OR i.closed_at > ${at})
     GROUP BY i.class_id`;
}
