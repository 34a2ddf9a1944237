/**
 * The statistics' reads: a few grouped queries over many units at once (never one query per unit). Each takes the
 * end of the as-of day (`bound`, the next day's 00:00 China time) and keeps only what had happened before it. A
 * class belongs to its lead unit (class_units.is_owner): a joint class is counted once, for the unit that opened it.
 */
import { and, count, eq, isNotNull, like, lt, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { ClassStatus } from '../../../domain/classes/lifecycle.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { children, enrolments, incidents, needsSurveyAnswers, needsSurveys, organizations } from '../../db/schema.js';

/**
 * `column = ANY(ids)` with the ids as one array parameter: a national read passes tens of thousands of ids, which
 * as one placeholder each (`inArray`) cost more to build and send than the query takes.
 */
export const inIds = (column: SQLWrapper, ids: readonly number[]): SQL =>
  ids.length === 0 ? sql`false` : sql`${column} = ANY(${idArray(ids)})`;

/** Strings as a SQL value list, one parameter each (`status IN (${textList(['running', 'closed'])})`). */
export const textList = (xs: Iterable<string>): SQL =>
  sql.join(
    [...xs].map((x) => sql`${x}`),
    sql`, `,
  );

/** An id list as one array parameter (a national dashboard passes thousands). */
export const idArray = (ids: readonly number[]): SQL => sql`string_to_array(${ids.join(',')}, ',')::int[]`;

export interface OwnedClass {
  id: number;
  name: string;
  unitId: number;
  campaignId: number;
  capacity: number | null;
  /** The status at the end of the as-of day. */
  status: ClassStatus;
}

/**
 * A set of class ids as a relation (one column, `id`) for the SQL fragments of the read layer: the ids given
 * (`idSet([...])`, one array parameter) or a query's (`sql\`SELECT id FROM …\``) — the dashboard passes its own
 * classes' relation so that the ids never travel to Node and back.
 */
export const idSet = (ids: readonly number[]): SQL => sql`SELECT unnest(${idArray(ids)}) AS id`;

/** The classes the units lead in the campaign, whatever their status, as a relation (one column, `id`). */
export const campaignClassesSql = (campaignId: number, unitIds: Units): SQL =>
  sql`SELECT cu.class_id AS id FROM class_units cu JOIN care_classes c ON c.id = cu.class_id
       WHERE cu.is_owner AND c.campaign_id = ${campaignId} AND ${inUnits(sql`cu.org_id`, unitIds)}`;

/**
 * Units given by id, or as a relation of ids (`SELECT id FROM organizations WHERE …`): a dashboard names its subtree's
 * units in SQL rather than sending 16,000 ids it would first have to read.
 */
export type Units = readonly number[] | SQL;
export const inUnits = (column: SQLWrapper, units: Units): SQL =>
  Array.isArray(units) ? inIds(column, units) : sql`${column} IN (${units as SQL})`;

/**
 * The classes the units lead in the campaign with their status at the bound, as a relation (columns id, name,
 * unit_id, campaign_id, capacity, status): the last transition before the bound; before the first one a class created
 * by then is a draft; a class with no timeline at all (written straight to the table: imports, older data) has its
 * current status once created; classes created after the bound are left out.
 */
export function ownedClassesSql(campaignId: number, unitIds: Units, bound: Date): SQL {
  const at = sql`${bound.toISOString()}::timestamptz`;
  // The timeline's head is kept on the class (care_classes.last_transition_*, a trigger on class_transitions): a day
  // that ends after it — today, a finished campaign's last day — reads the class alone; only a day before a class's
  // latest transition probes its timeline. A national dashboard decides 16,000 statuses.
  return sql`
    SELECT * FROM (
      SELECT c.id, c.name, cu.org_id AS unit_id, c.campaign_id, c.capacity,
             CASE WHEN c.last_transition_at IS NULL THEN CASE WHEN c.created_at < ${at} THEN c.status END
                  WHEN c.last_transition_at < ${at} THEN c.last_transition_status
                  ELSE coalesce((SELECT t.to_status FROM class_transitions t WHERE t.class_id = c.id AND t.at < ${at}
                                  ORDER BY t.at DESC, t.id DESC LIMIT 1),
                                CASE WHEN c.created_at < ${at} THEN 'draft' END) END AS status
        FROM care_classes c JOIN class_units cu ON cu.class_id = c.id AND cu.is_owner
       WHERE c.campaign_id = ${campaignId} AND ${inUnits(sql`cu.org_id`, unitIds)}) x
     WHERE x.status IS NOT NULL`;
}

/** The classes the units lead in the campaign, with their status at the end of the as-of day (`ownedClassesSql`). */
export async function ownedClasses(
  db: Db,
  campaignId: number,
  unitIds: readonly number[],
  bound: Date,
): Promise<OwnedClass[]> {
  if (unitIds.length === 0) return [];
  // Raw rows (a national read has 16,000 classes: no per-field mapping).
  const result = await db.execute(sql`SELECT * FROM (${ownedClassesSql(campaignId, unitIds, bound)}) o ORDER BY o.id`);
  return rowsOf<{
    id: number;
    name: string;
    unit_id: number;
    campaign_id: number;
    capacity: number | null;
    status: ClassStatus;
  }>(result).map((r) => ({
    id: r.id,
    name: r.name,
    unitId: r.unit_id,
    campaignId: r.campaign_id,
    capacity: r.capacity,
    status: r.status,
  }));
}

export interface PlaceRow {
  classId: number;
  childId: number;
  familyId: number;
  grade: string;
  /** Still held at the end of the day (not withdrawn by then). */
  held: boolean;
}

/** Every place accepted before the end of the day in these classes, and whether it was still held then. */
export async function acceptedPlaces(db: Db, classIds: readonly number[], bound: Date): Promise<PlaceRow[]> {
  if (classIds.length === 0) return [];
  const rows = await db
    .select({
      classId: enrolments.classId,
      childId: enrolments.childId,
      familyId: enrolments.familyId,
      grade: children.grade,
      status: enrolments.status,
      withdrawnAt: enrolments.withdrawnAt,
    })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(
      and(
        inIds(enrolments.classId, classIds),
        isNotNull(enrolments.acceptedAt),
        lt(enrolments.acceptedAt, bound),
        or(eq(enrolments.status, 'accepted'), eq(enrolments.status, 'withdrawn')),
      ),
    );
  return rows.map((r) => ({
    classId: r.classId,
    childId: r.childId,
    familyId: r.familyId,
    grade: r.grade,
    // A withdrawal after the day leaves the place held on the day; a withdrawn place without a time is not held.
    held: r.withdrawnAt ? r.withdrawnAt >= bound : r.status === 'accepted',
  }));
}

/** Incidents that occurred before the end of the day, counted per class and severity. */
export async function incidentCounts(db: Db, classIds: readonly number[], bound: Date) {
  if (classIds.length === 0) return [];
  return db
    .select({ classId: incidents.classId, severity: incidents.severity, n: count() })
    .from(incidents)
    .where(and(inIds(incidents.classId, classIds), lt(incidents.occurredAt, bound)))
    .groupBy(incidents.classId, incidents.severity);
}

/**
 * Per class of the set, the rules failing at its latest evaluation before the bound, as a relation (class_id,
 * failing: a JSON array); classes never evaluated have no row.
 */
export function latestFailingSql(classIds: SQL, bound: Date): SQL {
  return sql`SELECT DISTINCT ON (v.class_id) v.class_id, v.failing FROM rule_verdicts v
     WHERE v.class_id IN (${classIds}) AND v.computed_at < ${bound.toISOString()}::timestamptz
     ORDER BY v.class_id, v.computed_at DESC, v.id DESC`;
}

/** Per class, the rules failing at its latest evaluation before the end of the day (classes never evaluated: none). */
export async function latestFailing(db: Db, classIds: readonly number[], bound: Date): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (classIds.length === 0) return out;
  const rows = rowsOf<{ class_id: number; failing: unknown }>(
    await db.execute(latestFailingSql(idSet(classIds), bound)),
  );
  for (const r of rows) out.set(r.class_id, Array.isArray(r.failing) ? (r.failing as string[]) : []);
  return out;
}

/** The answers to the campaign's needs surveys given for these units before the end of the day. */
export async function surveyAnswers(db: Db, campaignId: number, unitIds: readonly number[], bound: Date) {
  if (unitIds.length === 0) return [];
  return db
    .select({ orgId: needsSurveyAnswers.orgId, answers: needsSurveyAnswers.answers })
    .from(needsSurveyAnswers)
    .innerJoin(needsSurveys, eq(needsSurveys.id, needsSurveyAnswers.surveyId))
    .where(
      and(
        eq(needsSurveys.campaignId, campaignId),
        inIds(needsSurveyAnswers.orgId, unitIds),
        lt(needsSurveyAnswers.createdAt, bound),
      ),
    );
}

/** The grassroots units in an organisation's subtree (itself, if it is one), active or not. */
export async function unsafeUnitsUnder(db: Db, path: string): Promise<number[]> {
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(like(organizations.path, `${path}%`), eq(organizations.kind, 'unit')))
    .orderBy(organizations.id);
  return rows.map((r) => r.id);
}

export async function unsafeOrgById(db: Db, id: number) {
  const [row] = await db
    .select({ id: organizations.id, kind: organizations.kind, path: organizations.path })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row;
}
