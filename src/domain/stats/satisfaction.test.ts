import { describe, expect, it } from 'vitest';
import { rollUpFigure } from './rollup.js';
import { satisfactionValues } from './satisfaction-values.js';
import { addAnswer, emptyTally, indexOf, toFivePoint } from '../satisfaction/indices.js';

const a = (overall: number, happy: number, meals: number | null = 4) => ({
  overall,
  safety: 5,
  care: 4,
  activities: 3,
  meals,
  communication: 2,
  happy,
});

describe('satisfaction indices', () => {
  it('map 1–5 and the three happy steps onto 0–100', () => {
    const t = emptyTally();
    for (const x of [a(5, 2), a(1, 0), a(3, 1, null)]) addAnswer(t, x);
    expect(indexOf(t.overall)).toBe(50); // (4 + 0 + 2) / 12
    expect(indexOf(t.happy)).toBe(50); // (2 + 0 + 1) / 6
    expect(indexOf(t.items.meals)).toBe(75); // two answers of 4, the third not asked
    expect(indexOf(t.items.safety)).toBe(100);
    expect(toFivePoint(75)).toBe(4);
  });

  it('withhold an index below 5 answers, also after a roll-up, and pool answers rather than averaging', () => {
    const small = emptyTally();
    for (let i = 0; i < 3; i++) addAnswer(small, a(5, 2));
    const other = emptyTally();
    for (let i = 0; i < 2; i++) addAnswer(other, a(1, 0));
    const v1 = satisfactionValues(small).find((v) => v.key === 'satisfaction.parents');
    const v2 = satisfactionValues(other).find((v) => v.key === 'satisfaction.parents');
    expect(v1?.value).toBeNull();
    expect(v2?.value).toBeNull();
    const both = rollUpFigure('satisfaction.parents', [v1 ?? { key: '', value: null }, v2 ?? { key: '', value: null }]);
    // 5 answers: (3 × 4 + 2 × 0) / 20 = 60, not the mean of 100 and 0
    expect(both).toMatchObject({ value: 60, sample: 5 });
    const one = rollUpFigure('satisfaction.parents', [v1 ?? { key: '', value: null }]);
    expect(one.value).toBeNull();
  });
});
