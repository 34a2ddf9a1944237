// Venue, food, agreements, provider, insurance and funding rules (P-R4, P-R5, P-R7, P-R8), and the
// engine as a whole: ids, P-ids, unknown on empty input.
import { describe, expect, it } from 'vitest';
import { buildCampaign } from '../campaign/build.js';
import type { Campaign } from '../campaign/schema.js';
import { TEMPLATE_2021 } from '../campaign/template.js';
import { evaluateClass, getRule, RULES, rulesInForce } from './evaluate.js';
import { BUILT_CLASS_END, buildChildren, buildClass } from './fixtures.js';
import { type ClassSnapshot, RULE_IDS, type RuleId, type RuleStatus } from './types.js';

const T = TEMPLATE_2021 as Campaign;
const COVERING = { start: '2021-07-01', end: '2021-08-31' } as const;
const status = (id: RuleId, s: ClassSnapshot, c: Campaign = T): RuleStatus =>
  getRule(id).evaluate(s, c, BUILT_CLASS_END).status;
const venue = (v: Partial<NonNullable<ClassSnapshot['venue']>>) =>
  buildClass({ venue: { ...buildClass().venue, ...v } });
const campaign = (o: unknown): Campaign => {
  const r = buildCampaign(o);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.campaign;
};

describe('the rule set', () => {
  it('has exactly the ids of issue 3, in order, each citing a P-id', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    expect(RULE_IDS).toHaveLength(20);
    for (const r of RULES) expect(r.policyRefs.length, r.id).toBeGreaterThan(0);
  });

  it('answers unknown for every rule on an empty class', () => {
    const e = evaluateClass({}, T, '2021-07-20');
    expect(e.rules.filter((r) => r.status !== 'unknown').map((r) => r.id)).toEqual([]);
    expect(e.ok).toBe(true);
    expect(e.counts.unknown).toBe(20);
  });

  it('never throws, even on data that breaks the types', () => {
    const garbage = {
      children: [null, 5, { grade: 'Z', presentDays: -1 }],
      funding: [null, { source: '__proto__', purpose: 'insurance' }],
      venue: 7,
      closedDates: 'x',
    };
    const e = evaluateClass(garbage as unknown as ClassSnapshot, T, 'not a date');
    expect(e.rules).toHaveLength(20);
  });

  it('describes the rules in force with the campaign’s numbers', () => {
    const lines = rulesInForce(campaign({ scale: { minChildren: 15, minAttendanceRate: 0.7 } }));
    expect(lines.find((l) => l.id === 'scale.minChildren')?.zh).toContain('15');
    expect(lines.find((l) => l.id === 'scale.attendanceRate')?.zh).toContain('70.0%');
    expect(lines.find((l) => l.id === 'funding.noUnionFundsForInsurance')?.zh).toContain(
      '基层工会、县级工会、市级工会、省级工会资金不得用于意外伤害保险',
    );
  });
});

describe('venue (P-R4)', () => {
  it.each([
    ['venue.independent', { independent: false }, 'fail'],
    ['venue.forbiddenLocation', { location: 'basement' }, 'fail'],
    ['venue.forbiddenLocation', { location: 'semi-basement' }, 'fail'],
    ['venue.forbiddenLocation', { buildingUse: 'warehouse' }, 'fail'],
    ['venue.forbiddenLocation', { buildingUse: 'production' }, 'fail'],
    ['venue.forbiddenLocation', { location: 'upper', buildingUse: 'school' }, 'pass'],
    ['venue.forbiddenLocation', { location: undefined }, 'unknown'],
    ['venue.forbiddenLocation', { location: undefined, buildingUse: 'illegal' }, 'fail'],
    ['venue.hazards', { nearHazard: true }, 'fail'],
    ['venue.ventilationLighting', { ventilationLighting: false }, 'fail'],
    ['venue.fireSafety', { fireSafety: false }, 'fail'],
    ['venue.fireSafety', { fireSafety: undefined }, 'unknown'],
    ['venue.surveillance', { surveillance: false }, 'warn'],
  ] as const)('%s with %j → %s', (id, v, expected) => {
    expect(status(id, venue(v))).toBe(expected);
  });

  it('a campaign can require cameras, or stop checking an item', () => {
    expect(
      status(
        'venue.surveillance',
        venue({ surveillance: false }),
        campaign({ venue: { checks: { surveillance: 'required' } } }),
      ),
    ).toBe('fail');
    expect(
      status(
        'venue.independent',
        venue({ independent: false }),
        campaign({ venue: { checks: { independent: 'off' } } }),
      ),
    ).toBe('pass');
  });
});

