import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_2021 } from '../campaign/template.js';
import {
  computeSubsidy,
  type PaymentFacts,
  reconcile,
  refusePayment,
  type SubsidyClassFacts,
  type SubsidyRules,
  subsidyRulesProblem,
  tierOf,
} from './subsidy.js';

const campaign = TEMPLATE_2021; // minAttendanceRate 0.75
const rules: SubsidyRules = {
  source: 'cityUnion',
  tiers: [
    { minChildren: 20, maxChildren: 29, perChildDayFen: 1000 },
    { minChildren: 30, maxChildren: 49, perChildDayFen: 1200 },
    { minChildren: 50, maxChildren: null, perChildDayFen: 1500 },
  ],
  demonstrationSupplementFen: 500_000,
  capFen: 2_000_000,
  conditions: { classFinished: true, attendanceMinimum: true, noOpenSeriousIncident: true },
};
const facts = (o: Partial<SubsidyClassFacts> = {}): SubsidyClassFacts => ({
  classId: 1,
  status: 'closed',
  children: 25,
  presentChildDays: 400,
  scheduledChildDays: 500,
  openSeriousIncidents: 0,
  named: false,
  ...o,
});

describe('a class’s subsidy', () => {
  it('is the tier’s rate times the child-days, with the reasons', () => {
    const s = computeSubsidy(rules, campaign, facts());
    expect(s).toMatchObject({ eligible: true, tier: 0, childDays: 400, perChildDayFen: 1000, amountFen: 400_000 });
    expect(s.conditions.map((c) => [c.key, c.met])).toEqual([
      ['classFinished', true],
      ['attendanceMinimum', true],
      ['noOpenSeriousIncident', true],
    ]);
    expect(computeSubsidy(rules, campaign, facts({ children: 30 })).perChildDayFen).toBe(1200);
    expect(computeSubsidy(rules, campaign, facts({ children: 80 })).tier).toBe(2);
  });
  it('is nothing below the lowest tier, or when a condition is not met', () => {
    expect(computeSubsidy(rules, campaign, facts({ children: 19 }))).toMatchObject({ tier: null, amountFen: 0 });
    const running = computeSubsidy(rules, campaign, facts({ status: 'running' }));
    expect(running.amountFen).toBe(0);
    expect(running.conditions.find((c) => c.key === 'classFinished')?.met).toBe(false);
    // 374/500 = 74.8 % < 75 %; 375/500 = exactly 75 % passes.
    const low = computeSubsidy(rules, campaign, facts({ presentChildDays: 374 }));
    expect(low.conditions.find((c) => c.key === 'attendanceMinimum')).toMatchObject({ met: false, value: 748 });
    expect(computeSubsidy(rules, campaign, facts({ presentChildDays: 375 })).eligible).toBe(true);
    expect(computeSubsidy(rules, campaign, facts({ openSeriousIncidents: 1 })).amountFen).toBe(0);
    // A condition switched off is not judged.
    const lenient = { ...rules, conditions: { ...rules.conditions, noOpenSeriousIncident: false } };
    expect(computeSubsidy(lenient, campaign, facts({ openSeriousIncidents: 1 })).amountFen).toBe(400_000);
  });
  it('adds the supplement for a named demonstration class and stops at the cap', () => {
    expect(computeSubsidy(rules, campaign, facts({ named: true })).amountFen).toBe(900_000);
    const big = computeSubsidy(
      rules,
      campaign,
      facts({ children: 60, presentChildDays: 1500, scheduledChildDays: 1600 }),
    );
    expect(big).toMatchObject({ capped: true, amountFen: 2_000_000, childDaysFen: 2_250_000 });
  });
  it('tiers: the highest matching one; overlapping tiers are refused', () => {
    expect(tierOf(rules.tiers, 49)).toBe(1);
    expect(subsidyRulesProblem(rules, campaign)).toBeNull();
    const overlap = { ...rules, tiers: [...rules.tiers, { minChildren: 40, maxChildren: 45, perChildDayFen: 1 }] };
    expect(subsidyRulesProblem(overlap, campaign)?.at).toBe('tiers');
    expect(subsidyRulesProblem({ ...rules, source: 'unit' }, campaign)?.at).toBe('source');
    expect(subsidyRulesProblem({ ...rules, tiers: [] }, campaign)?.at).toBe('tiers');
  });
  it('is always a whole number of 分 between 0 and the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        (children, present, extra, named) => {
          const s = computeSubsidy(
            rules,
            campaign,
            facts({ children, presentChildDays: present, scheduledChildDays: present + extra, named }),
          );
          expect(Number.isInteger(s.amountFen)).toBe(true);
          expect(s.amountFen).toBeGreaterThanOrEqual(0);
          expect(s.amountFen).toBeLessThanOrEqual(2_000_000);
          if (!s.eligible) expect(s.amountFen).toBe(0);
        },
      ),
    );
  });
});

describe('the disbursement list reconciles with its payments', () => {
  it('sum over classes = list total = paid + pending, exact after any payments and reversals', () => {
    const op = fc.record({ reverse: fc.boolean(), pick: fc.nat(), share: fc.integer({ min: 1, max: 100 }) });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.array(op, { maxLength: 80 }),
        (amounts, ops) => {
          const items = amounts.map((amountFen, i) => ({ id: i + 1, classId: 100 + i, amountFen }));
          const payments: PaymentFacts[] = [];
          for (const o of ops) {
            const reversed = new Set(payments.map((p) => p.reversesPaymentId));
            const open = payments.filter((p) => p.reversesPaymentId === null && !reversed.has(p.id));
            const target = open[o.pick % Math.max(1, open.length)];
            if (o.reverse && target) {
              payments.push({ ...target, id: payments.length + 1, reversesPaymentId: target.id });
              continue;
            }
            const item = items[o.pick % items.length];
            if (!item) continue;
            const r = reconcile(items, payments);
            const pending = r.byItem.get(item.id)?.pendingFen ?? 0;
            const amount = Math.max(1, Math.floor((pending * o.share) / 100));
            // The service records only what refusePayment lets through.
            if (refusePayment(r, item.id, amount)) {
              expect(amount).toBeGreaterThan(pending);
              continue;
            }
            payments.push({ id: payments.length + 1, itemId: item.id, amountFen: amount, reversesPaymentId: null });
          }
          const r = reconcile(items, payments);
          const sumOverClasses = amounts.reduce((s, a) => s + a, 0);
          expect(r.totalFen).toBe(sumOverClasses);
          expect(r.paidFen + r.pendingFen).toBe(r.totalFen);
          // Paid = the live payments exactly (reversed ones and reversals cancel out).
          const reversed = new Set(payments.map((p) => p.reversesPaymentId));
          const live = payments.filter((p) => p.reversesPaymentId === null && !reversed.has(p.id));
          expect(r.paidFen).toBe(live.reduce((s, p) => s + p.amountFen, 0));
          for (const it of r.byItem.values()) {
            expect(it.paidFen).toBeGreaterThanOrEqual(0);
            expect(it.paidFen).toBeLessThanOrEqual(it.amountFen);
            expect(it.paidFen + it.pendingFen).toBe(it.amountFen);
          }
        },
      ),
    );
  });
});
