// fast-check properties of the engine: never throws; missing data gives `unknown`; more attendance
// never lowers the rate; a looser campaign never turns a pass into a fail.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, minDate } from '../calendar/dates.js';
import { countWorkingDays } from '../calendar/workdays.js';
import { buildCampaign } from '../campaign/build.js';
import {
  BUILDING_USES,
  type Campaign,
  FUNDING_PURPOSES,
  FUNDING_SOURCES,
  REQUIREMENT_LEVELS,
  type RequirementLevel,
  SICK_LEAVE_TREATMENTS,
  VENUE_CHECKS,
  VENUE_LOCATIONS,
} from '../campaign/schema.js';
import { TEMPLATE_2021 } from '../campaign/template.js';
import { computeAttendance } from './attendance.js';
import { evaluateClass, RULES } from './evaluate.js';
import type { ChildSnapshot, ClassSnapshot, RuleId, RuleStatus } from './types.js';

const T = TEMPLATE_2021 as Campaign;
const STATUSES: RuleStatus[] = ['pass', 'warn', 'fail', 'unknown'];

// ---------- arbitraries ----------

/** A date in 2021 by day offset; sometimes a malformed one. */
const dateIn2021 = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2021-01-01', n));
const anyDate = fc.oneof(
  { weight: 9, arbitrary: dateIn2021 },
  { weight: 1, arbitrary: fc.constantFrom('2021-02-30', '', 'soon') },
);
const mostlyTrue = fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const grade = fc.constantFrom<ChildSnapshot['grade']>(1, 2, 3, 4, 5, 6, 'K');

/** Any partial child, including out-of-range numbers a stored record might hold. */
const partialChild: fc.Arbitrary<ChildSnapshot> = fc.record(
  {
    id: fc.string({ maxLength: 4 }),
    grade,
    selfCare: fc.boolean(),
    custodyAgreement: fc.boolean(),
    insurance: fc.boolean(),
    presentDays: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constantFrom(-1, 2.5)),
    sickLeaveDays: fc.integer({ min: 0, max: 5 }),
    enrolledOn: anyDate,
    withdrawnOn: anyDate,
  },
  { requiredKeys: [] },
);

