/**
 * Reading supervision records, scoped in the SQL: a visit, item or case is read through its class's owning unit's
 * path with `inScope`, and an unannounced visit not yet done is left out for the unit's own people (the SQL form of
 * `visitPolicy.read`). `unsafe…` readers skip scoping for jobs and figures.
 */
import { and, asc, count, desc, eq, exists, inArray, or, type SQL, sql } from 'drizzle-orm';
import { ADMIN_ROLES } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import {
  careClasses,
  inspectionInspectors,
  inspectionVisits,
  meetingInvitees,
  organizations,
  practiceCases,
  rectificationEvents,
  rectificationItems,
  supervisionMeetings,
  users,
} from '../../db/schema.js';
import { SUPERVISORS, UNIT_PEOPLE } from './supervision.policy.js';

export type VisitRecord = typeof inspectionVisits.$inferSelect;
export interface VisitRow extends VisitRecord {
  orgPath: string;
  orgName: string;
  className: string;
  inspectors: { id: number; name: string }[];
  inspectorIds: number[];
}

/** `visitPolicy.read` in SQL. */
export function visitVisibleSql(actor: Actor): SQL {
  return or(
    inScope(organizations.path, actor, SUPERVISORS),
    and(
      inScope(organizations.path, actor, UNIT_PEOPLE),
      or(eq(inspectionVisits.kind, 'announced'), eq(inspectionVisits.status, 'done')),
    ),
  ) as SQL;
}

async function withInspectors(
  db: Db,
  rows: { v: VisitRecord; orgPath: string; orgName: string; className: string }[],
): Promise<VisitRow[]> {
  const ids = rows.map((r) => r.v.id);
  const people = ids.length
    ? await db
        .select({ visitId: inspectionInspectors.visitId, id: users.id, name: users.displayName })
        .from(inspectionInspectors)
        .innerJoin(users, eq(users.id, inspectionInspectors.userId))
        .where(inArray(inspectionInspectors.visitId, ids))
        .orderBy(asc(users.id))
    : [];
  return rows.map((r) => {
    const inspectors = people.filter((p) => p.visitId === r.v.id).map((p) => ({ id: p.id, name: p.name }));
    return {
      ...r.v,
      orgPath: r.orgPath,
      orgName: r.orgName,
      className: r.className,
      inspectors,
      inspectorIds: inspectors.map((p) => p.id),
    };
  });
}

function visitQuery(db: Db) {
  return db
    .select({
      v: inspectionVisits,
      orgPath: organizations.path,
      orgName: organizations.name,
      className: careClasses.name,
    })
    .from(inspectionVisits)
    .innerJoin(organizations, eq(organizations.id, inspectionVisits.orgId))
    .innerJoin(careClasses, eq(careClasses.id, inspectionVisits.classId));
}

export async function findVisibleVisit(db: Db, actor: Actor, id: number): Promise<VisitRow | undefined> {
  const rows = await visitQuery(db).where(and(eq(inspectionVisits.id, id), visitVisibleSql(actor)));
  return (await withInspectors(db, rows))[0];
}

export interface VisitFilter {
  campaignId?: number | undefined;
  classId?: number | undefined;
  status?: string | undefined;
  mine: boolean;
  page: number;
  pageSize: number;
}

export async function listVisibleVisits(db: Db, actor: Actor, f: VisitFilter) {
  const conds: SQL[] = [visitVisibleSql(actor)];
  if (f.campaignId) conds.push(eq(inspectionVisits.campaignId, f.campaignId));
  if (f.classId) conds.push(eq(inspectionVisits.classId, f.classId));
  if (f.status) conds.push(eq(inspectionVisits.status, f.status));
  if (f.mine)
    conds.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(inspectionInspectors)
          .where(
            and(eq(inspectionInspectors.visitId, inspectionVisits.id), eq(inspectionInspectors.userId, actor.userId)),
          ),
      ),
    );
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    visitQuery(db)
      .where(where)
      .orderBy(desc(inspectionVisits.plannedDate), desc(inspectionVisits.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: count() })
      .from(inspectionVisits)
      .innerJoin(organizations, eq(organizations.id, inspectionVisits.orgId))
      .where(where),
  ]);
  return { rows: await withInspectors(db, rows), total: total?.n ?? 0 };
}

