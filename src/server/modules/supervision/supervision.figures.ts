/**
 * The supervision figures the stats layer and the dashboard read (definitions in docs/FIGURES.md, "Supervision"):
 * visits done, coverage (running classes visited at least once in the campaign / running classes), and the
 * rectification items open and overdue — all as of a day, under an organisation. Unscoped: the caller has already
 * decided the reader may see `orgId`'s subtree.
 */
import { and, count, countDistinct, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import { addDays } from '../../../domain/calendar/dates.js';
import type { Db } from '../../db/client.js';
import {
  careClasses,
  inspectionVisits,
  organizations,
  rectificationEvents,
  rectificationItems,
} from '../../db/schema.js';

export interface SupervisionFigures {
  asOf: IsoDate;
  visitsDone: number;
  coverage: { visited: number; running: number };
  openItems: number;
  overdueItems: number;
}

/** Classes that had started running by `asOf`: running now, or since closed or archived. */
const RAN = ['running', 'closed', 'archived'];

/**
 * The item was waiting for its unit at `end`: its latest step before then was not the unit's response (an item the
 * unit has answered waits for the inspector, and is not the unit's delay).
 */
const awaitingUnit = (end: Date) =>
  sql`coalesce((SELECT e.kind FROM ${rectificationEvents} e WHERE e.item_id = ${rectificationItems.id}
    AND e.at < ${end.toISOString()}::timestamptz ORDER BY e.at DESC, e.id DESC LIMIT 1), '') <> 'response'`;

export async function supervisionFigures(
  db: Db,
  o: { campaignId: number; orgId: number; asOf: IsoDate },
): Promise<SupervisionFigures> {
  const [org] = await db.select({ path: organizations.path }).from(organizations).where(eq(organizations.id, o.orgId));
  const empty = { asOf: o.asOf, visitsDone: 0, coverage: { visited: 0, running: 0 }, openItems: 0, overdueItems: 0 };
  if (!org) return empty;
  // The end of `asOf` in China (UTC+8): an instant before it happened on or before that day.
  const endOfDay = new Date(`${addDays(o.asOf, 1)}T00:00:00+08:00`);
  const under = sql`${organizations.path} LIKE ${`${org.path}%`}`;
  const done = and(
    eq(inspectionVisits.campaignId, o.campaignId),
    eq(inspectionVisits.status, 'done'),
    lt(inspectionVisits.doneAt, endOfDay),
  );
  const ran = and(
    eq(careClasses.campaignId, o.campaignId),
    inArray(careClasses.status, RAN),
    lte(careClasses.startDate, o.asOf),
  );
  const open = and(
    eq(rectificationItems.campaignId, o.campaignId),
    lt(rectificationItems.createdAt, endOfDay),
    or(isNull(rectificationItems.closedAt), gt(rectificationItems.closedAt, endOfDay)),
  );
  const [[visits], [running], [visited], [items], [overdue]] = await Promise.all([
    db
      .select({ n: count() })
      .from(inspectionVisits)
      .innerJoin(organizations, eq(organizations.id, inspectionVisits.orgId))
      .where(and(done, under)),
    db
      .select({ n: count() })
      .from(careClasses)
      .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
      .where(and(ran, under)),
    db
      .select({ n: countDistinct(careClasses.id) })
      .from(careClasses)
      .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
      .innerJoin(inspectionVisits, eq(inspectionVisits.classId, careClasses.id))
      .where(and(ran, under, done)),
    db
      .select({ n: count() })
      .from(rectificationItems)
      .innerJoin(organizations, eq(organizations.id, rectificationItems.orgId))
      .where(and(open, under)),
    db
      .select({ n: count() })
      .from(rectificationItems)
      .innerJoin(organizations, eq(organizations.id, rectificationItems.orgId))
      .where(and(open, under, lt(rectificationItems.deadline, o.asOf), awaitingUnit(endOfDay))),
  ]);
  return {
    asOf: o.asOf,
    visitsDone: visits?.n ?? 0,
    coverage: { visited: visited?.n ?? 0, running: running?.n ?? 0 },
    openItems: items?.n ?? 0,
    overdueItems: overdue?.n ?? 0,
  };
}