describe('food.catering (P-R5)', () => {
  it.each([
    [{ mode: 'self' }, 'pass'],
    [{ mode: 'none' }, 'pass'],
    // The built class runs 2021-07-05 … 2021-08-13; the contract must cover both days (issue 12).
    [{ mode: 'contracted', licenseExpiry: '2021-08-13', contract: COVERING }, 'pass'], // valid through the last day
    [{ mode: 'contracted', licenseExpiry: '2021-08-12', contract: COVERING }, 'fail'],
    [{ mode: 'contracted', licenseExpiry: '2022-03-31', contract: { start: '2021-07-05', end: '2021-08-13' } }, 'pass'],
    [{ mode: 'contracted', licenseExpiry: '2022-03-31', contract: { start: '2021-07-05', end: '2021-08-12' } }, 'fail'],
    [{ mode: 'contracted', licenseExpiry: '2022-03-31', contract: { start: '2021-07-06', end: '2021-08-13' } }, 'fail'],
    [{ mode: 'contracted', licenseExpiry: '2022-03-31', contract: { start: '2021-06-01', end: '2021-07-04' } }, 'fail'],
    [{ mode: 'contracted', licenseExpiry: '2022-03-31', contract: null }, 'fail'], // recorded as missing
    [{ mode: 'contracted', licenseExpiry: '2022-03-31' }, 'unknown'], // contract not known
    [{ mode: 'contracted', licenseExpiry: '2021-08-12' }, 'fail'], // a known lapse fails even so
    [{ mode: 'contracted', contract: COVERING }, 'unknown'],
    [{ mode: 'contracted' }, 'unknown'],
    [{}, 'unknown'],
  ] as const)('%j → %s', (catering, expected) => {
    expect(status('food.catering', buildClass({ catering: { ...catering } }))).toBe(expected);
  });

  it('says what is wrong with the contract, and never claims one was signed when it was not', () => {
    const r = (contract: NonNullable<ClassSnapshot['catering']>['contract']) =>
      getRule('food.catering').evaluate(
        buildClass({ catering: { mode: 'contracted', licenseExpiry: '2022-03-31', contract } }),
        T,
        BUILT_CLASS_END,
      );
    const early = r({ start: '2021-07-01', end: '2021-08-12' });
    expect(early.message.zh).toContain('配餐协议 2021-08-12 到期，早于托管结束日 2021-08-13');
    expect(early.message.en).toContain('ends 2021-08-12, before the class ends (2021-08-13)');
    expect(early.fix?.zh).toContain('续签配餐协议至 2021-08-13');
    const late = r({ start: '2021-07-06', end: '2021-08-31' });
    expect(late.message.zh).toContain('配餐协议 2021-07-06 才生效，晚于托管开始日 2021-07-05');
    expect(late.message.en).toContain('starts 2021-07-06, after the class starts (2021-07-05)');
    const missing = r(null);
    expect(missing.message.zh).toContain('未签订配餐协议');
    expect(missing.message.en).toContain('No catering contract');
    expect(r(undefined).message.zh).toContain('尚未登记配餐协议期限');
    const ok = r(COVERING);
    expect(ok.message.zh).toContain('配餐协议 2021-07-01 至 2021-08-31，覆盖托管期 2021-07-05 至 2021-08-13');
    expect(ok.facts).toMatchObject({ contractStart: '2021-07-01', contractEnd: '2021-08-31' });
  });

  it('a recommended contract only warns when it does not cover the class', () => {
    const c = campaign({ catering: { contract: 'recommended' } });
    const s = buildClass({
      catering: {
        mode: 'contracted',
        licenseExpiry: '2022-03-31',
        contract: { start: '2021-07-05', end: '2021-08-12' },
      },
    });
    expect(status('food.catering', s, c)).toBe('warn');
  });
});