/** Findings (rectification items) per visit. */
export async function findingsCount(db: Db, visitIds: number[]): Promise<Map<number, number>> {
  if (!visitIds.length) return new Map();
  const rows = await db
    .select({ visitId: rectificationItems.visitId, n: count() })
    .from(rectificationItems)
    .where(inArray(rectificationItems.visitId, visitIds))
    .groupBy(rectificationItems.visitId);
  return new Map(rows.map((r) => [r.visitId, r.n]));
}

// ---- items -------------------------------------------------------------------------------------------------
export type ItemRecord = typeof rectificationItems.$inferSelect;
export interface ItemRow extends ItemRecord {
  orgPath: string;
  orgName: string;
  className: string;
}

const ITEM_READERS = [...SUPERVISORS, ...UNIT_PEOPLE];

function itemQuery(db: Db) {
  return db
    .select({
      i: rectificationItems,
      orgPath: organizations.path,
      orgName: organizations.name,
      className: careClasses.name,
    })
    .from(rectificationItems)
    .innerJoin(organizations, eq(organizations.id, rectificationItems.orgId))
    .innerJoin(careClasses, eq(careClasses.id, rectificationItems.classId));
}
const flatItem = (r: { i: ItemRecord; orgPath: string; orgName: string; className: string }): ItemRow => ({
  ...r.i,
  orgPath: r.orgPath,
  orgName: r.orgName,
  className: r.className,
});

export async function findVisibleItem(db: Db, actor: Actor, id: number): Promise<ItemRow | undefined> {
  const [row] = await itemQuery(db).where(
    and(eq(rectificationItems.id, id), inScope(organizations.path, actor, ITEM_READERS)),
  );
  return row ? flatItem(row) : undefined;
}

export interface ItemFilter {
  campaignId?: number | undefined;
  classId?: number | undefined;
  status?: string | undefined;
  /** Open items whose deadline is before this day. */
  overdueOn?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listVisibleItems(db: Db, actor: Actor, f: ItemFilter) {
  const conds: SQL[] = [inScope(organizations.path, actor, ITEM_READERS)];
  if (f.campaignId) conds.push(eq(rectificationItems.campaignId, f.campaignId));
  if (f.classId) conds.push(eq(rectificationItems.classId, f.classId));
  if (f.status) conds.push(eq(rectificationItems.status, f.status));
  if (f.overdueOn)
    conds.push(and(eq(rectificationItems.status, 'open'), sql`${rectificationItems.deadline} < ${f.overdueOn}`) as SQL);
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    itemQuery(db)
      .where(where)
      .orderBy(asc(rectificationItems.deadline), asc(rectificationItems.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: count() })
      .from(rectificationItems)
      .innerJoin(organizations, eq(organizations.id, rectificationItems.orgId))
      .where(where),
  ]);
  return { rows: rows.map(flatItem), total: total?.n ?? 0 };
}

export async function historyOf(db: Db, itemId: number) {
  return db
    .select()
    .from(rectificationEvents)
    .where(eq(rectificationEvents.itemId, itemId))
    .orderBy(asc(rectificationEvents.at), asc(rectificationEvents.id));
}

/** Items still waiting for their unit (for the escalation job): every open item, unscoped. */
export async function unsafeOpenItems(db: Db) {
  return itemQuery(db)
    .where(eq(rectificationItems.status, 'open'))
    .then((rows) => rows.map(flatItem));
}

// ---- cases -------------------------------------------------------------------------------------------------
const CASE_READERS = [...SUPERVISORS, ...ADMIN_ROLES];

export type CaseRecord = typeof practiceCases.$inferSelect;
export interface CaseRow extends CaseRecord {
  orgPath: string;
  orgName: string;
  className: string;
}

function caseQuery(db: Db) {
  return db
    .select({ c: practiceCases, orgPath: organizations.path, orgName: organizations.name, className: careClasses.name })
    .from(practiceCases)
    .innerJoin(organizations, eq(organizations.id, practiceCases.orgId))
    .innerJoin(careClasses, eq(careClasses.id, practiceCases.classId));
}
const flatCase = (r: { c: CaseRecord; orgPath: string; orgName: string; className: string }): CaseRow => ({
  ...r.c,
  orgPath: r.orgPath,
  orgName: r.orgName,
  className: r.className,
});

export async function findVisibleCase(db: Db, actor: Actor, id: number): Promise<CaseRow | undefined> {
  const [row] = await caseQuery(db).where(
    and(eq(practiceCases.id, id), inScope(organizations.path, actor, CASE_READERS)),
  );
  return row ? flatCase(row) : undefined;
}

