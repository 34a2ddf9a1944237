// The attendance rate definition (docs/POLICY-RULES.md) and the running-class forecast.
import { describe, expect, it } from 'vitest';
import { buildCampaign } from '../campaign/build.js';
import type { Campaign } from '../campaign/schema.js';
import { TEMPLATE_2021 } from '../campaign/template.js';
import { attendanceRate, computeAttendance, presentDaysNeeded } from './attendance.js';
import { attendanceRateRule } from './attendance-rule.js';
import { buildChildren, buildClass } from './fixtures.js';

const T = TEMPLATE_2021 as Campaign;
const withSick = (sickLeave: string): Campaign => {
  const r = buildCampaign({ scale: { sickLeave } });
  if (!r.ok) throw new Error('bad campaign');
  return r.campaign;
};

describe('attendanceRate', () => {
  it('applies the sick-leave treatment', () => {
    // 15 present, 3 sick, 20 scheduled
    expect(attendanceRate(15, 20, 3, 'absent')).toBe(0.75);
    expect(attendanceRate(15, 20, 3, 'excluded')).toBeCloseTo(15 / 17);
    expect(attendanceRate(15, 20, 3, 'present')).toBe(0.9);
    expect(attendanceRate(0, 0)).toBeUndefined();
  });
});

describe('computeAttendance', () => {
  it('counts working days up to and including asOf (2021-07-05..07-09 is 5 days)', () => {
    const kids = buildChildren(20, () => ({ presentDays: 4 }));
    const a = computeAttendance(buildClass({ children: kids }), T, '2021-07-09');
    expect(a.ok && a.figures).toMatchObject({
      phase: 'running',
      workingDaysElapsed: 5,
      scheduledChildDays: 100,
      presentChildDays: 80,
      rate: 0.8,
      remainingScheduledChildDays: 500,
    });
  });

  it('asOf on a weekend counts the week before it', () => {
    const kids = buildChildren(20, () => ({ presentDays: 5 }));
    const a = computeAttendance(buildClass({ children: kids }), T, '2021-07-11');
    expect(a.ok && a.figures.scheduledChildDays).toBe(100);
  });

  it('a withdrawn child stops counting from the withdrawal date', () => {
    // withdrawn on Wednesday 07-07: scheduled 07-05 and 07-06 only
    const kids = buildChildren(20, (i) =>
      i === 0 ? { presentDays: 2, withdrawnOn: '2021-07-07' } : { presentDays: 5 },
    );
    const a = computeAttendance(buildClass({ children: kids }), T, '2021-07-09');
    expect(a.ok && a.figures.scheduledChildDays).toBe(19 * 5 + 2);
    expect(a.ok && a.figures.remainingScheduledChildDays).toBe(19 * 25);
  });

  it('a child who joins late starts counting on enrolledOn', () => {
    const kids = buildChildren(20, (i) =>
      i === 0 ? { presentDays: 1, enrolledOn: '2021-07-09' } : { presentDays: 5 },
    );
    const a = computeAttendance(buildClass({ children: kids }), T, '2021-07-09');
    expect(a.ok && a.figures.scheduledChildDays).toBe(19 * 5 + 1);
  });

  it('closure days are not scheduled', () => {
    const kids = buildChildren(20, () => ({ presentDays: 4 }));
    const a = computeAttendance(buildClass({ children: kids, closedDates: ['2021-07-07'] }), T, '2021-07-09');
    expect(a.ok && a.figures.scheduledChildDays).toBe(80);
    expect(a.ok && a.figures.rate).toBe(1);
  });

  it.each([
    ['absent', 80, 100],
    ['excluded', 80, 90],
    ['present', 90, 100],
  ] as const)('sick leave %s: %i present of %i scheduled', (treatment, present, scheduled) => {
    // 10 children each with 1 sick day, 4 present; 10 children present 4 of 5
    const kids = buildChildren(20, (i) => (i < 10 ? { presentDays: 4, sickLeaveDays: 1 } : { presentDays: 4 }));
    const a = computeAttendance(buildClass({ children: kids }), withSick(treatment), '2021-07-09');
    expect(a.ok && [a.figures.presentChildDays, a.figures.scheduledChildDays]).toEqual([present, scheduled]);
  });

  it.each([
    ['before the class starts', buildClass(), '2021-07-04'],
    ['no roster', buildClass({ children: undefined }), '2021-07-09'],
    [
      'a child without attendance',
      buildClass({ children: buildChildren(20, (i) => (i === 3 ? { presentDays: undefined } : { presentDays: 5 })) }),
      '2021-07-09',
    ],
    [
      'more present days than scheduled',
      buildClass({ children: buildChildren(20, () => ({ presentDays: 6 })) }),
      '2021-07-09',
    ],
    [
      'present + sick more than scheduled',
      buildClass({ children: buildChildren(20, () => ({ presentDays: 4, sickLeaveDays: 2 })) }),
      '2021-07-09',
    ],
    ['no dates', buildClass({ startDate: undefined }), '2021-07-09'],
    ['an invalid asOf', buildClass(), '2021-07-32'],
  ])('is not computable: %s', (_why, snapshot, asOf) => {
    expect(computeAttendance(snapshot, T, asOf).ok).toBe(false);
    expect(attendanceRateRule.evaluate(snapshot, T, asOf).status).toBe('unknown');
  });
});

