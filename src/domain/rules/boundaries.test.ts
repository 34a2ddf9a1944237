// Table tests at every numeric boundary of the seed (P-R1, P-R3), summer and winter calendars.
import { describe, expect, it } from 'vitest';
import { buildCampaign } from '../campaign/build.js';
import { TEMPLATE_2021 } from '../campaign/template.js';
import type { Campaign } from '../campaign/schema.js';
import { evaluateClass, getRule } from './evaluate.js';
import { BUILT_CLASS_END, buildChildren, buildClass } from './fixtures.js';
import type { ClassSnapshot, RuleId, RuleStatus } from './types.js';

const T = TEMPLATE_2021 as Campaign;

function status(id: RuleId, s: ClassSnapshot, asOf = BUILT_CLASS_END, c: Campaign = T): RuleStatus {
  return getRule(id).evaluate(s, c, asOf).status;
}

function campaign(overrides: unknown): Campaign {
  const r = buildCampaign(overrides);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.campaign;
}

describe('the built compliant class passes every rule', () => {
  it('as of its last day', () => {
    const e = evaluateClass(buildClass(), T, BUILT_CLASS_END);
    expect(e.rules.filter((r) => r.status !== 'pass').map((r) => [r.id, r.status, r.message.en])).toEqual([]);
    expect(e.ok).toBe(true);
  });
});

describe('scale.minChildren (P-R3: 20人以上，含20人)', () => {
  it.each([
    [19, 'fail'],
    [20, 'pass'],
    [21, 'pass'],
    [0, 'fail'],
  ] as const)('%i children → %s', (n, expected) => {
    expect(status('scale.minChildren', buildClass({ children: buildChildren(n) }))).toBe(expected);
  });

  it('another city allows 15', () => {
    expect(
      status(
        'scale.minChildren',
        buildClass({ children: buildChildren(15) }),
        BUILT_CLASS_END,
        campaign({ scale: { minChildren: 15 } }),
      ),
    ).toBe('pass');
  });

  it('a child withdrawn on or before the reference day no longer counts', () => {
    const kids = buildChildren(20, (i) => (i === 0 ? { withdrawnOn: '2021-07-20', presentDays: 10 } : {}));
    const r = getRule('scale.minChildren').evaluate(buildClass({ children: kids }), T, BUILT_CLASS_END);
    expect(r.status).toBe('fail');
    expect(r.facts.enrolled).toBe(19);
    expect(r.fix?.zh).toContain('1');
  });
});

describe('eligibility.kindergartenShare (P-R1: 不超过10%, inclusive)', () => {
  const withK = (n: number, k: number) =>
    buildClass({ children: buildChildren(n, (i) => (i < k ? { grade: 'K' } : {})) });
  it.each([
    [20, 2, 'pass'], // exactly 10 %
    [21, 3, 'fail'], // 14.3 %
    [20, 3, 'fail'],
    [30, 3, 'pass'],
    [29, 3, 'fail'], // 10.34 %
    [20, 0, 'pass'],
  ] as const)('%i children with %i kindergarten → %s', (n, k, expected) => {
    expect(status('eligibility.kindergartenShare', withK(n, k))).toBe(expected);
  });

  it('explains what would fix it', () => {
    const r = getRule('eligibility.kindergartenShare').evaluate(withK(21, 3), T, BUILT_CLASS_END);
    expect(r.facts).toMatchObject({ kindergarten: 3, enrolled: 21, primaryToAdd: 9, kindergartenToRemove: 1 });
    expect(r.message.zh).toContain('14.2%'); // 3/21 = 14.28…, truncated for display
  });

  it('a share of 0 admits no kindergarten child', () => {
    expect(
      status(
        'eligibility.kindergartenShare',
        withK(30, 1),
        BUILT_CLASS_END,
        campaign({ eligibility: { kindergartenMaxShare: 0 } }),
      ),
    ).toBe('fail');
  });

  it('missing grades: unknown only when they could change the verdict', () => {
    const kids = buildChildren(20, (i) => (i === 0 ? { grade: 'K' } : i === 1 ? { grade: undefined } : {}));
    expect(status('eligibility.kindergartenShare', buildClass({ children: kids }))).toBe('pass'); // ≤ 2/20 either way
    const kids2 = buildChildren(20, (i) => (i < 2 ? { grade: 'K' } : i === 2 ? { grade: undefined } : {}));
    expect(status('eligibility.kindergartenShare', buildClass({ children: kids2 }))).toBe('unknown');
  });
});

