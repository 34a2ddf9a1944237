/**
 * The parents' satisfaction survey (满意度调查, #16) in plain terms: the questions, the answer scales and the
 * indices, defined once here and explained in docs/FIGURES.md ("Satisfaction"). Pure.
 *
 * - Overall satisfaction and five items (安全、照护、活动、餐食、沟通) on 1–5 (1 很不满意 … 5 很满意); 餐食 is
 *   left out (null) when the class serves no meals.
 * - 孩子开心吗 on three steps a parent can answer without thinking about a scale: 开心 (2), 一般 (1), 不开心 (0).
 * - Every index is on 0–100: a 1–5 score s counts (s − 1) / 4, the happy answer h counts h / 2, so 100 means
 *   everyone chose the best answer and 0 everyone the worst. Stored as numerator and denominator so a district's
 *   index is its answers' index, never an average of its units' indices.
 * - Privacy: an index of fewer than MIN_ANSWERS answers is not shown (答卷不足5份，暂不显示).
 */

export const SATISFACTION_ITEMS = ['safety', 'care', 'activities', 'meals', 'communication'] as const;
export type SatisfactionItem = (typeof SATISFACTION_ITEMS)[number];

export const ITEM_LABELS: Record<SatisfactionItem, { zh: string; en: string }> = {
  safety: { zh: '安全', en: 'Safety' },
  care: { zh: '照护', en: 'Care' },
  activities: { zh: '活动', en: 'Activities' },
  meals: { zh: '餐食', en: 'Meals' },
  communication: { zh: '沟通', en: 'Communication' },
};

export const HAPPY_VALUES = [2, 1, 0] as const;
export type Happy = (typeof HAPPY_VALUES)[number];
export const HAPPY_LABELS: Record<Happy, { zh: string; en: string }> = {
  2: { zh: '开心', en: 'Happy' },
  1: { zh: '一般', en: 'So-so' },
  0: { zh: '不开心', en: 'Not happy' },
};

export const ROUNDS = ['final', 'mid'] as const;
export type Round = (typeof ROUNDS)[number];

/** Fewer answers than this and no index, no item score and no remark is shown for the class or unit. */
export const MIN_ANSWERS = 5;
export const TOO_FEW = { zh: '答卷不足5份，暂不显示', en: 'Fewer than 5 answers: not shown yet' };

export interface AnswerScores {
  overall: number;
  safety: number;
  care: number;
  activities: number;
  meals: number | null;
  communication: number;
  happy: number;
}

/** The summed parts of every index over a set of answers (add two tallies to get their union's). */
export interface SatisfactionTally {
  answers: number;
  invited: number;
  /** Σ (overall − 1) over 4 × answers. */
  overall: { n: number; d: number };
  /** Σ happy over 2 × answers. */
  happy: { n: number; d: number };
  items: Record<SatisfactionItem, { n: number; d: number }>;
}

export function emptyTally(): SatisfactionTally {
  const items = {} as SatisfactionTally['items'];
  for (const k of SATISFACTION_ITEMS) items[k] = { n: 0, d: 0 };
  return { answers: 0, invited: 0, overall: { n: 0, d: 0 }, happy: { n: 0, d: 0 }, items };
}

/** Adds one answer to a tally (in place). */
export function addAnswer(t: SatisfactionTally, a: AnswerScores): SatisfactionTally {
  t.answers += 1;
  t.overall.n += a.overall - 1;
  t.overall.d += 4;
  t.happy.n += a.happy;
  t.happy.d += 2;
  for (const k of SATISFACTION_ITEMS) {
    const s = a[k];
    if (s == null) continue;
    t.items[k].n += s - 1;
    t.items[k].d += 4;
  }
  return t;
}

/** 0–100 with one decimal; null on 0/0. */
export function indexOf(p: { n: number; d: number }): number | null {
  return p.d === 0 ? null : Math.round((p.n / p.d) * 1000) / 10;
}

/** A 0–100 index back on the 1–5 scale it came from (for "平均 4.3 分"). */
export function toFivePoint(index: number | null): number | null {
  return index === null ? null : Math.round((1 + (index / 100) * 4) * 10) / 10;
}

export const shown = (answers: number) => answers >= MIN_ANSWERS;
