/**
 * Reading reports and what they are expected from. Reports have no path of their own: every read joins the
 * reporting organisation and scopes by its path with `inScope`; readers named `unsafe…` serve the jobs and the CLI,
 * which act for the system, not for a person.
 */
import { and, asc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import {
  campaigns,
  careClasses,
  organizations,
  reportRequests,
  reports,
  reportVersions,
  users,
} from '../../db/schema.js';
import { REPORT_READERS } from './reports.policy.js';

export type ReportRecord = typeof reports.$inferSelect;
export type VersionRecord = typeof reportVersions.$inferSelect;
export type CampaignRecord = typeof campaigns.$inferSelect;

export interface ReportRow extends ReportRecord {
  orgPath: string;
  orgName: string;
  orgKind: string;
  orgActive: boolean;
  parentId: number | null;
  parentPath: string | null;
  parentName: string | null;
  parentKind: string | null;
}

export interface OrgNode {
  id: number;
  parentId: number | null;
  path: string;
  kind: string;
  name: string;
  active: boolean;
  parentPath: string | null;
  parentName: string | null;
  parentKind: string | null;
}

const parent = alias(organizations, 'parent_org');

const reportColumns = {
  report: reports,
  orgPath: organizations.path,
  orgName: organizations.name,
  orgKind: organizations.kind,
  orgActive: organizations.active,
  parentId: parent.id,
  parentPath: parent.path,
  parentName: parent.name,
  parentKind: parent.kind,
};

type Joined = { report: ReportRecord } & Omit<ReportRow, keyof ReportRecord>;
const flatten = ({ report, ...rest }: Joined): ReportRow => ({ ...report, ...rest });

function reportQuery(db: Db, where: SQL | undefined) {
  return db
    .select(reportColumns)
    .from(reports)
    .innerJoin(organizations, eq(organizations.id, reports.orgId))
    .leftJoin(parent, eq(parent.id, organizations.parentId))
    .where(where);
}

export async function findVisibleReport(db: Db, actor: Actor, id: number): Promise<ReportRow | undefined> {
  const [row] = await reportQuery(db, and(eq(reports.id, id), inScope(organizations.path, actor, REPORT_READERS)));
  return row ? flatten(row) : undefined;
}

export async function unsafeFindReport(db: Db, id: number): Promise<ReportRow | undefined> {
  const [row] = await reportQuery(db, eq(reports.id, id));
  return row ? flatten(row) : undefined;
}

/** Reports of a campaign; scoped to the actor's subtrees, or every one for the system (actor null). */
export async function reportsOfCampaign(db: Db, campaignId: number, actor: Actor | null): Promise<ReportRow[]> {
  const conds: SQL[] = [eq(reports.campaignId, campaignId)];
  if (actor) conds.push(inScope(organizations.path, actor, REPORT_READERS));
  return (await reportQuery(db, and(...conds)).orderBy(asc(reports.id))).map(flatten);
}

export async function findReportByKey(
  db: Db,
  k: { campaignId: number; orgId: number; type: string; period: string },
): Promise<ReportRecord | undefined> {
  const [row] = await db
    .select()
    .from(reports)
    .where(
      and(
        eq(reports.campaignId, k.campaignId),
        eq(reports.orgId, k.orgId),
        eq(reports.type, k.type),
        eq(reports.period, k.period),
      ),
    );
  return row;
}

export interface VersionRow extends VersionRecord {
  submittedByName: string | null;
  decidedByName: string | null;
}

export async function versionsOf(db: Db, reportId: number): Promise<VersionRow[]> {
  const decider = alias(users, 'decider');
  const rows = await db
    .select({ v: reportVersions, submittedByName: users.displayName, decidedByName: decider.displayName })
    .from(reportVersions)
    .leftJoin(users, eq(users.id, reportVersions.submittedBy))
    .leftJoin(decider, eq(decider.id, reportVersions.decidedBy))
    .where(eq(reportVersions.reportId, reportId))
    .orderBy(asc(reportVersions.version));
  return rows.map((r) => ({ ...r.v, submittedByName: r.submittedByName, decidedByName: r.decidedByName }));
}

/** A campaign by id, unscoped: callers check `campaignPolicy.read` (or act for the system). */
export async function unsafeFindCampaign(
  db: Db,
  id: number,
): Promise<(CampaignRecord & { orgPath: string }) | undefined> {
  const [r] = await db
    .select({ c: campaigns, orgPath: organizations.path })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .where(eq(campaigns.id, id));
  return r ? { ...r.c, orgPath: r.orgPath } : undefined;
}

export async function activeCampaignIds(db: Db): Promise<number[]> {
  const rows = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.status, 'active'));
  return rows.map((r) => r.id);
}

