/**
 * The total score of an application and the ranking with its tie rules.
 *
 * Total = Σ over available criteria of weight × score ÷ Σ of their weights, where a data criterion's score is its
 * formula's value and every reviewer criterion's score is the aggregate (mean, or trimmed mean from 5 reviewers) of
 * the reviewers' latest scores for it. A criterion without a value (a missing figure, or no reviewer score yet) is
 * left out and the others' weights are scaled up to 100. Until at least one reviewer has scored, the total is null
 * (pending): data alone never ranks an application.
 *
 * Order: applications the district recommended come first (only they are under the city's review); then, as tie
 * rules in order: higher total (a pending one last); higher reviewer part (the weighted reviewer criteria only); higher attendance
 * rate; more children; earlier submission; lower application id. Every application gets a distinct rank 1..n.
 */
import { type Aggregate, aggregate, DEFAULT_THRESHOLD, type DisagreementThreshold } from './aggregate.js';
import { type Criterion, type DataFigures, dataScore } from './rubric.js';

export interface CriterionResult {
  key: string;
  weight: number;
  score: number | null;
  aggregate?: Aggregate;
}

export interface ScoredApplication {
  total: number | null;
  reviewerPart: number | null;
  criteria: CriterionResult[];
  flagged: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function weighted(rs: readonly CriterionResult[]): number | null {
  const have = rs.filter((r) => r.score !== null);
  const w = have.reduce((s, r) => s + r.weight, 0);
  if (w === 0) return null;
  return round2(have.reduce((s, r) => s + r.weight * (r.score ?? 0), 0) / w);
}

/** `reviewerScores`: per reviewer criterion key, each reviewer's latest score. */
export function scoreApplication(
  rubric: readonly Criterion[],
  figures: DataFigures,
  reviewerScores: ReadonlyMap<string, readonly number[]>,
  threshold: DisagreementThreshold = DEFAULT_THRESHOLD,
): ScoredApplication {
  const criteria: CriterionResult[] = rubric.map((c) => {
    if (c.source === 'data') return { key: c.key, weight: c.weight, score: dataScore(c, figures) };
    const agg = aggregate(reviewerScores.get(c.key) ?? [], threshold);
    return { key: c.key, weight: c.weight, score: agg.value, aggregate: agg };
  });
  const reviewer = criteria.filter((r) => r.aggregate);
  const reviewerPart = weighted(reviewer);
  return {
    total: reviewerPart === null ? null : weighted(criteria),
    reviewerPart,
    criteria,
    flagged: reviewer.some((r) => r.aggregate?.flagged),
  };
}

export interface RankInput {
  id: number;
  /** Recommended by its district (ranks before those that were not). */
  recommended?: boolean;
  total: number | null;
  reviewerPart: number | null;
  attendanceRate: number | null;
  children: number;
  submittedAt: string;
}

const desc = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);

export function compareForRanking(a: RankInput, b: RankInput): number {
  return (
    Number(b.recommended ?? false) - Number(a.recommended ?? false) ||
    desc(a.total, b.total) ||
    desc(a.reviewerPart, b.reviewerPart) ||
    desc(a.attendanceRate, b.attendanceRate) ||
    b.children - a.children ||
    (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0) ||
    a.id - b.id
  );
}

/** Ranks 1..n by the tie rules (input order does not matter). */
export function rank<T extends RankInput>(items: readonly T[]): (T & { rank: number })[] {
  return [...items].sort(compareForRanking).map((x, i) => ({ ...x, rank: i + 1 }));
}

/** May a district recommend one more, given how many it has recommended and its quota? */
export const withinQuota = (recommended: number, quota: number) => recommended < quota;
