import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.js';
import { conflictRoots, hasConflict } from './conflict.js';
import { DEFAULT_GATE, type GateFacts, unmetConditions } from './gate.js';
import { compareForRanking, rank, scoreApplication, withinQuota } from './ranking.js';
import { DEFAULT_RUBRIC, rubricSchema } from './rubric.js';

const okFacts: GateFacts = {
  classStatus: 'closed',
  failingRules: [],
  seriousIncidents: 0,
  openRectifications: 0,
  summarySubmitted: true,
  attendanceRate: 0.92,
  narrativeGiven: true,
};

describe('eligibility gate', () => {
  it('passes a finished, clean class', () => {
    expect(unmetConditions(DEFAULT_GATE, okFacts)).toEqual([]);
  });
  it('lists every unmet condition in Chinese', () => {
    const unmet = unmetConditions(
      { ...DEFAULT_GATE, minAttendancePercent: 95 },
      {
        classStatus: 'running',
        failingRules: [
          { id: 'scale.ratio', zh: '师生比不足', en: 'Too few staff' },
          { id: 'venue.fireSafety', zh: '消防不合格', en: 'Fire safety fails' },
        ],
        seriousIncidents: 1,
        openRectifications: 2,
        summarySubmitted: false,
        attendanceRate: 0.9,
        narrativeGiven: false,
      },
    );
    expect(unmet.map((u) => u.key)).toEqual([
      'classFinished',
      'requiredRulesPassed',
      'noSeriousIncident',
      'rectificationsClosed',
      'summarySubmitted',
      'minAttendance',
      'narrativeGiven',
    ]);
    expect(unmet[1]?.zh).toBe('结班时有 2 条规则未通过：师生比不足；消防不合格');
    expect(unmet[3]?.zh).toBe('还有 2 项整改未闭环');
    expect(unmet[5]?.zh).toBe('出勤率 90%，低于要求的 95%');
  });
  it('a condition the campaign switched off is not checked', () => {
    expect(unmetConditions({ ...DEFAULT_GATE, noSeriousIncident: false }, { ...okFacts, seriousIncidents: 3 })).toEqual(
      [],
    );
  });
  it('a class never evaluated does not pass the rules condition', () => {
    expect(unmetConditions(DEFAULT_GATE, { ...okFacts, failingRules: null }).map((u) => u.key)).toEqual([
      'requiredRulesPassed',
    ]);
  });
});

describe('aggregation', () => {
  it('mean below five reviewers, trimmed mean from five', () => {
    expect(aggregate([80, 90, 70])).toMatchObject({ method: 'mean', value: 80, trimmedMean: null });
    const a = aggregate([80, 82, 84, 86, 10]);
    expect(a.method).toBe('trimmed_mean');
    expect(a.value).toBe(82); // 10 and 86 dropped
    expect(a.mean).toBe(68.4);
    expect(a.flagged).toBe(true);
  });
  it('flags disagreement by range', () => {
    expect(aggregate([60, 90]).flagged).toBe(true);
    expect(aggregate([80, 85, 88]).flagged).toBe(false);
    expect(aggregate([]).value).toBeNull();
  });
  it('one outlier moves the trimmed mean no further than the other scores reach (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 12 }),
        fc.integer({ min: 0, max: 100 }),
        (rest, outlier) => {
          const a = aggregate([...rest, outlier]);
          expect(a.value).not.toBeNull();
          expect(a.value as number).toBeGreaterThanOrEqual(Math.min(...rest) - 1e-9);
          expect(a.value as number).toBeLessThanOrEqual(Math.max(...rest) + 1e-9);
        },
      ),
    );
  });
});

describe('conflicts of interest', () => {
  it('a district grant conflicts with every unit of that district, a city grant with none', () => {
    expect(conflictRoots(['/1/', '/1/4/17/', '/1/4/'])).toEqual(['/1/4/']);
    expect(hasConflict(['/1/4/'], '/1/4/99/')).toBe(true);
    expect(hasConflict(['/1/5/20/'], '/1/5/21/')).toBe(true);
    expect(hasConflict(['/1/'], '/1/4/99/')).toBe(false);
    expect(hasConflict(['/1/4/'], '/1/44/9/')).toBe(false);
  });
  it('never lets a reviewer see a unit under any of their grants (property)', () => {
    const seg = fc.integer({ min: 2, max: 60 });
    fc.assert(
      fc.property(fc.array(fc.tuple(seg, fc.option(seg)), { maxLength: 4 }), seg, seg, (grants, d, u) => {
        const paths = grants.map(([g, unit]) => (unit === null ? `/1/${g}/` : `/1/${g}/${unit}/`));
        const unitPath = `/1/${d}/${u}/`;
        const covered = paths.some((p) => unitPath.startsWith(p) || p.startsWith(`/1/${d}/`));
        expect(hasConflict(paths, unitPath)).toBe(covered);
      }),
    );
  });
});