describe('presentDaysNeeded', () => {
  it('is exact where floating point is not (0.7 × 30 = 21.000000000000004)', () => {
    expect(presentDaysNeeded(0, 30, 0, 0.7)).toBe(21);
    expect(presentDaysNeeded(0, 10, 20, 0.7)).toBe(21);
    expect(presentDaysNeeded(300, 400, 0, 0.75)).toBe(0);
    expect(presentDaysNeeded(299, 400, 0, 0.75)).toBe(1);
  });
});

describe('scale.attendanceRate while running', () => {
  // 20 children, 30 working days; as of Friday 07-16 ten days have passed: 200 scheduled, 400 to come.
  const at = (presentEach: number) => buildClass({ children: buildChildren(20, () => ({ presentDays: presentEach })) });

  it('on track → pass, with the forecast in the facts', () => {
    const r = attendanceRateRule.evaluate(at(8), T, '2021-07-16');
    expect(r.status).toBe('pass');
    expect(r.facts).toMatchObject({ phase: 'running', rate: 0.8, presentChildDaysNeeded: 290 });
  });

  it('behind → warn with the forecast and the present child-days still needed', () => {
    const r = attendanceRateRule.evaluate(at(7), T, '2021-07-16'); // 140/200 = 70 %
    expect(r.status).toBe('warn');
    // need 0.75 × 600 = 450 in total, 310 more of the remaining 400 (77.5 %)
    expect(r.facts).toMatchObject({
      rate: 0.7,
      projectedRate: 0.7,
      presentChildDaysNeeded: 310,
      remainingScheduledChildDays: 400,
    });
    expect(r.facts.requiredRateForRemainder).toBeCloseTo(0.775);
    expect(r.message.zh).toContain('还需出勤 310 人次');
    expect(r.fix?.zh).toContain('77.5%');
  });

  it('out of reach → fail even before the end', () => {
    // as of 07-30 (20 days, 400 scheduled) with 5 present each = 100; 200 to come can reach only 300/600 = 50 %
    const r = attendanceRateRule.evaluate(at(5), T, '2021-07-30');
    expect(r.status).toBe('fail');
    expect(r.facts.presentChildDaysNeeded).toBe(350);
  });

  it('the last day is judged as finished', () => {
    const r = attendanceRateRule.evaluate(at(22), T, '2021-08-13');
    expect(r.facts.phase).toBe('finished');
    expect(r.status).toBe('fail'); // 22/30 = 73.3 %
  });
});