describe('eligibility.grade and kindergartenSelfCare (P-R1)', () => {
  it('a grade outside the campaign’s grades fails', () => {
    const c = campaign({ eligibility: { gradesAllowed: [1, 2, 3, 4, 5] } });
    const kids = buildChildren(20, (i) => (i === 4 ? { grade: 6 } : {}));
    const r = getRule('eligibility.grade').evaluate(buildClass({ children: kids }), c, BUILT_CLASS_END);
    expect(r.status).toBe('fail');
    expect(r.facts.failing).toEqual(['C5']);
  });

  it('a kindergarten child without self-care fails; unrecorded is unknown', () => {
    const no = buildChildren(20, (i) => (i === 0 ? { grade: 'K', selfCare: false } : {}));
    expect(status('eligibility.kindergartenSelfCare', buildClass({ children: no }))).toBe('fail');
    const missing = buildChildren(20, (i) => (i === 0 ? { grade: 'K', selfCare: undefined } : {}));
    expect(status('eligibility.kindergartenSelfCare', buildClass({ children: missing }))).toBe('unknown');
    const primaryNoSelfCare = buildChildren(20, (i) => (i === 0 ? { selfCare: false } : {}));
    expect(status('eligibility.kindergartenSelfCare', buildClass({ children: primaryNoSelfCare }))).toBe('pass');
  });
});

describe('scale.minWorkingDays (P-R3: 不低于20个工作日)', () => {
  it.each([
    // summer
    ['2021-07-01', '2021-07-27', [], 'fail', 19],
    ['2021-07-01', '2021-07-28', [], 'pass', 20],
    ['2021-07-01', '2021-07-29', ['2021-07-15'], 'pass', 20],
    ['2021-07-01', '2021-07-28', ['2021-07-15'], 'fail', 19],
    ['2021-07-01', '2021-07-28', ['2021-07-17'], 'pass', 20], // closure on a Saturday
    // winter 2021: Spring Festival 02-11..17 off, make-up workdays Sun 02-07 and Sat 02-20
    ['2021-01-28', '2021-02-26', [], 'fail', 19],
    ['2021-01-27', '2021-02-26', [], 'pass', 20],
    ['2021-01-27', '2021-02-26', ['2021-02-07'], 'fail', 19], // closed on the make-up Sunday
  ] as const)('%s..%s closed %j → %s (%i days)', (startDate, endDate, closedDates, expected, days) => {
    const r = getRule('scale.minWorkingDays').evaluate(
      buildClass({ startDate, endDate, closedDates: [...closedDates] }),
      T,
      endDate,
    );
    expect(r.status).toBe(expected);
    expect(r.facts.workingDays).toBe(days);
  });

  it('years beyond the official calendar data warn instead of passing silently', () => {
    const r = getRule('scale.minWorkingDays').evaluate(
      buildClass({ startDate: '2099-07-01', endDate: '2099-08-31' }),
      T,
      '2099-08-31',
    );
    expect(r.status).toBe('warn');
    expect(r.facts.calendarCovered).toBe(false);
  });
});