export async function listVisibleCases(
  db: Db,
  actor: Actor,
  f: { campaignId?: number | undefined; published?: boolean | undefined },
): Promise<CaseRow[]> {
  const conds: SQL[] = [inScope(organizations.path, actor, CASE_READERS)];
  if (f.campaignId) conds.push(eq(practiceCases.campaignId, f.campaignId));
  if (f.published !== undefined) conds.push(eq(practiceCases.published, f.published));
  const rows = await caseQuery(db)
    .where(and(...conds))
    .orderBy(desc(practiceCases.createdAt), desc(practiceCases.id))
    .limit(500);
  return rows.map(flatCase);
}

/**
 * The published good-practice cases (先进经验), for the public site: no scoping, only what the city published —
 * title, text, class and unit names, and the ids of the photos cleared for publicity.
 */
export async function publishedCases(db: Db, o: { campaignId?: number } = {}) {
  const rows = await caseQuery(db)
    .where(
      and(eq(practiceCases.published, true), o.campaignId ? eq(practiceCases.campaignId, o.campaignId) : undefined),
    )
    .orderBy(desc(practiceCases.publishedAt), desc(practiceCases.id));
  return rows.map((r) => ({
    id: r.c.id,
    campaignId: r.c.campaignId,
    title: r.c.title,
    body: r.c.body,
    className: r.className,
    orgName: r.orgName,
    publishedAt: r.c.publishedAt,
  }));
}

// ---- meetings ----------------------------------------------------------------------------------------------
export type MeetingRecord = typeof supervisionMeetings.$inferSelect;

/** Ids of every organisation on the path of one of the actor's grants (the grant's node and its ancestors). */
function grantLineage(actor: Actor): number[] {
  const ids = new Set<number>();
  for (const g of actor.grants) for (const part of g.orgPath.split('/')) if (part) ids.add(Number(part));
  return [...ids].filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * A meeting is visible to the city's supervisors (over the organiser), to supervisors and admins over an invited
 * organisation, and to people of an organisation under an invited one (a unit under an invited district).
 */
function meetingVisibleSql(db: Db, actor: Actor): SQL {
  const lineage = grantLineage(actor);
  const invited = db
    .select({ one: sql`1` })
    .from(meetingInvitees)
    .innerJoin(organizations, eq(organizations.id, meetingInvitees.orgId))
    .where(
      and(
        eq(meetingInvitees.meetingId, supervisionMeetings.id),
        or(
          inScope(organizations.path, actor, [...SUPERVISORS, ...ADMIN_ROLES]),
          lineage.length ? inArray(meetingInvitees.orgId, lineage) : sql`false`,
        ),
      ),
    );
  return or(inScope(organizations.path, actor, SUPERVISORS), exists(invited)) as SQL;
}

export async function listVisibleMeetings(db: Db, actor: Actor, campaignId?: number) {
  return db
    .select({ m: supervisionMeetings, orgPath: organizations.path })
    .from(supervisionMeetings)
    .innerJoin(organizations, eq(organizations.id, supervisionMeetings.orgId))
    .where(and(meetingVisibleSql(db, actor), campaignId ? eq(supervisionMeetings.campaignId, campaignId) : undefined))
    .orderBy(desc(supervisionMeetings.date), desc(supervisionMeetings.id))
    .limit(500);
}

export async function findVisibleMeeting(db: Db, actor: Actor, id: number) {
  const [row] = await db
    .select({ m: supervisionMeetings, orgPath: organizations.path })
    .from(supervisionMeetings)
    .innerJoin(organizations, eq(organizations.id, supervisionMeetings.orgId))
    .where(and(eq(supervisionMeetings.id, id), meetingVisibleSql(db, actor)));
  return row;
}

export async function inviteesOf(db: Db, meetingIds: number[]) {
  if (!meetingIds.length) return [];
  return db
    .select({
      meetingId: meetingInvitees.meetingId,
      orgId: meetingInvitees.orgId,
      name: organizations.name,
      attended: meetingInvitees.attended,
    })
    .from(meetingInvitees)
    .innerJoin(organizations, eq(organizations.id, meetingInvitees.orgId))
    .where(inArray(meetingInvitees.meetingId, meetingIds))
    .orderBy(asc(organizations.path));
}

export async function classNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: careClasses.id, name: careClasses.name })
    .from(careClasses)
    .where(inArray(careClasses.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