describe('rubric, ranking and quota', () => {
  it('the default rubric weighs 100', () => {
    expect(rubricSchema.safeParse(DEFAULT_RUBRIC).success).toBe(true);
    expect(rubricSchema.safeParse([{ ...DEFAULT_RUBRIC[0], weight: 50 }]).success).toBe(false);
  });
  it('scores data criteria by formula and leaves a missing figure out', () => {
    const s = scoreApplication(
      DEFAULT_RUBRIC,
      {
        attendanceRate: 0.9,
        children: 20,
        satisfactionIndex: null,
        evaluations: 4,
        passingEvaluations: 3,
        recordsCompleteness: 1,
      },
      new Map([
        ['safety', [80, 90, 70]],
        ['features', [80]],
        ['exemplary', [60, 100]],
      ]),
    );
    const by = Object.fromEntries(s.criteria.map((c) => [c.key, c.score]));
    expect(by).toEqual({
      attendance: 90,
      scale: 50,
      satisfaction: null,
      compliance: 75,
      safety: 80,
      features: 80,
      exemplary: 80,
    });
    // (15·90 + 10·50 + 10·75 + 20·80 + 20·80 + 15·80) / 90
    expect(s.total).toBe(77.78);
    expect(s.reviewerPart).toBe(80);
    expect(s.flagged).toBe(true); // 60 vs 100
  });
  it('breaks ties by reviewer part, attendance, children, submission time, id', () => {
    const base = { total: 80, reviewerPart: 70, attendanceRate: 0.9, children: 20, submittedAt: '2026-09-01' };
    const ranked = rank([
      { id: 1, ...base },
      { id: 2, ...base, reviewerPart: 75 },
      { id: 3, ...base, attendanceRate: 0.95 },
      { id: 4, ...base, children: 30 },
      { id: 5, ...base, submittedAt: '2026-08-31' },
      { id: 6, ...base, total: 81 },
      { id: 7, ...base, total: null },
    ]);
    expect(ranked.map((r) => r.id)).toEqual([6, 2, 3, 4, 5, 1, 7]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // a recommended application ranks before any that was not
    expect(
      rank([
        { id: 1, ...base, total: 99 },
        { id: 2, ...base, total: 50, recommended: true },
      ]).map((r) => r.id),
    ).toEqual([2, 1]);
  });
  it('data alone never ranks: no reviewer score, no total', () => {
    const s = scoreApplication(
      DEFAULT_RUBRIC,
      {
        attendanceRate: 1,
        children: 40,
        satisfactionIndex: 90,
        evaluations: 1,
        passingEvaluations: 1,
        recordsCompleteness: 1,
      },
      new Map(),
    );
    expect(s.total).toBeNull();
    expect(s.criteria.find((c) => c.key === 'attendance')?.score).toBe(100);
  });
  it('ranking is a total order independent of input order (property)', () => {
    const item = fc.record({
      id: fc.integer({ min: 1, max: 1e6 }),
      total: fc.option(fc.integer({ min: 0, max: 100 })),
      reviewerPart: fc.option(fc.integer({ min: 0, max: 100 })),
      attendanceRate: fc.option(fc.constantFrom(0.8, 0.9)),
      children: fc.integer({ min: 0, max: 3 }),
      submittedAt: fc.constantFrom('2026-09-01', '2026-09-02'),
      recommended: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(item, { selector: (x) => x.id, maxLength: 15 }), (xs) => {
        const a = rank(xs).map((x) => x.id);
        const b = rank([...xs].reverse()).map((x) => x.id);
        expect(a).toEqual(b);
        for (let i = 1; i < xs.length; i++) {
          const prev = rank(xs)[i - 1];
          const cur = rank(xs)[i];
          if (prev && cur) expect(compareForRanking(prev, cur)).toBeLessThan(0);
        }
      }),
    );
  });
  it('quota', () => {
    expect(withinQuota(2, 3)).toBe(true);
    expect(withinQuota(3, 3)).toBe(false);
  });
});