describe('scale.attendanceRate (P-R3: 出勤率75%以上), finished class', () => {
  // 20 children × 50 working days (2021-07-01..2021-09-08) = 1,000 scheduled child-days, so one
  // child-day is 0.1 %: 749 present is 74.9 %, 750 is 75 %.
  const thousand = (present: number) => {
    const kids = buildChildren(20, (i) => ({
      presentDays: i < present % 20 ? Math.floor(present / 20) + 1 : Math.floor(present / 20),
    }));
    return buildClass({ startDate: '2021-07-01', endDate: '2021-09-08', children: kids });
  };
  it.each([
    [749, 'fail'],
    [750, 'pass'],
    [1000, 'pass'],
    [0, 'fail'],
  ] as const)('%i of 1000 child-days → %s', (present, expected) => {
    const c = campaign({ season: { end: '2021-09-30' } });
    const r = getRule('scale.attendanceRate').evaluate(thousand(present), c, '2021-09-08');
    expect(r.facts.scheduledChildDays).toBe(1000);
    expect(r.status).toBe(expected);
  });

  it('74.9 % shows as 74.9 %, not rounded up to 75 %', () => {
    const c = campaign({ season: { end: '2021-09-30' } });
    const r = getRule('scale.attendanceRate').evaluate(thousand(749), c, '2021-09-08');
    expect(r.message.zh).toContain('74.9%');
    expect(r.facts.presentChildDaysShort).toBe(1);
  });

  it('a 70 % campaign passes what the 2021 template fails', () => {
    const kids = buildChildren(20, () => ({ presentDays: 22 })); // 22/30 = 73.3 %
    expect(status('scale.attendanceRate', buildClass({ children: kids }))).toBe('fail');
    expect(
      status(
        'scale.attendanceRate',
        buildClass({ children: kids }),
        BUILT_CLASS_END,
        campaign({ scale: { minAttendanceRate: 0.7 } }),
      ),
    ).toBe('pass');
  });

  it('winter: Spring Festival days are not scheduled, make-up days are', () => {
    // 2021-01-27..02-26 has 20 working days; 15 present each = 75 %.
    const kids = buildChildren(20, () => ({ presentDays: 15 }));
    const c = campaign({ holidayType: 'winter', season: { start: '2021-01-20', end: '2021-02-28' } });
    const r = getRule('scale.attendanceRate').evaluate(
      buildClass({ startDate: '2021-01-27', endDate: '2021-02-26', children: kids }),
      c,
      '2021-02-26',
    );
    expect(r.facts.scheduledChildDays).toBe(400);
    expect(r.status).toBe('pass');
  });
});

describe('period.withinSeason (P-R2)', () => {
  it.each([
    ['2021-07-01', '2021-08-31', 'pass'],
    ['2021-06-30', '2021-08-31', 'fail'],
    ['2021-07-01', '2021-09-01', 'fail'],
  ] as const)('%s..%s → %s', (startDate, endDate, expected) => {
    expect(status('period.withinSeason', buildClass({ startDate, endDate }))).toBe(expected);
  });

  it('end before start is unknown (bad data), not a verdict', () => {
    expect(status('period.withinSeason', buildClass({ startDate: '2021-08-01', endDate: '2021-07-01' }))).toBe(
      'unknown',
    );
  });
});

