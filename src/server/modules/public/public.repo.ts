/**
 * The public site's reads. Unscoped on purpose (no one is signed in), so each query names exactly the class-level
 * columns it may publish: class, unit and venue facts, counts. Nothing here selects a child, a guardian, a phone, an
 * ID number or a staff member. Only classes parents may see are public: open, running, finished (closed, archived).
 */
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { campaigns, careClasses, enrolments, organizations, venues } from '../../db/schema.js';

export const PUBLIC_CLASS_STATUSES = ['open', 'running', 'closed', 'archived'] as const;

export type CampaignRow = typeof campaigns.$inferSelect;

/** The campaign the site presents: the newest active one, else the newest of all. */
export async function currentCampaign(db: Db): Promise<CampaignRow | undefined> {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(inArray(campaigns.status, ['active', 'closed']))
    .orderBy(sql`CASE WHEN ${campaigns.status} = 'active' THEN 0 ELSE 1 END`, desc(campaigns.year), desc(campaigns.id))
    .limit(1);
  return row;
}

/** The district (or industry union) a unit belongs to: its nearest ancestor of that kind. */
const areaOf = (kind: 'name' | 'id') => sql<string | number | null>`(SELECT a.${sql.raw(kind)} FROM organizations a
  WHERE a.kind IN ('district', 'industry') AND ${organizations.path} LIKE a.path || '%' AND a.id <> ${organizations.id}
  ORDER BY length(a.path) DESC LIMIT 1)`;

/** Places held (accepted, or offered and not yet answered) per class. */
const placesTaken = sql<number>`(SELECT count(*)::int FROM ${enrolments} e
  WHERE e.class_id = ${careClasses.id} AND e.status IN ('accepted', 'offered'))`;

const classColumns = {
  id: careClasses.id,
  campaignId: careClasses.campaignId,
  name: careClasses.name,
  status: careClasses.status,
  mode: careClasses.mode,
  startDate: careClasses.startDate,
  endDate: careClasses.endDate,
  closedDates: careClasses.closedDates,
  dailyStart: careClasses.dailyStart,
  dailyEnd: careClasses.dailyEnd,
  capacity: careClasses.capacity,
  gradesOffered: careClasses.gradesOffered,
  feeAmount: careClasses.feeAmount,
  feeNote: careClasses.feeNote,
  meals: careClasses.meals,
  activityPlan: careClasses.activityPlan,
  publicDescription: careClasses.publicDescription,
  unitName: organizations.name,
  areaName: areaOf('name'),
  areaId: areaOf('id'),
  venueName: venues.name,
  venueAddress: venues.address,
  taken: placesTaken,
};

const classQuery = (db: Db) =>
  db
    .select(classColumns)
    .from(careClasses)
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .leftJoin(venues, eq(venues.id, careClasses.venueId));

export type PublicClassRow = Awaited<ReturnType<ReturnType<typeof classQuery>['execute']>>[number];

const isPublic = inArray(careClasses.status, [...PUBLIC_CLASS_STATUSES]);

export interface ClassFilter {
  campaignId: number;
  areaId?: number | undefined;
  grade?: string | undefined;
  /** Only classes still running on or after this day / starting on or before that day. */
  from?: string | undefined;
  to?: string | undefined;
  placesLeft?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function findPublicClasses(db: Db, f: ClassFilter): Promise<{ rows: PublicClassRow[]; total: number }> {
  const conds: (SQL | undefined)[] = [eq(careClasses.campaignId, f.campaignId), isPublic];
  if (f.areaId) {
    const [area] = await db
      .select({ path: organizations.path })
      .from(organizations)
      .where(eq(organizations.id, f.areaId));
    if (!area) return { rows: [], total: 0 };
    conds.push(sql`${organizations.path} LIKE ${`${area.path}%`}`);
  }
  if (f.grade)
    conds.push(
      sql`${careClasses.gradesOffered} @> ${JSON.stringify([/^\d$/.test(f.grade) ? Number(f.grade) : f.grade])}::jsonb`,
    );
  if (f.from) conds.push(sql`${careClasses.endDate} >= ${f.from}`);
  if (f.to) conds.push(sql`${careClasses.startDate} <= ${f.to}`);
  if (f.placesLeft) conds.push(sql`coalesce(${careClasses.capacity}, 0) > ${placesTaken}`);
  if (f.q) {
    const p = like(f.q);
    conds.push(
      or(ilike(venues.address, p), ilike(venues.name, p), ilike(careClasses.name, p), ilike(organizations.name, p)),
    );
  }
  const where = and(...conds);
  const [countRow] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(careClasses)
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .leftJoin(venues, eq(venues.id, careClasses.venueId))
    .where(where);
  const rows = await classQuery(db)
    .where(where)
    .orderBy(
      sql`CASE ${careClasses.status} WHEN 'open' THEN 0 WHEN 'running' THEN 1 ELSE 2 END`,
      asc(careClasses.startDate),
      asc(careClasses.id),
    )
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { rows, total: countRow?.n ?? 0 };
}

export async function findPublicClass(db: Db, id: number): Promise<PublicClassRow | undefined> {
  const [row] = await classQuery(db).where(and(eq(careClasses.id, id), isPublic));
  return row;
}

/** Districts and industry unions that have a public class in the campaign (the finder's filter). */
export async function publicAreas(db: Db, campaignId: number): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .selectDistinct({ id: sql<number>`${areaOf('id')}`, name: sql<string>`${areaOf('name')}` })
    .from(careClasses)
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .where(and(eq(careClasses.campaignId, campaignId), isPublic));
  return rows.filter((r) => r.id != null).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Class-level counts of the campaign for the programme page. */
export async function campaignClassCounts(db: Db, campaignId: number) {
  const [row] = await db
    .select({
      classes: sql<number>`count(*) FILTER (WHERE ${isPublic})::int`,
      open: sql<number>`count(*) FILTER (WHERE ${careClasses.status} = 'open')::int`,
      running: sql<number>`count(*) FILTER (WHERE ${careClasses.status} = 'running')::int`,
      finished: sql<number>`count(*) FILTER (WHERE ${careClasses.status} IN ('closed', 'archived'))::int`,
      capacity: sql<number>`coalesce(sum(${careClasses.capacity}) FILTER (WHERE ${isPublic}), 0)::int`,
      units: sql<number>`count(DISTINCT ${careClasses.orgId}) FILTER (WHERE ${isPublic})::int`,
    })
    .from(careClasses)
    .where(eq(careClasses.campaignId, campaignId));
  return row ?? { classes: 0, open: 0, running: 0, finished: 0, capacity: 0, units: 0 };
}
