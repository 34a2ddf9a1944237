/**
 * Review panels (评审组) and assignments. The city assigns reviewers to applications in a panel; a reviewer with a
 * conflict of interest — a role anywhere in the applicant's district (or industry union), which includes their own
 * unit — is never assigned: the pair is skipped and reported. A reviewer may also declare another conflict and
 * recuse with a reason (append-only); from then on the application is closed to them.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { hasConflict } from '../../../domain/selection/conflict.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { organizations, roleGrants, users } from '../../db/schema.js';
import { selectionAssignments, selectionPanels, selectionRecusals } from '../../db/tables/selection.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { selectionPolicy } from './selection.policy.js';
import { findReviewableApplication, unsafeCampaignApplications } from './selection.repo.js';

type Campaign = { id: number; orgPath: string };

export async function listPanels(db: Db, actor: Actor, campaign: Campaign) {
  authorize(selectionPolicy.manage(actor, campaign), false);
  const panels = await db
    .select()
    .from(selectionPanels)
    .where(eq(selectionPanels.campaignId, campaign.id))
    .orderBy(selectionPanels.id);
  const rows = panels.length
    ? await db
        .select({
          panelId: selectionAssignments.panelId,
          reviewerId: selectionAssignments.reviewerId,
          reviewerName: users.displayName,
          n: count(),
          applicationIds: sql<
            number[]
          >`array_agg(${selectionAssignments.applicationId} ORDER BY ${selectionAssignments.applicationId})`,
        })
        .from(selectionAssignments)
        .innerJoin(users, eq(users.id, selectionAssignments.reviewerId))
        .where(
          inArray(
            selectionAssignments.panelId,
            panels.map((p) => p.id),
          ),
        )
        .groupBy(selectionAssignments.panelId, selectionAssignments.reviewerId, users.displayName)
    : [];
  return panels.map((p) => ({
    id: p.id,
    name: p.name,
    reviewers: rows
      .filter((r) => r.panelId === p.id)
      .map((r) => ({
        id: r.reviewerId,
        name: r.reviewerName,
        applications: Number(r.n),
        applicationIds: (r.applicationIds ?? []).map(Number),
      })),
  }));
}

export async function createPanel(db: Db, ctx: RequestContext, actor: Actor, campaign: Campaign, name: string) {
  authorize(selectionPolicy.manage(actor, campaign), false);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(selectionPanels)
      .values({ campaignId: campaign.id, name, createdBy: actor.userId, createdAt: ctx.now })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'selection.panel.create',
      entity: 'selection_panel',
      entityId: row.id,
      orgPath: campaign.orgPath,
      after: row,
    });
    return row;
  });
}

/** Every org path a user holds any role on (their affiliations). */
export async function grantPathsOf(
  db: Db,
  userIds: number[],
): Promise<Map<number, { paths: string[]; reviewer: boolean }>> {
  const out = new Map<number, { paths: string[]; reviewer: boolean }>();
  if (userIds.length === 0) return out;
  const rows = await db
    .select({ userId: roleGrants.userId, role: roleGrants.role, path: organizations.path, active: users.active })
    .from(roleGrants)
    .innerJoin(organizations, eq(organizations.id, roleGrants.orgId))
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(inArray(roleGrants.userId, userIds));
  for (const r of rows) {
    const e = out.get(r.userId) ?? { paths: [], reviewer: false };
    out.set(r.userId, e);
    e.paths.push(r.path);
    if (r.role === 'reviewer' && r.active) e.reviewer = true;
  }
  return out;
}

export interface AssignResult {
  assigned: { applicationId: number; reviewerId: number }[];
  skipped: { applicationId: number; reviewerId: number; reason: string }[];
}

export async function assignReviewers(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  campaign: Campaign,
  panelId: number,
  input: { reviewerIds: number[]; applicationIds: number[] },
): Promise<AssignResult> {
  authorize(selectionPolicy.manage(actor, campaign), false);
  return db.transaction(async (tx) => {
    const [panel] = await tx
      .select()
      .from(selectionPanels)
      .where(and(eq(selectionPanels.id, panelId), eq(selectionPanels.campaignId, campaign.id)));
    if (!panel) throw notFound();
    const people = await grantPathsOf(tx, input.reviewerIds);
    const notReviewers = input.reviewerIds.filter((id) => !people.get(id)?.reviewer);
    if (notReviewers.length)
      throw invalid(
        `用户 ${notReviewers.join('、')} 不是在岗评审员`,
        `Users ${notReviewers.join(', ')} are not active reviewers`,
        'body.reviewerIds',
      );
    const apps = await unsafeCampaignApplications(tx, campaign.id, input.applicationIds);
    const missing = input.applicationIds.filter((id) => !apps.some((a) => a.id === id && a.status === 'submitted'));
    if (missing.length)
      throw invalid(
        `申报 ${missing.join('、')} 不存在或未提交`,
        `Applications ${missing.join(', ')} do not exist or are not submitted`,
        'body.applicationIds',
      );
    const result: AssignResult = { assigned: [], skipped: [] };
    for (const a of apps)
      for (const reviewerId of input.reviewerIds) {
        if (hasConflict(people.get(reviewerId)?.paths ?? [], a.unitPath)) {
          result.skipped.push({
            applicationId: a.id,
            reviewerId,
            reason: '评审员与申报单位同属一个区县（或就是该单位），自动回避',
          });
          continue;
        }
        const [row] = await tx
          .insert(selectionAssignments)
          .values({ panelId, applicationId: a.id, reviewerId, assignedBy: actor.userId, assignedAt: ctx.now })
          .onConflictDoNothing()
          .returning();
        if (row) result.assigned.push({ applicationId: a.id, reviewerId });
      }
    await recordEvent(tx, ctx, {
      action: 'selection.assign',
      entity: 'selection_panel',
      entityId: panelId,
      orgPath: campaign.orgPath,
      after: result as unknown as Record<string, unknown>,
    });
    return result;
  });
}

export async function recuse(db: Db, ctx: RequestContext, actor: Actor, applicationId: number, reason: string) {
  return db.transaction(async (tx) => {
    const a = await findReviewableApplication(tx, actor, applicationId);
    if (!a) throw notFound();
    await tx.insert(selectionRecusals).values({ applicationId: a.id, reviewerId: actor.userId, reason, at: ctx.now });
    await recordEvent(tx, ctx, {
      action: 'selection.recuse',
      entity: 'selection_application',
      entityId: a.id,
      orgPath: a.unitPath,
      after: { reviewerId: actor.userId, reason },
    });
    return { applicationId: a.id, recused: true, reason };
  });
}