/** Any partial snapshot: every key may be missing, and nested objects may be partial. */
const partialSnapshot: fc.Arbitrary<ClassSnapshot> = fc.record(
  {
    startDate: anyDate,
    endDate: anyDate,
    closedDates: fc.array(anyDate, { maxLength: 3 }),
    mode: fc.constantFrom('standalone', 'joint', 'partner'),
    management: fc.constantFrom('union', 'volunteers', 'purchased'),
    partnerAgreement: fc.boolean(),
    providerQualified: fc.boolean(),
    venue: fc.record(
      {
        independent: fc.boolean(),
        location: fc.constantFrom(...VENUE_LOCATIONS),
        buildingUse: fc.constantFrom(...BUILDING_USES),
        nearHazard: fc.boolean(),
        ventilationLighting: fc.boolean(),
        fireSafety: fc.boolean(),
        surveillance: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    catering: fc.record(
      { mode: fc.constantFrom('self', 'contracted', 'none'), licenseExpiry: anyDate },
      { requiredKeys: [] },
    ),
    children: fc.array(partialChild, { maxLength: 25 }),
    funding: fc.array(
      fc.record(
        {
          source: fc.constantFrom(...FUNDING_SOURCES),
          purpose: fc.constantFrom(...FUNDING_PURPOSES),
          amount: fc.double({ min: 0, max: 1e5, noNaN: true }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: [] },
);

/**
 * A plausible, complete summer class whose attendance is consistent (present + sick ≤ scheduled),
 * so that rules reach real pass/warn/fail verdicts, with an asOf around its dates.
 */
const plausibleClass: fc.Arbitrary<{ snapshot: ClassSnapshot; asOf: string }> = fc
  .record({
    startOffset: fc.integer({ min: 170, max: 205 }), // late June .. late July
    length: fc.integer({ min: 14, max: 45 }),
    asOffset: fc.integer({ min: -3, max: 50 }),
    closures: fc.array(fc.integer({ min: 0, max: 45 }), { maxLength: 2 }),
    kids: fc.array(
      fc.record({
        grade,
        selfCare: mostlyTrue,
        custodyAgreement: mostlyTrue,
        insurance: mostlyTrue,
        attendShare: fc.double({ min: 0.5, max: 1, noNaN: true }),
        sickShare: fc.double({ min: 0, max: 0.2, noNaN: true }),
        withdrawAfter: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
      }),
      { minLength: 15, maxLength: 25 },
    ),
    mode: fc.constantFrom('standalone', 'joint', 'partner'),
    management: fc.constantFrom('union', 'volunteers', 'purchased'),
    partnerAgreement: mostlyTrue,
    providerQualified: mostlyTrue,
    venueFlags: fc.array(mostlyTrue, { minLength: 5, maxLength: 5 }),
    location: fc.constantFrom(...VENUE_LOCATIONS),
    buildingUse: fc.constantFrom(...BUILDING_USES),
    catering: fc.constantFrom('self', 'contracted', 'none'),
    licenceOffset: fc.integer({ min: -10, max: 60 }),
    // A contracted class always has its contract recorded (covering or not): a missing contract is `unknown`,
    // which a licence problem may hide under the stricter campaign and reveal under the looser one.
    contractOffsets: fc.tuple(fc.integer({ min: -5, max: 1 }), fc.integer({ min: -1, max: 5 })),
    funding: fc.array(
      fc.record({ source: fc.constantFrom(...FUNDING_SOURCES), purpose: fc.constantFrom(...FUNDING_PURPOSES) }),
      { maxLength: 3 },
    ),
  })
  .map((g) => {
    const startDate = addDays('2021-01-01', g.startOffset);
    const endDate = addDays(startDate, g.length);
    const asOf = addDays(startDate, g.asOffset);
    const closedDates = g.closures.map((n) => addDays(startDate, n));
    const children: ChildSnapshot[] = g.kids.map((k) => {
      const withdrawnOn = k.withdrawAfter === undefined ? undefined : addDays(startDate, k.withdrawAfter);
      const last = minDate(asOf, withdrawnOn ? addDays(withdrawnOn, -1) : endDate);
      const scheduled = countWorkingDays(startDate, minDate(last, endDate), closedDates);
      const sick = Math.floor(scheduled * k.sickShare);
      const present = Math.min(scheduled - sick, Math.round(scheduled * k.attendShare));
      const child: ChildSnapshot = {
        grade: k.grade,
        selfCare: k.selfCare,
        custodyAgreement: k.custodyAgreement,
        insurance: k.insurance,
        presentDays: present,
        sickLeaveDays: sick,
      };
      if (withdrawnOn) child.withdrawnOn = withdrawnOn;
      return child;
    });
    const [independent, nearHazardNot, ventilationLighting, fireSafety, surveillance] = g.venueFlags;
    const snapshot: ClassSnapshot = {
      startDate,
      endDate,
      closedDates,
      mode: g.mode,
      management: g.management,
      partnerAgreement: g.partnerAgreement,
      providerQualified: g.providerQualified,
      venue: {
        independent,
        location: g.location,
        buildingUse: g.buildingUse,
        nearHazard: !nearHazardNot,
        ventilationLighting,
        fireSafety,
        surveillance,
      },
      catering: {
        mode: g.catering,
        licenseExpiry: addDays(endDate, g.licenceOffset),
        contract: { start: addDays(startDate, g.contractOffsets[0]), end: addDays(endDate, g.contractOffsets[1]) },
      },
      children,
      funding: g.funding.map((f) => ({ ...f, amount: 100 })),
    };
    return { snapshot, asOf };
  });

const asOfArb = fc.oneof({ weight: 9, arbitrary: dateIn2021 }, { weight: 1, arbitrary: fc.constant('2021-13-01') });

// ---------- properties ----------

describe('every rule is total', () => {
  it('never throws and answers a well-formed result on arbitrary partial snapshots', () => {
    fc.assert(
      fc.property(partialSnapshot, asOfArb, (s, asOf) => {
        for (const rule of RULES) {
          const r = rule.evaluate(s, T, asOf); // unshielded: the rule itself must not throw
          expect(r.id).toBe(rule.id);
          expect(STATUSES).toContain(r.status);
          expect(r.message.zh.length).toBeGreaterThan(0);
          expect(r.message.en.length).toBeGreaterThan(0);
          expect(typeof r.facts).toBe('object');
        }
      }),
      { numRuns: 300 },
    );
  });

  /** The snapshot key without which each rule cannot judge. */
  const NEEDS: Record<RuleId, keyof ClassSnapshot> = {
    'eligibility.grade': 'children',
    'eligibility.kindergartenShare': 'children',
    'eligibility.kindergartenSelfCare': 'children',
    'period.withinSeason': 'startDate',
    'scale.minChildren': 'children',
    'scale.minWorkingDays': 'endDate',
    'scale.attendanceRate': 'startDate',
    'venue.independent': 'venue',
    'venue.forbiddenLocation': 'venue',
    'venue.hazards': 'venue',
    'venue.ventilationLighting': 'venue',
    'venue.fireSafety': 'venue',
    'venue.surveillance': 'venue',
    'food.catering': 'catering',
    'agreement.custody': 'children',
    'agreement.partner': 'mode',
    'provider.qualification': 'management',
    'insurance.guardianBought': 'children',
    'funding.noUnionFundsForInsurance': 'funding',
    'management.documents': 'documents',
  };

  it('answers unknown when the data it needs is missing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          partialSnapshot,
          plausibleClass.map((p) => p.snapshot),
        ),
        asOfArb,
        (s, asOf) => {
          for (const rule of RULES) {
            const without = { ...s };
            delete without[NEEDS[rule.id]];
            expect(rule.evaluate(without, T, asOf).status, rule.id).toBe('unknown');
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('attendance', () => {
  it('adding a present day never lowers the rate nor worsens the verdict', () => {
    const severity = { pass: 0, warn: 1, fail: 2, unknown: -1 };
    fc.assert(
      fc.property(
        plausibleClass,
        fc.nat(),
        fc.constantFrom(...SICK_LEAVE_TREATMENTS),
        ({ snapshot, asOf }, pick, sickLeave) => {
          const c = { ...T, scale: { ...T.scale, sickLeave } } as Campaign;
          const before = computeAttendance(snapshot, c, asOf);
          fc.pre(before.ok);
          const kids = snapshot.children ?? [];
          const i = pick % kids.length;
          const more = kids.map((k, j) => (j === i ? { ...k, presentDays: (k.presentDays ?? 0) + 1 } : k));
          const after = computeAttendance({ ...snapshot, children: more }, c, asOf);
          fc.pre(after.ok); // the child may already have been present every scheduled day
          if (!before.ok || !after.ok) return;
          expect(after.figures.rate).toBeGreaterThanOrEqual(before.figures.rate);
          const rule = RULES.find((r) => r.id === 'scale.attendanceRate');
          const s0 = rule?.evaluate(snapshot, c, asOf).status ?? 'unknown';
          const s1 = rule?.evaluate({ ...snapshot, children: more }, c, asOf).status ?? 'unknown';
          expect(severity[s1]).toBeLessThanOrEqual(severity[s0]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------- looser campaigns ----------

const LEVEL_RANK: Record<RequirementLevel, number> = { off: 0, recommended: 1, required: 2 };
const SICK_RANK = { absent: 0, excluded: 1, present: 2 } as const;

const levelAtMost = (l: RequirementLevel) =>
  fc.constantFrom(...REQUIREMENT_LEVELS.filter((x) => LEVEL_RANK[x] <= LEVEL_RANK[l]));
const subsetOf = <X>(xs: readonly X[]) => fc.subarray([...xs]);

const strictParams = fc.record({
  minChildren: fc.integer({ min: 10, max: 25 }),
  minWorkingDays: fc.integer({ min: 10, max: 30 }),
  // Not 0: with "sick leave excluded", a class whose every scheduled day is sick leave has no rate at
  // all (unknown), while a 0 % minimum would pass it under "absent".
  minAttendanceRate: fc.integer({ min: 5, max: 95 }).map((n) => n / 100),
  kindergartenMaxShare: fc.integer({ min: 0, max: 30 }).map((n) => n / 100),
  gradesAllowed: fc.subarray([1, 2, 3, 4, 5, 6] as const, { minLength: 1 }),
  selfCare: fc.boolean(),
  season: fc.record({ start: fc.integer({ min: 170, max: 190 }), end: fc.integer({ min: 215, max: 245 }) }),
  sickLeave: fc.constantFrom(...SICK_LEAVE_TREATMENTS),
  levels: fc.array(fc.constantFrom(...REQUIREMENT_LEVELS), { minLength: 11, maxLength: 11 }),
  licenceThroughLastDay: fc.boolean(),
});

type Strict = typeof strictParams extends fc.Arbitrary<infer X> ? X : never;

function toCampaign(
  p: Strict,
  extra: { forbiddenLocations?: string[]; forbiddenBuildingUses?: string[]; banned?: string[][] } = {},
): Campaign {
  const [a, b, cc, d, e, f, g, h, i, j, k] = p.levels as RequirementLevel[];
  const sources = Object.fromEntries(
    FUNDING_SOURCES.map((s, n) => [s, { mayNotPayFor: extra.banned?.[n] ?? [...T.funding.sources[s].mayNotPayFor] }]),
  );
  const r = buildCampaign({
    season: { start: addDays('2021-01-01', p.season.start), end: addDays('2021-01-01', p.season.end) },
    eligibility: {
      gradesAllowed: p.gradesAllowed,
      kindergartenMaxShare: p.kindergartenMaxShare,
      kindergartenSelfCareRequired: p.selfCare,
    },
    scale: {
      minChildren: p.minChildren,
      minWorkingDays: p.minWorkingDays,
      minAttendanceRate: p.minAttendanceRate,
      sickLeave: p.sickLeave,
    },
    venue: {
      checks: Object.fromEntries(VENUE_CHECKS.map((v, n) => [v, [a, b, cc, d, e, f][n]])),
      ...(extra.forbiddenLocations ? { forbiddenLocations: extra.forbiddenLocations } : {}),
      ...(extra.forbiddenBuildingUses ? { forbiddenBuildingUses: extra.forbiddenBuildingUses } : {}),
    },
    catering: { contract: g, licenceValidThroughLastDay: p.licenceThroughLastDay },
    responsibility: { custodyAgreement: h, partnerAgreement: i, providerQualification: j, guardianInsurance: k },
    funding: { sources },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.campaign;
}

/** A campaign at least as permissive as `p` in every parameter. */
const looserThan = (p: Strict) =>
  fc
    .record({
      minChildren: fc.integer({ min: 0, max: p.minChildren }),
      minWorkingDays: fc.integer({ min: 0, max: p.minWorkingDays }),
      minAttendanceRate: fc.integer({ min: 1, max: Math.round(p.minAttendanceRate * 100) }).map((n) => n / 100),
      kindergartenMaxShare: fc.integer({ min: Math.round(p.kindergartenMaxShare * 100), max: 100 }).map((n) => n / 100),
      extraGrades: subsetOf([1, 2, 3, 4, 5, 6] as const),
      selfCare: p.selfCare ? fc.boolean() : fc.constant(false),
      season: fc.record({
        start: fc.integer({ min: 150, max: p.season.start }),
        end: fc.integer({ min: p.season.end, max: 260 }),
      }),
      sickLeave: fc.constantFrom(...SICK_LEAVE_TREATMENTS.filter((s) => SICK_RANK[s] >= SICK_RANK[p.sickLeave])),
      levels: fc.tuple(...(p.levels as RequirementLevel[]).map(levelAtMost)),
      licenceThroughLastDay: p.licenceThroughLastDay ? fc.boolean() : fc.constant(false),
      forbiddenLocations: subsetOf(T.venue.forbiddenLocations),
      forbiddenBuildingUses: subsetOf(T.venue.forbiddenBuildingUses),
      banned: fc.tuple(...FUNDING_SOURCES.map((s) => subsetOf(T.funding.sources[s].mayNotPayFor))),
    })
    .map((l) =>
      toCampaign(
        {
          ...l,
          gradesAllowed: [...new Set([...p.gradesAllowed, ...l.extraGrades])],
          levels: [...l.levels],
        },
        {
          forbiddenLocations: [...l.forbiddenLocations],
          forbiddenBuildingUses: [...l.forbiddenBuildingUses],
          banned: l.banned.map((b) => [...b]),
        },
      ),
    );

describe('looser campaigns', () => {
  it('never turn a pass into a fail (nor a pass or warn into anything worse)', () => {
    const allowed: Record<RuleStatus, RuleStatus[]> = {
      pass: ['pass'],
      warn: ['pass', 'warn'],
      fail: STATUSES,
      unknown: ['unknown', 'pass'],
    };
    const pair = strictParams.chain((p) => fc.tuple(fc.constant(toCampaign(p)), looserThan(p)));
    fc.assert(
      fc.property(pair, plausibleClass, ([strict, loose], { snapshot, asOf }) => {
        const a = evaluateClass(snapshot, strict, asOf).rules;
        const b = evaluateClass(snapshot, loose, asOf).rules;
        a.forEach((r, n) => {
          const s = b[n]?.status ?? 'unknown';
          expect(allowed[r.status], `${r.id}: ${r.status} → ${s} (${b[n]?.message.en})`).toContain(s);
        });
        if (a.every((r) => r.status !== 'fail')) expect(b.every((r) => r.status !== 'fail')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
