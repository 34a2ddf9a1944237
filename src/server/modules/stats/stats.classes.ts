/**
 * Class-level facts of the read layer (docs/FIGURES.md, "Dashboard"): what the city's dashboard lists class by class
 * — the risk list, the compliance heatmap, a unit's classes and the targets' forecasts. Each fact is read through
 * the same reads as the catalogue figures (stats.repo.ts, the attendance and daily modules' public reads), so a
 * class's numbers here add up to its unit's figures. Unscoped: the caller decides what the actor may see.
 */
import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import { APPROVED_STATUSES, DELIVERING_STATUSES } from '../../../domain/stats/catalogue.js';
import type { ClassStatus } from '../../../domain/classes/lifecycle.js';
import type { Db } from '../../db/client.js';
import { incidents, rectificationEvents, rectificationItems } from '../../db/schema.js';
import { type ClassReads, deliveryTotals, endOfDay } from './stats.read.js';
import { acceptedPlaces, inIds, latestFailing, ownedClasses } from './stats.repo.js';

export interface ClassFact {
  id: number;
  name: string;
  /** The lead unit (class_units.is_owner). */
  unitId: number;
  status: ClassStatus;
  capacity: number;
  /** Places held at the day's end (as `places.taken`). */
  placesHeld: number;
  /** Empty when the reads carried counts only (`unitFigures` with `members: 'counts'`). */
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

const DELIVERING: ReadonlySet<string> = new Set(DELIVERING_STATUSES);
const APPROVED: ReadonlySet<string> = new Set(APPROVED_STATUSES);
/** Classes still taking families: approved by the district or open for applications, not running yet. */
export const ENROLLING: ReadonlySet<string> = new Set(['approved', 'open']);

/** The facts of every class the units lead in the campaign, as of the day (classes created after it are absent). */
export async function classFacts(
  db: Db,
  q: { campaignId: number; unitIds: readonly number[]; asOf: IsoDate },
  /** The reads of a `unitFigures` call for the same campaign, units and day, if the caller made one: not read twice. */
  reads?: Partial<ClassReads>,
): Promise<ClassFact[]> {
  const bound = endOfDay(q.asOf);
  const classes = reads?.classes ?? (await ownedClasses(db, q.campaignId, q.unitIds, bound));
  if (classes.length === 0) return [];
  const ids = classes.map((c) => c.id);
  const delivering = classes.filter((c) => DELIVERING.has(c.status));
  const approved = classes.filter((c) => APPROVED.has(c.status)).map((c) => c.id);
  // Sequential: the caller may pass a transaction (one connection).
  // Reads with counts only (a dashboard above a unit): the places held per class, no member lists.
  const counted = reads?.placesHeld && !reads.places ? reads.placesHeld : null;
  const places = counted ? [] : (reads?.places ?? (await acceptedPlaces(db, ids, bound)));
  const failing = reads?.failing ?? (await latestFailing(db, approved, bound));
  const totals = reads?.attendance && reads.records ? null : await deliveryTotals(db, delivering, q.asOf);
  const attendance = reads?.attendance ?? totals?.attendance ?? new Map();
  const records = reads?.records ?? totals?.records ?? new Map();
  const serious = await openSeriousIncidents(db, ids, bound);
  const items = await openItemsOf(db, q.campaignId, ids, q.asOf, bound);

  const held = new Map<number, { n: number; children: Set<number>; families: Set<number> }>();
  for (const p of places) {
    const h = held.get(p.classId) ?? { n: 0, children: new Set<number>(), families: new Set<number>() };
    held.set(p.classId, h);
    h.families.add(p.familyId);
    if (!p.held) continue;
    h.n += 1;
    h.children.add(p.childId);
  }
  return classes.map((c) => {
    const h = held.get(c.id);
    const a = attendance.get(c.id);
    const r = records.get(c.id);
    const i = items.get(c.id);
    return {
      id: c.id,
      name: c.name,
      unitId: c.unitId,
      status: c.status,
      capacity: c.capacity ?? 0,
      placesHeld: counted ? (counted.get(c.id) ?? 0) : (h?.n ?? 0),
      children: [...(h?.children ?? [])],
      families: [...(h?.families ?? [])],
      present: a?.presentChildDays ?? 0,
      scheduled: a?.scheduledChildDays ?? 0,
      recordsRequired: r?.required ?? 0,
      recordsDone: r?.done ?? 0,
      failing: APPROVED.has(c.status) ? (failing.get(c.id) ?? null) : null,
      openSeriousIncidents: serious.get(c.id) ?? 0,
      openItems: i?.open ?? 0,
      overdueItems: i?.overdue ?? 0,
    };
  });
}

async function openSeriousIncidents(db: Db, classIds: number[], bound: Date): Promise<Map<number, number>> {
  const rows = await db
    .select({ classId: incidents.classId, n: sql<number>`count(*)::int` })
    .from(incidents)
    .where(
      and(
        inIds(incidents.classId, classIds),
        inArray(incidents.severity, ['serious', 'critical']),
        lt(incidents.occurredAt, bound),
        or(isNull(incidents.closedAt), gt(incidents.closedAt, bound)),
      ),
    )
    .groupBy(incidents.classId);
  return new Map(rows.map((r) => [r.classId, Number(r.n)]));
}

/**
 * Open and overdue rectification items per class, by the rules of the supervision figures (docs/FIGURES.md,
 * "Supervision"): open = opened by the day's end and not closed by then; overdue = open, deadline before the day,
 * and its latest step by then not the unit's response.
 */
async function openItemsOf(
  db: Db,
  campaignId: number,
  classIds: number[],
  asOf: IsoDate,
  bound: Date,
): Promise<Map<number, { open: number; overdue: number }>> {
  const awaitingUnit = sql`coalesce((SELECT e.kind FROM ${rectificationEvents} e WHERE e.item_id = ${rectificationItems.id}
    AND e.at < ${bound.toISOString()}::timestamptz ORDER BY e.at DESC, e.id DESC LIMIT 1), '') <> 'response'`;
  const rows = await db
    .select({
      classId: rectificationItems.classId,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${rectificationItems.deadline} < ${asOf} AND ${awaitingUnit})::int`,
    })
    .from(rectificationItems)
    .where(
      and(
        eq(rectificationItems.campaignId, campaignId),
        inIds(rectificationItems.classId, classIds),
        lt(rectificationItems.createdAt, bound),
        or(isNull(rectificationItems.closedAt), gt(rectificationItems.closedAt, bound)),
      ),
    )
    .groupBy(rectificationItems.classId);
  return new Map(rows.map((r) => [r.classId, { open: Number(r.open), overdue: Number(r.overdue) }]));
}
