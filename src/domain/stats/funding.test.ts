import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUNDING_SOURCES } from '../campaign/schema.js';
import { figureDefinition } from './catalogue.js';
import { addFunding, emptyFundingTally, fundingValues } from './funding.js';
import { rollUp } from './rollup.js';

describe('funding figures', () => {
  it('are in the catalogue as money', () => {
    for (const v of fundingValues(emptyFundingTally())) expect(figureDefinition(v.key)?.unit).toBe('yuan');
  });
  it('roll up exactly: the parent’s yuan are the sum of the units’ 分', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000_000 }), { minLength: 3, maxLength: 3 }), {
          maxLength: 40,
        }),
        (units) => {
          const tallies = units.map(([income = 0, expense = 0, paid = 0]) => {
            const t = emptyFundingTally();
            t.incomeFen = income;
            t.bySource.cityUnion.incomeFen = income;
            t.expenseFen = expense;
            t.subsidyPaidFen = paid;
            return t;
          });
          const total = emptyFundingTally();
          for (const t of tallies) addFunding(total, t);
          const rolled = rollUp(tallies.map(fundingValues));
          const direct = fundingValues(total);
          for (const d of direct) {
            const r = rolled.find((v) => v.key === d.key);
            expect(r?.value ?? 0).toBe(d.value ?? 0);
          }
          // The sources add up to the totals.
          const bySource = FUNDING_SOURCES.reduce((s, k) => s + total.bySource[k].incomeFen, 0);
          expect(bySource).toBe(total.incomeFen);
        },
      ),
    );
  });
});