describe('agreements, provider, insurance (P-R7)', () => {
  it.each([
    ['agreement.partner', { mode: 'standalone' }, 'pass'],
    ['agreement.partner', { mode: 'joint', partnerAgreement: true }, 'pass'],
    ['agreement.partner', { mode: 'joint', partnerAgreement: false }, 'fail'],
    ['agreement.partner', { mode: 'partner' }, 'unknown'],
    ['agreement.partner', { mode: undefined }, 'unknown'],
    ['provider.qualification', { management: 'union' }, 'pass'],
    ['provider.qualification', { management: 'volunteers' }, 'pass'],
    ['provider.qualification', { management: 'purchased', providerQualified: true }, 'pass'],
    ['provider.qualification', { management: 'purchased', providerQualified: false }, 'fail'],
    ['provider.qualification', { management: 'purchased' }, 'unknown'],
  ] as const)('%s with %j → %s', (id, o, expected) => {
    expect(status(id, buildClass({ ...o }))).toBe(expected);
  });

  it.each([
    ['agreement.custody', 'custodyAgreement'],
    ['insurance.guardianBought', 'insurance'],
  ] as const)('%s: every enrolled child (%s)', (id, field) => {
    expect(status(id, buildClass())).toBe('pass');
    const one = buildClass({ children: buildChildren(20, (i) => (i === 7 ? { [field]: false } : {})) });
    const r = getRule(id).evaluate(one, T, BUILT_CLASS_END);
    expect(r.status).toBe('fail');
    expect(r.facts.failing).toEqual(['C8']);
    expect(
      status(id, buildClass({ children: buildChildren(20, (i) => (i === 7 ? { [field]: undefined } : {})) })),
    ).toBe('unknown');
    // a child who has left does not hold the class back
    const left = buildClass({
      children: buildChildren(21, (i) =>
        i === 20 ? { [field]: false, withdrawnOn: '2021-07-10', presentDays: 5 } : {},
      ),
    });
    expect(status(id, left)).toBe('pass');
  });
});

describe('funding.noUnionFundsForInsurance (P-R7, P-R8)', () => {
  it.each([
    ['grassrootsUnion', 'fail'],
    ['countyUnion', 'fail'],
    ['cityUnion', 'fail'],
    ['provinceUnion', 'fail'],
    ['parents', 'pass'],
    ['unit', 'pass'],
    ['other', 'pass'],
  ] as const)('%s paying for insurance → %s', (source, expected) => {
    expect(
      status(
        'funding.noUnionFundsForInsurance',
        buildClass({ funding: [{ source, purpose: 'insurance', amount: 100 }] }),
      ),
    ).toBe(expected);
  });

  it('sums the money spent in violation and reports incomplete lines', () => {
    const r = getRule('funding.noUnionFundsForInsurance').evaluate(
      buildClass({
        funding: [
          { source: 'cityUnion', purpose: 'insurance', amount: 100.5 },
          { source: 'grassrootsUnion', purpose: 'insurance', amount: 200 },
          { source: 'unit' },
        ],
      }),
      T,
      BUILT_CLASS_END,
    );
    expect(r.status).toBe('fail');
    expect(r.facts.amountInViolation).toBe(300.5);
    expect(r.facts.incompleteLines).toEqual([3]);
    expect(status('funding.noUnionFundsForInsurance', buildClass({ funding: [{ source: 'unit' }] }))).toBe('unknown');
    expect(status('funding.noUnionFundsForInsurance', buildClass({ funding: [] }))).toBe('pass');
  });

  it('follows the campaign’s restrictions, e.g. no parents’ money for staff', () => {
    const c = campaign({ funding: { sources: { parents: { mayNotPayFor: ['staff'] } } } });
    expect(
      status('funding.noUnionFundsForInsurance', buildClass({ funding: [{ source: 'parents', purpose: 'staff' }] }), c),
    ).toBe('fail');
  });
});
