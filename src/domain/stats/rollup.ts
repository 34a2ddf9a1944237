/**
 * Rolling figures up the tree (汇总): a district's (an industry union's, the city's) figure from its units' figures,
 * by the figure's `rollUp` (catalogue.ts). Pure. The property test in test/api/stats.test.ts holds the read layer
 * to it: an organisation's figures equal the roll-up of its units' figures.
 *
 * - `sum`: the values add up (a missing value counts as 0).
 * - `ratio`: numerators and denominators add up and the value is recomputed — never an average of percentages;
 *   null on 0/0.
 * - `distinct`: the union of the members (`ids`) is counted, so a family with children in two units of one district
 *   is one family of the district. A value without ids (a frozen figure) cannot be rolled up this way: the roll-up
 *   then falls back to the sum and says so by leaving `ids` out.
 */
import { FIGURES, figureDefinition } from './catalogue.js';
import type { FigureRollUp, FigureValue } from './figures.js';

/** A percent, 0–100 with one decimal; null when there is nothing to divide by. */
export function percentOf(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

/** A ratio figure's value from its parts. */
export function ratioValue(key: string, numerator: number, denominator: number): FigureValue {
  return { key, value: percentOf(numerator, denominator), numerator, denominator };
}

/** A ratio with a privacy threshold: the value is null while fewer than `min` answers stand behind it. */
export function sampledRatioValue(key: string, numerator: number, denominator: number, sample: number, min: number) {
  const v: FigureValue = { ...ratioValue(key, numerator, denominator), sample };
  if (sample < min) v.value = null;
  return v;
}

/** A distinct figure's value from its members (deduplicated and sorted). */
export function distinctValue(key: string, ids: Iterable<number>): FigureValue {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  return { key, value: sorted.length, ids: sorted };
}

function rollUpOf(key: string, values: readonly FigureValue[]): FigureRollUp {
  const def = figureDefinition(key);
  if (def) return def.rollUp;
  // A key outside the catalogue (an ad-hoc figure): a ratio when it carries its parts.
  return values.some((v) => v.denominator !== undefined) ? 'ratio' : 'sum';
}

/** One figure from the same figure of several organisations. */
export function rollUpFigure(key: string, values: readonly FigureValue[]): FigureValue {
  const how = rollUpOf(key, values);
  if (how === 'ratio') {
    let n = 0;
    let d = 0;
    for (const v of values) {
      n += v.numerator ?? 0;
      d += v.denominator ?? 0;
    }
    const def = figureDefinition(key);
    if (def?.minSample !== undefined) {
      const sample = values.reduce((s, v) => s + (v.sample ?? 0), 0);
      return sampledRatioValue(key, n, d, sample, def.minSample);
    }
    return ratioValue(key, n, d);
  }
  if (how === 'distinct' && values.every((v) => v.ids !== undefined)) {
    return distinctValue(
      key,
      values.flatMap((v) => v.ids ?? []),
    );
  }
  // Money (yuan with two decimals from exact 分) is added in 分, so a city's sum has no floating-point residue.
  if (figureDefinition(key)?.unit === 'yuan')
    return { key, value: values.reduce((s, v) => s + Math.round((v.value ?? 0) * 100), 0) / 100 };
  return { key, value: values.reduce((s, v) => s + (v.value ?? 0), 0) };
}

/**
 * The roll-up of several organisations' figures: one value per key, keys in the order they first appear (the
 * catalogue's order when every unit was computed by modules/stats). No units: every catalogue figure at zero.
 */
export function rollUp(perUnit: readonly (readonly FigureValue[])[]): FigureValue[] {
  if (perUnit.length === 0) return emptyFigures();
  const byKey = new Map<string, FigureValue[]>();
  for (const unit of perUnit)
    for (const v of unit) {
      const list = byKey.get(v.key);
      if (list) list.push(v);
      else byKey.set(v.key, [v]);
    }
  return [...byKey].map(([key, values]) => rollUpFigure(key, values));
}

/** Every catalogue figure at zero (a ratio at 0 ÷ 0, so null): an organisation with no units, or nothing yet. */
export function emptyFigures(): FigureValue[] {
  return FIGURES.map((f) =>
    f.rollUp === 'ratio'
      ? ratioValue(f.key, 0, 0)
      : f.rollUp === 'distinct'
        ? distinctValue(f.key, [])
        : { key: f.key, value: 0 },
  );
}

/** Items grouped by a numeric key (an org, a class), in the order they came. */
export function groupBy<T>(items: readonly T[], key: (t: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}
