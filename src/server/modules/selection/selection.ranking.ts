/**
 * The city's ranking of a campaign's submitted applications (the contract H5's 公示 reads): each application's
 * total by the rubric (data criteria from the frozen dossier, reviewer criteria aggregated over the reviewers'
 * latest scores — mean, trimmed mean from five reviewers), the disagreement flag, and the rank by the documented
 * tie rules (src/domain/selection/ranking.ts). Recused reviewers' scores (none can exist after recusal, but an
 * earlier one could) are left out.
 */
import { and, desc, eq, inArray, notExists, sql } from 'drizzle-orm';
import { rank, scoreApplication } from '../../../domain/selection/ranking.js';
import type { Db } from '../../db/client.js';
import { selectionRecusals, selectionScores, selectionSnapshots } from '../../db/tables/selection.js';
import { dataFigures, type Dossier } from './selection.dossier.js';
import { unsafeCampaignApplications } from './selection.repo.js';
import { settingsOf } from './selection.settings.js';

export async function computeRanking(db: Db, campaignId: number) {
  const s = await settingsOf(db, campaignId);
  const apps = (await unsafeCampaignApplications(db, campaignId)).filter((a) => a.status === 'submitted');
  const ids = apps.map((a) => a.id);
  if (ids.length === 0) return { items: [], rubric: s.rubric };
  const snaps = await db
    .selectDistinctOn([selectionSnapshots.applicationId], {
      applicationId: selectionSnapshots.applicationId,
      dossier: selectionSnapshots.dossier,
    })
    .from(selectionSnapshots)
    .where(inArray(selectionSnapshots.applicationId, ids))
    .orderBy(selectionSnapshots.applicationId, desc(selectionSnapshots.takenAt), desc(selectionSnapshots.id));
  const scores = await db
    .selectDistinctOn([selectionScores.applicationId, selectionScores.reviewerId, selectionScores.criterion], {
      applicationId: selectionScores.applicationId,
      reviewerId: selectionScores.reviewerId,
      criterion: selectionScores.criterion,
      score: selectionScores.score,
    })
    .from(selectionScores)
    .where(
      and(
        inArray(selectionScores.applicationId, ids),
        notExists(
          db
            .select({ one: sql`1` })
            .from(selectionRecusals)
            .where(
              and(
                eq(selectionRecusals.applicationId, selectionScores.applicationId),
                eq(selectionRecusals.reviewerId, selectionScores.reviewerId),
              ),
            ),
        ),
      ),
    )
    .orderBy(
      selectionScores.applicationId,
      selectionScores.reviewerId,
      selectionScores.criterion,
      desc(selectionScores.at),
      desc(selectionScores.id),
    );
  const dossierOf = new Map(snaps.map((r) => [r.applicationId, r.dossier as unknown as Dossier]));
  const scored = apps.map((a) => {
    const d = dossierOf.get(a.id);
    const byCriterion = new Map<string, number[]>();
    const reviewers = new Set<number>();
    for (const x of scores.filter((x) => x.applicationId === a.id)) {
      byCriterion.set(x.criterion, [...(byCriterion.get(x.criterion) ?? []), x.score]);
      reviewers.add(x.reviewerId);
    }
    const figures = d
      ? dataFigures(d)
      : {
          attendanceRate: null,
          children: 0,
          satisfactionIndex: null,
          evaluations: 0,
          passingEvaluations: 0,
          recordsCompleteness: null,
        };
    const result = scoreApplication(s.rubric, figures, byCriterion, s.threshold);
    return {
      id: a.id,
      recommended: a.recommended === true,
      app: a,
      total: result.total,
      reviewerPart: result.reviewerPart,
      attendanceRate: figures.attendanceRate,
      children: figures.children,
      submittedAt: a.submittedAt?.toISOString() ?? '',
      result,
      reviewers: reviewers.size,
    };
  });
  const items = rank(scored).map((x) => ({
    applicationId: x.id,
    classId: x.app.classId,
    className: x.app.className,
    unitName: x.app.unitName,
    districtName: x.app.districtName,
    score: x.total,
    rank: x.rank,
    recommended: x.app.recommended === true,
    flagged: x.result.flagged,
    reviewerPart: x.reviewerPart,
    reviewers: x.reviewers,
    criteria: x.result.criteria,
  }));
  return { items, rubric: s.rubric };
}