/** Organisations under `rootPath` (inclusive) with their parent; scoped to the actor's subtrees unless null. */
export async function orgsUnder(db: Db, rootPath: string, actor: Actor | null): Promise<OrgNode[]> {
  const conds: SQL[] = [sql`${organizations.path} LIKE ${`${rootPath}%`}`];
  if (actor) conds.push(inScope(organizations.path, actor, REPORT_READERS));
  return db
    .select({
      id: organizations.id,
      parentId: organizations.parentId,
      path: organizations.path,
      kind: organizations.kind,
      name: organizations.name,
      active: organizations.active,
      parentPath: parent.path,
      parentName: parent.name,
      parentKind: parent.kind,
    })
    .from(organizations)
    .leftJoin(parent, eq(parent.id, organizations.parentId))
    .where(and(...conds))
    .orderBy(asc(organizations.path));
}

/**
 * Units taking part in the campaign: holding (as owner or co-owner of a joint class) at least one class of the
 * campaign that went beyond a draft — submitted, returned, approved, open, running, closed or archived. A class
 * only drafted is an intention, not participation; there is no cancelled state (a class is never deleted).
 */
export async function participatingUnitIds(db: Db, campaignId: number): Promise<Set<number>> {
  // One read of the units that do (a national campaign: 16,000 units, each once).
  const rows = await db.execute(
    sql`SELECT o.id FROM organizations o WHERE o.kind = 'unit' AND ${participatesSql(campaignId, sql`o.id`)}`,
  );
  return new Set(rowsOf<{ id: number }>(rows).map((r) => Number(r.id)));
}

/** Whether the unit (a column or value) takes part in the campaign (`participatingUnitIds`), as a condition. */
export function participatesSql(campaignId: number, unit: SQL): SQL {
  return sql`(EXISTS (SELECT 1 FROM care_classes c
                       WHERE c.org_id = ${unit} AND c.campaign_id = ${campaignId} AND c.status <> 'draft')
           OR EXISTS (SELECT 1 FROM class_units cu JOIN care_classes c ON c.id = cu.class_id
                       WHERE cu.org_id = ${unit} AND c.campaign_id = ${campaignId} AND c.status <> 'draft'))`;
}

export async function requestsOfCampaign(db: Db, campaignId: number) {
  return db
    .select({ r: reportRequests, issuerPath: organizations.path, issuerName: organizations.name })
    .from(reportRequests)
    .innerJoin(organizations, eq(organizations.id, reportRequests.orgId))
    .where(eq(reportRequests.campaignId, campaignId))
    .orderBy(asc(reportRequests.dueDate), asc(reportRequests.id))
    .then((rows) => rows.map((x) => ({ ...x.r, issuerPath: x.issuerPath, issuerName: x.issuerName })));
}

/** A unit's classes of a campaign (the candidates for demonstration-class applications). */
export async function classesOfUnit(db: Db, campaignId: number, orgId: number) {
  return db
    .select({ classId: careClasses.id, name: careClasses.name, status: careClasses.status })
    .from(careClasses)
    .where(and(eq(careClasses.campaignId, campaignId), eq(careClasses.orgId, orgId), ne(careClasses.status, 'draft')))
    .orderBy(asc(careClasses.id));
}

export async function classesByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ classId: careClasses.id, name: careClasses.name, status: careClasses.status })
    .from(careClasses)
    .where(inArray(careClasses.id, ids));
}
