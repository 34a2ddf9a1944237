/**
 * Reading applications. Two scopes, both in SQL:
 * - administrators and auditors: the applying unit's path within their subtrees (`inScope`);
 * - reviewers: only applications assigned to them, never one under a district (or unit) where they hold a role
 *   (`conflictRoots`), and none they recused from. A reviewer outside that scope gets "not found".
 */
import { and, desc, eq, exists, inArray, not, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { conflictRoots } from '../../../domain/selection/conflict.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { careClasses, organizations } from '../../db/schema.js';
import {
  selectionApplications,
  selectionAssignments,
  selectionRecommendations,
  selectionRecusals,
} from '../../db/tables/selection.js';
import { APPLICATION_READERS } from './selection.policy.js';

const district = alias(organizations, 'district');

export type ApplicationRecord = typeof selectionApplications.$inferSelect;
export interface ApplicationRow extends ApplicationRecord {
  className: string;
  classStatus: string;
  unitName: string;
  unitPath: string;
  districtId: number;
  districtName: string;
  /** The latest recommendation decision; null before any. */
  recommended: boolean | null;
}

const latestRecommendation = sql<boolean | null>`(SELECT r.recommended FROM ${selectionRecommendations} r
  WHERE r.application_id = ${selectionApplications.id} ORDER BY r.decided_at DESC, r.id DESC LIMIT 1)`;

function baseQuery(db: Db) {
  return db
    .select({
      a: selectionApplications,
      className: careClasses.name,
      classStatus: careClasses.status,
      unitName: organizations.name,
      unitPath: organizations.path,
      districtId: district.id,
      districtName: district.name,
      recommended: latestRecommendation,
    })
    .from(selectionApplications)
    .innerJoin(careClasses, eq(careClasses.id, selectionApplications.classId))
    .innerJoin(organizations, eq(organizations.id, selectionApplications.orgId))
    .innerJoin(district, eq(district.id, organizations.parentId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
const flatten = (r: Joined): ApplicationRow => ({
  ...r.a,
  className: r.className,
  classStatus: r.classStatus,
  unitName: r.unitName,
  unitPath: r.unitPath,
  districtId: r.districtId,
  districtName: r.districtName,
  recommended: r.recommended === null ? null : Boolean(r.recommended),
});

/** The reviewer scope: assigned to the actor, no conflict of interest, not recused. */
export function reviewerScope(actor: Actor): SQL {
  const roots = conflictRoots(actor.grants.map((g) => g.orgPath));
  const assigned = exists(
    sql`(SELECT 1 FROM ${selectionAssignments} s WHERE s.application_id = ${selectionApplications.id}
      AND s.reviewer_id = ${actor.userId})`,
  );
  const recused = exists(
    sql`(SELECT 1 FROM ${selectionRecusals} x WHERE x.application_id = ${selectionApplications.id}
      AND x.reviewer_id = ${actor.userId})`,
  );
  const conds: SQL[] = [assigned, not(recused), eq(selectionApplications.status, 'submitted')];
  if (roots.length > 0) conds.push(not(or(...roots.map((r) => sql`${organizations.path} LIKE ${`${r}%`}`)) as SQL));
  if (!actor.grants.some((g) => g.role === 'reviewer')) conds.push(sql`false`);
  return and(...conds) as SQL;
}

export async function findVisibleApplication(db: Db, actor: Actor, id: number): Promise<ApplicationRow | undefined> {
  const [row] = await baseQuery(db).where(
    and(eq(selectionApplications.id, id), inScope(organizations.path, actor, APPLICATION_READERS)),
  );
  return row ? flatten(row) : undefined;
}

export async function findReviewableApplication(db: Db, actor: Actor, id: number): Promise<ApplicationRow | undefined> {
  const [row] = await baseQuery(db).where(and(eq(selectionApplications.id, id), reviewerScope(actor)));
  return row ? flatten(row) : undefined;
}

export async function listVisibleApplications(db: Db, actor: Actor, campaignId: number): Promise<ApplicationRow[]> {
  const rows = await baseQuery(db)
    .where(
      and(eq(selectionApplications.campaignId, campaignId), inScope(organizations.path, actor, APPLICATION_READERS)),
    )
    .orderBy(district.path, organizations.path, selectionApplications.id);
  return rows.map(flatten);
}

/** Unscoped: every application of the campaign (the city's ranking; the caller authorised the campaign). */
export async function unsafeCampaignApplications(
  db: Db,
  campaignId: number,
  ids?: number[],
): Promise<ApplicationRow[]> {
  const conds: SQL[] = [eq(selectionApplications.campaignId, campaignId)];
  if (ids) conds.push(ids.length ? inArray(selectionApplications.id, ids) : sql`false`);
  return (
    await baseQuery(db)
      .where(and(...conds))
      .orderBy(selectionApplications.id)
  ).map(flatten);
}

/** Applications the reviewer may score (assigned, no conflict, not recused), with the panel's name. */
export async function assignmentsOf(db: Db, actor: Actor) {
  return db
    .select({ applicationId: selectionAssignments.applicationId, panelId: selectionAssignments.panelId })
    .from(selectionAssignments)
    .where(eq(selectionAssignments.reviewerId, actor.userId))
    .orderBy(desc(selectionAssignments.assignedAt));
}

/** Recommendations in force for a district's applications in the campaign. */
export async function recommendedCount(db: Db, campaignId: number, districtId: number): Promise<number> {
  const rows = await baseQuery(db).where(
    and(eq(selectionApplications.campaignId, campaignId), eq(district.id, districtId)),
  );
  return rows.filter((r) => r.recommended && r.a.status === 'submitted').length;
}
