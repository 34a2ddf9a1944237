// agreement.custody and insurance.guardianBought on a stored class (P-R7, paperwork before care): every child who
// holds a place or attended is judged, a day in the room without the paperwork fails and is named.
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../campaign/schema.js';
import { TEMPLATE_2021 } from '../campaign/template.js';
import { buildClass } from './fixtures.js';
import { custodyRule, insuranceRule } from './responsibility.js';
import type { ChildPaperwork, ClassSnapshot } from './types.js';

const T = TEMPLATE_2021 as Campaign;

const child = (o: Partial<ChildPaperwork> & { id: string }): ChildPaperwork => ({
  name: `孩子${o.id}`,
  holdsPlace: true,
  custodyAgreement: true,
  insurance: true,
  attendedWithoutAgreement: [],
  attendedWithoutInsurance: [],
  ...o,
});

describe('custody and insurance on a stored class', () => {
  const base = buildClass();
  const asOf = base.startDate as string;
  const snap = (paperwork: ChildPaperwork[], o: Partial<ClassSnapshot> = {}): ClassSnapshot => ({
    ...base,
    phase: 'running',
    paperwork,
    ...o,
  });

  it('fails when a child attended without, naming the child and the days — even if the enrolled roster is complete', () => {
    const s = snap([
      child({ id: '1' }),
      child({
        id: '2',
        name: '李小红',
        custodyAgreement: false,
        insurance: false,
        attendedWithoutAgreement: ['2021-07-12', '2021-07-13'],
        attendedWithoutInsurance: ['2021-07-12'],
      }),
    ]);
    const c = custodyRule.evaluate(s, T, asOf);
    expect(c.status).toBe('fail');
    expect(c.facts.attendedWithout).toEqual([{ id: '2', name: '李小红', days: ['2021-07-12', '2021-07-13'] }]);
    expect(c.message.zh).toContain('李小红（7月12日、7月13日）');
    const i = insuranceRule.evaluate(s, T, asOf);
    expect(i.status).toBe('fail');
    expect(i.facts.attendedWithout).toEqual([{ id: '2', name: '李小红', days: ['2021-07-12'] }]);
    // A child who attended and has left since still counts.
    const gone = snap([child({ id: '3', holdsPlace: false, attendedWithoutAgreement: ['2021-07-12'] })]);
    expect(custodyRule.evaluate(gone, T, asOf).status).toBe('fail');
    // Attendance without paperwork fails even while the class is still enrolling.
    expect(custodyRule.evaluate({ ...gone, phase: 'enrolling' }, T, asOf).status).toBe('fail');
  });

  it('a child holding a place without it, who never attended: warn when running, pending before enrolment closes', () => {
    const s = snap([child({ id: '1' }), child({ id: '2', custodyAgreement: false })]);
    const r = custodyRule.evaluate(s, T, asOf);
    expect(r.status).toBe('warn');
    expect(r.facts.lacking).toEqual([{ id: '2', name: '孩子2' }]);
    expect(custodyRule.evaluate({ ...s, phase: 'enrolling' }, T, asOf).status).toBe('unknown');
    expect(insuranceRule.evaluate(s, T, asOf).status).toBe('pass');
  });

  it('passes when every child holding a place has it and nobody attended without; unknown with nobody', () => {
    const r = insuranceRule.evaluate(snap([child({ id: '1' }), child({ id: '2' })]), T, asOf);
    expect(r.status).toBe('pass');
    expect(r.message.zh).toContain('全部 2 名持有名额的儿童');
    expect(custodyRule.evaluate(snap([]), T, asOf).status).toBe('unknown');
  });

  it('a campaign that does not require it passes', () => {
    const off = { ...T, responsibility: { ...T.responsibility, custodyAgreement: 'off' } } as Campaign;
    const s = snap([child({ id: '1', attendedWithoutAgreement: ['2021-07-12'] })]);
    expect(custodyRule.evaluate(s, off, asOf).status).toBe('pass');
  });

  it('without the stored list (a check-class input) the children’s answers are judged as before', () => {
    const s = { ...base, phase: 'running' as const, children: [{ id: 'a', custodyAgreement: false }] };
    expect(custodyRule.evaluate(s, T, asOf).status).toBe('fail');
  });
});