describe('phases: rules about enrolled children are pending (待判定) until enrolment closes (issue 12)', () => {
  const at = (phase: ClassSnapshot['phase'], o: Partial<ClassSnapshot> = {}) => buildClass({ phase, ...o });
  it.each([
    // Stored classes: draft/submitted/returned/approved → planning, open → enrolling, running, closed → finished.
    ['planning', 0, 'unknown'],
    ['planning', 19, 'unknown'],
    ['enrolling', 0, 'unknown'],
    ['enrolling', 19, 'unknown'],
    ['enrolling', 20, 'pass'],
    ['running', 0, 'fail'],
    ['running', 19, 'fail'],
    ['running', 20, 'pass'],
    ['finished', 19, 'fail'],
    [undefined, 19, 'fail'], // check-class without a phase: judged as before
  ] as const)('scale.minChildren in phase %s with %i children → %s', (phase, n, expected) => {
    expect(status('scale.minChildren', at(phase, { children: buildChildren(n) }), '2021-07-01')).toBe(expected);
  });

  it('says it is pending, with the count so far', () => {
    const r = getRule('scale.minChildren').evaluate(at('enrolling', { children: [] }), T, '2021-07-01');
    expect(r.message.zh).toBe('报名尚未截止，开班后判定托管规模；目前在托 0 人，需不少于 20 人。');
    expect(r.facts).toMatchObject({ enrolled: 0, minimum: 20, pending: true, classPhase: 'enrolling' });
  });

  const unsigned = buildChildren(20, (i) => (i === 0 ? { custodyAgreement: false, insurance: false } : {}));
  const kShare = buildChildren(20, (i) => (i < 3 ? { grade: 'K' } : {}));
  it.each([
    ['agreement.custody', { children: unsigned }],
    ['insurance.guardianBought', { children: unsigned }],
    ['eligibility.kindergartenShare', { children: kShare }],
    ['scale.attendanceRate', { children: buildChildren(20, () => ({ presentDays: 0 })) }],
  ] as const)('%s: fail once running, pending before', (id, o) => {
    expect(status(id, at('running', o))).toBe('fail');
    expect(status(id, at('finished', o))).toBe('fail');
    expect(status(id, at('planning', o))).toBe('unknown');
    expect(status(id, at('enrolling', o))).toBe('unknown');
  });

  it('a kindergarten child in a campaign that admits none fails even while enrolling', () => {
    const c = campaign({ eligibility: { kindergartenMaxShare: 0 } });
    const s = at('enrolling', { children: buildChildren(20, (i) => (i === 0 ? { grade: 'K' } : {})) });
    expect(status('eligibility.kindergartenShare', s, BUILT_CLASS_END, c)).toBe('fail');
  });

  it('rules about the class itself are judged in every phase', () => {
    const s = at('planning', { venue: { ...buildClass().venue, location: 'basement' }, children: [] });
    expect(status('venue.forbiddenLocation', s)).toBe('fail');
  });
});

describe('scale.minWorkingDays with an entered official calendar (issue 12)', () => {
  // National Day 2027 as a city might enter it: 10-01 … 10-07 off, Sunday 09-26 and Saturday 10-09 worked.
  const calendar = {
    holidays: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
    workdays: ['2027-09-26', '2027-10-09'],
  };
  // Monday 2027-09-20 … Friday 2027-10-29: 30 weekdays.
  const cls = buildClass({ startDate: '2027-09-20', endDate: '2027-10-29' });
  const wd = (c: Campaign) => getRule('scale.minWorkingDays').evaluate(cls, c, '2027-09-01');

  it('counts entered holidays as days off and entered workdays as working days', () => {
    const r = wd(campaign({ calendar }));
    expect(r.status).toBe('pass');
    expect(r.facts).toMatchObject({ workingDays: 27, calendarCovered: true, uncoveredYears: [] }); // 30 − 5 + 2
    expect(wd(campaign({ calendar, scale: { minWorkingDays: 28 } })).status).toBe('fail');
  });

  it('a 2027 class without entered dates → warn, and the fix asks for the year’s official calendar', () => {
    const r = wd(T);
    expect(r.status).toBe('warn');
    expect(r.facts).toMatchObject({ workingDays: 30, calendarCovered: false, uncoveredYears: [2027] });
    expect(r.fix?.zh).toContain('录入 2027 年国务院公布的法定节假日和调休上班日');
    expect(r.fix?.en).toContain('2027 holiday schedule');
  });

  it('entered dates override the bundled calendar too', () => {
    // Mon 07-05 and Tue 07-06 declared days off, Saturday 07-10 a working day: 30 − 2 + 1.
    const c = campaign({ calendar: { holidays: ['2021-07-05', '2021-07-06'], workdays: ['2021-07-10'] } });
    expect(getRule('scale.minWorkingDays').evaluate(buildClass(), c, BUILT_CLASS_END).facts.workingDays).toBe(29);
  });

  it('a date listed both as holiday and workday is a campaign error', () => {
    const r = buildCampaign({ calendar: { holidays: ['2027-10-01'], workdays: ['2027-10-01'] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['calendar.workdays[0]']);
  });
});
