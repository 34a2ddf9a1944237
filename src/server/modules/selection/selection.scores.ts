/**
 * Reviewers' work: the applications assigned to them, the frozen dossier of one (blinded in blind mode) with the
 * rubric and their own latest scores, and scoring. Scores are append-only: a changed score is a new row, the
 * latest per reviewer and criterion counts. Only reviewer-scored criteria of the campaign's rubric are accepted.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { hasConflict } from '../../../domain/selection/conflict.js';
import { formulaOf } from '../../../domain/selection/rubric.js';
import type { Actor } from '../../auth/actor.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses, organizations } from '../../db/schema.js';
import {
  selectionApplications,
  selectionAssignments,
  selectionPanels,
  selectionRecusals,
  selectionScores,
} from '../../db/tables/selection.js';
import { invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { blinded, frozenDossier } from './selection.dossier.js';
import { grantPaths } from './selection.policy.js';
import { findReviewableApplication } from './selection.repo.js';
import { settingsOf } from './selection.settings.js';

export async function myAssignments(db: Db, actor: Actor) {
  if (!actor.grants.some((g) => g.role === 'reviewer')) return [];
  const rows = await db
    .select({
      applicationId: selectionAssignments.applicationId,
      campaignId: selectionApplications.campaignId,
      status: selectionApplications.status,
      className: careClasses.name,
      unitName: organizations.name,
      unitPath: organizations.path,
      panelName: selectionPanels.name,
      recused: sql<boolean>`EXISTS (SELECT 1 FROM ${selectionRecusals} x WHERE x.application_id = ${selectionAssignments.applicationId} AND x.reviewer_id = ${actor.userId})`,
      lastScoredAt: sql<
        string | null
      >`(SELECT max(s.at) FROM ${selectionScores} s WHERE s.application_id = ${selectionAssignments.applicationId} AND s.reviewer_id = ${actor.userId})`,
    })
    .from(selectionAssignments)
    .innerJoin(selectionApplications, eq(selectionApplications.id, selectionAssignments.applicationId))
    .innerJoin(careClasses, eq(careClasses.id, selectionApplications.classId))
    .innerJoin(organizations, eq(organizations.id, selectionApplications.orgId))
    .innerJoin(selectionPanels, eq(selectionPanels.id, selectionAssignments.panelId))
    .where(and(eq(selectionAssignments.reviewerId, actor.userId), eq(selectionApplications.status, 'submitted')))
    .orderBy(selectionAssignments.applicationId);
  const paths = grantPaths(actor);
  const blind = new Map<number, boolean>();
  const out = [];
  for (const r of rows) {
    if (hasConflict(paths, r.unitPath)) continue; // never assigned; re-checked all the same
    if (!blind.has(r.campaignId)) blind.set(r.campaignId, (await settingsOf(db, r.campaignId)).blind);
    const hide = blind.get(r.campaignId) === true;
    out.push({
      applicationId: r.applicationId,
      campaignId: r.campaignId,
      className: hide ? null : r.className,
      unitName: hide ? null : r.unitName,
      panelName: r.panelName,
      status: r.recused ? ('recused' as const) : r.lastScoredAt ? ('scored' as const) : ('to_score' as const),
      lastScoredAt: r.lastScoredAt ? new Date(r.lastScoredAt).toISOString() : null,
    });
  }
  return out;
}

async function myLatestScores(db: Db, applicationId: number, reviewerId: number) {
  const rows = await db
    .selectDistinctOn([selectionScores.criterion], {
      criterion: selectionScores.criterion,
      score: selectionScores.score,
      comment: selectionScores.comment,
      at: selectionScores.at,
    })
    .from(selectionScores)
    .where(and(eq(selectionScores.applicationId, applicationId), eq(selectionScores.reviewerId, reviewerId)))
    .orderBy(selectionScores.criterion, desc(selectionScores.at), desc(selectionScores.id));
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** The reviewer's page: 404 for anyone not assigned, conflicted or recused. */
export async function reviewView(db: Db, actor: Actor, applicationId: number) {
  const a = await findReviewableApplication(db, actor, applicationId);
  if (!a) throw notFound();
  const s = await settingsOf(db, a.campaignId);
  const frozen = await frozenDossier(db, a.id);
  if (!frozen) throw notFound();
  return {
    applicationId: a.id,
    blind: s.blind,
    dossier: s.blind ? blinded(frozen, a.id) : frozen,
    rubric: s.rubric.map((c) => ({ ...c, formula: formulaOf(c) })),
    myScores: await myLatestScores(db, a.id, actor.userId),
    abilities: { score: true, recuse: true },
  };
}

export interface ScoreInput {
  criterion: string;
  score: number;
  comment: string;
}

export async function submitScores(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  applicationId: number,
  scores: ScoreInput[],
) {
  return db.transaction(async (tx) => {
    const a = await findReviewableApplication(tx, actor, applicationId);
    if (!a) throw notFound();
    const s = await settingsOf(tx, a.campaignId);
    const keys = new Set(s.rubric.filter((c) => c.source === 'reviewer').map((c) => c.key));
    scores.forEach((x, i) => {
      if (!keys.has(x.criterion))
        throw invalid(
          `「${x.criterion}」不是评审打分项`,
          `"${x.criterion}" is not a reviewer-scored criterion`,
          `body.scores.${i}.criterion`,
        );
    });
    await tx.insert(selectionScores).values(
      scores.map((x) => ({
        applicationId: a.id,
        reviewerId: actor.userId,
        criterion: x.criterion,
        score: x.score,
        comment: x.comment,
        at: ctx.now,
      })),
    );
    await recordEvent(tx, ctx, {
      action: 'selection.score',
      entity: 'selection_application',
      entityId: a.id,
      orgPath: a.unitPath,
      after: { reviewerId: actor.userId, scores } as unknown as Record<string, unknown>,
    });
    return myLatestScores(tx, a.id, actor.userId);
  });
}
