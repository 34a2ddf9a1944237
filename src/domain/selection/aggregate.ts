/**
 * Aggregating reviewers' scores so that one outlier cannot carry an application: the mean, and from five reviewers
 * on the trimmed mean (the single highest and single lowest score dropped). The spread (range and population
 * standard deviation) flags a disagreement for the panel to discuss.
 */
export const TRIM_FROM = 5;

export interface DisagreementThreshold {
  /** Highest minus lowest score above which the scores are flagged (points of 100). */
  range: number;
  /** Population standard deviation above which the scores are flagged. */
  stdDev: number;
}

export const DEFAULT_THRESHOLD: DisagreementThreshold = { range: 25, stdDev: 12 };

export interface Aggregate {
  n: number;
  mean: number | null;
  /** Null below TRIM_FROM reviewers. */
  trimmedMean: number | null;
  /** The value used: the trimmed mean from TRIM_FROM reviewers, else the mean. */
  value: number | null;
  method: 'mean' | 'trimmed_mean' | 'none';
  range: number;
  stdDev: number;
  flagged: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function aggregate(scores: readonly number[], t: DisagreementThreshold = DEFAULT_THRESHOLD): Aggregate {
  const n = scores.length;
  if (n === 0)
    return { n, mean: null, trimmedMean: null, value: null, method: 'none', range: 0, stdDev: 0, flagged: false };
  const sorted = [...scores].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  const mean = sum / n;
  const trimmed = n >= TRIM_FROM ? sorted.slice(1, -1).reduce((s, x) => s + x, 0) / (n - 2) : null;
  const range = (sorted[n - 1] ?? 0) - (sorted[0] ?? 0);
  const stdDev = Math.sqrt(sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  return {
    n,
    mean: round2(mean),
    trimmedMean: trimmed === null ? null : round2(trimmed),
    value: round2(trimmed ?? mean),
    method: trimmed === null ? 'mean' : 'trimmed_mean',
    range: round2(range),
    stdDev: round2(stdDev),
    flagged: n >= 2 && (range > t.range || stdDev > t.stdDev),
  };
}
