import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_2021 } from '../campaign/template.js';
import { buildCampaign } from '../campaign/build.js';
import { getRule } from '../rules/evaluate.js';
import {
  FUNDING_PURPOSES,
  FUNDING_SOURCES,
  formatFen,
  fundingLinesForRule,
  type LedgerEntryFacts,
  ledgerTotals,
  liveEntries,
  parseYuanToFen,
  refuseEntry,
  unionSources,
} from './index.js';

const campaign = TEMPLATE_2021;
const rule = getRule('funding.noUnionFundsForInsurance');
const judge = (entries: LedgerEntryFacts[]) =>
  rule.evaluate({ funding: fundingLinesForRule(entries) }, campaign, '2021-07-15').status;
const entry = (id: number, o: Partial<LedgerEntryFacts> = {}): LedgerEntryFacts => ({
  id,
  kind: 'expense',
  source: 'unit',
  purpose: 'meals',
  amountFen: 100,
  reversesEntryId: null,
  ...o,
});

describe('money in 分', () => {
  it('parses decimal yuan strings without floating point', () => {
    expect(parseYuanToFen('0.1')).toBe(10);
    expect(parseYuanToFen('0.29')).toBe(29);
    expect(parseYuanToFen('1234.56')).toBe(123456);
    expect(parseYuanToFen(' 12 ')).toBe(1200);
    expect(parseYuanToFen('12.')).toBe(1200);
    for (const bad of ['', '-1', '1.234', '1e3', '1,000', 'abc', '.5', '123456789'])
      expect(parseYuanToFen(bad)).toBeNull();
  });
  it('formats and parses back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (fen) => {
        expect(parseYuanToFen(formatFen(fen))).toBe(fen);
      }),
    );
    expect(formatFen(-5)).toBe('-0.05');
  });
});

describe('ledger totals', () => {
  it('equal the sum of the amounts that are not reversed, whatever the order of entries and reversals', () => {
    const op = fc.record({
      reverse: fc.boolean(),
      pick: fc.nat(),
      kind: fc.constantFrom('income' as const, 'expense' as const),
      source: fc.constantFrom(...FUNDING_SOURCES),
      purpose: fc.constantFrom(...FUNDING_PURPOSES),
      amountFen: fc.integer({ min: 1, max: 1_000_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const entries: LedgerEntryFacts[] = [];
        for (const o of ops) {
          const open = liveEntries(entries);
          const target = open[o.pick % Math.max(1, open.length)];
          if (o.reverse && target) entries.push({ ...target, id: entries.length + 1, reversesEntryId: target.id });
          else entries.push({ ...o, id: entries.length + 1, reversesEntryId: null });
        }
        const t = ledgerTotals(entries);
        const live = liveEntries(entries);
        const sum = (k: string) => live.filter((e) => e.kind === k).reduce((s, e) => s + e.amountFen, 0);
        expect(t.incomeFen).toBe(sum('income'));
        expect(t.expenseFen).toBe(sum('expense'));
        expect(t.balanceFen).toBe(sum('income') - sum('expense'));
        const bySource = FUNDING_SOURCES.reduce((s, k) => s + t.bySource[k].incomeFen + t.bySource[k].expenseFen, 0);
        const byPurpose = FUNDING_PURPOSES.reduce(
          (s, k) => s + t.byPurpose[k].incomeFen + t.byPurpose[k].expenseFen,
          0,
        );
        expect(bySource).toBe(t.incomeFen + t.expenseFen);
        expect(byPurpose).toBe(t.incomeFen + t.expenseFen);
        expect(Number.isInteger(t.balanceFen)).toBe(true);
      }),
    );
  });
});

describe('union money and insurance (P-R7, P-R8)', () => {
  it('the campaign names the union sources', () => {
    expect(unionSources(campaign)).toEqual(['grassrootsUnion', 'countyUnion', 'cityUnion', 'provinceUnion']);
  });
  it('refuses an insurance expense from a union source with the rule text, and nothing else', () => {
    const r = refuseEntry(campaign, { kind: 'expense', source: 'cityUnion', purpose: 'insurance' });
    expect(r?.unionInsurance).toBe(true);
    expect(r?.text.zh).toContain('不得用于购买托管对象人身意外伤害保险');
    expect(r?.rule.zh).toContain('资金不得用于意外伤害保险');
    expect(refuseEntry(campaign, { kind: 'income', source: 'cityUnion', purpose: 'insurance' })).toBeNull();
    expect(refuseEntry(campaign, { kind: 'expense', source: 'unit', purpose: 'insurance' })).toBeNull();
    expect(refuseEntry(campaign, { kind: 'expense', source: 'cityUnion', purpose: 'meals' })).toBeNull();
  });
  it('the engine rule turns from pending to pass once a ledger exists, and to fail on a standing union insurance expense', () => {
    expect(judge([])).toBe('unknown');
    expect(judge([entry(1, { kind: 'income', source: 'parents' })])).toBe('pass');
    const bad = entry(2, { source: 'grassrootsUnion', purpose: 'insurance' });
    expect(judge([entry(1), bad])).toBe('fail');
    // Reversed, it no longer stands.
    expect(judge([entry(1), bad, { ...bad, id: 3, reversesEntryId: 2 }])).toBe('pass');
  });
  it('a campaign that restricts another source is judged the same way', () => {
    const c = buildCampaign({ funding: { sources: { parents: { mayNotPayFor: ['staff'] } } } });
    if (!c.ok) throw new Error('campaign');
    const r = refuseEntry(c.campaign, { kind: 'expense', source: 'parents', purpose: 'staff' });
    expect(r?.unionInsurance).toBe(false);
  });
});
