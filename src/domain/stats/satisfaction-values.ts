/** The satisfaction figures (catalogue: satisfaction.ts) from a tally of answers — the one place they are computed. */
import { MIN_ANSWERS, SATISFACTION_ITEMS, type SatisfactionTally } from '../satisfaction/indices.js';
import type { FigureValue } from './figures.js';
import { ratioValue, sampledRatioValue } from './rollup.js';

export function satisfactionValues(t: SatisfactionTally): FigureValue[] {
  return [
    { key: 'satisfaction.invited', value: t.invited },
    { key: 'satisfaction.answers', value: t.answers },
    ratioValue('satisfaction.responseRate', t.answers, t.invited),
    sampledRatioValue('satisfaction.parents', t.overall.n, t.overall.d, t.answers, MIN_ANSWERS),
    sampledRatioValue('satisfaction.happy', t.happy.n, t.happy.d, t.answers, MIN_ANSWERS),
    ...SATISFACTION_ITEMS.map((k) =>
      sampledRatioValue(`satisfaction.item.${k}`, t.items[k].n, t.items[k].d, t.items[k].d / 4, MIN_ANSWERS),
    ),
  ];
}
