// The campaign (年度/假期项目) parameter model: every number and list the programme's rules use.
// Owns: the zod schema of a complete, valid campaign and the vocabularies (funding sources, purposes,
// venue checklist, requirement levels) that classes are described in. The 2021 values live in
// template.ts; nothing in the rules hard-codes them (POLICY.md: "defaults of a campaign, not constants").
// Objects are strict so that a mistyped parameter ("minAttendence") is an error, not silently ignored.

import { z } from 'zod';
import { isIsoDate } from '../calendar/dates.js';

export const isoDateSchema = z.string().refine(isIsoDate, { message: 'expected a calendar date "YYYY-MM-DD"' });

const yearMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected a month "YYYY-MM"' });

/** How strictly a checklist item is enforced: `required` fails, `recommended` warns, `off` is not checked. */
export const REQUIREMENT_LEVELS = ['required', 'recommended', 'off'] as const;
export type RequirementLevel = (typeof REQUIREMENT_LEVELS)[number];
export const requirementLevelSchema = z.enum(REQUIREMENT_LEVELS);

export const HOLIDAY_TYPES = ['summer', 'winter', 'other'] as const;
export type HolidayType = (typeof HOLIDAY_TYPES)[number];

/** Primary grades 小学1–6年级; kindergarten children are written "K" on a class, not here. */
export const PRIMARY_GRADES = [1, 2, 3, 4, 5, 6] as const;
export type PrimaryGrade = (typeof PRIMARY_GRADES)[number];

/** P-R8 funding sources: 单位行政, 基层工会, 县(市、区)/市/省级工会补贴, 家长, 其他. */
export const FUNDING_SOURCES = [
  'unit',
  'grassrootsUnion',
  'countyUnion',
  'cityUnion',
  'provinceUnion',
  'parents',
  'other',
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_PURPOSES = ['insurance', 'meals', 'staff', 'materials', 'venue', 'other'] as const;
export type FundingPurpose = (typeof FUNDING_PURPOSES)[number];

/** Where on a building a class sits, and what the building is used for (P-R4). */
export const VENUE_LOCATIONS = ['ground', 'upper', 'basement', 'semi-basement'] as const;
export type VenueLocation = (typeof VENUE_LOCATIONS)[number];
export const BUILDING_USES = [
  'office',
  'school',
  'community',
  'production',
  'warehouse',
  'illegal',
  'dangerous',
  'other',
] as const;
export type BuildingUse = (typeof BUILDING_USES)[number];

/** The venue checklist items of P-R4/P-R5; each is one rule `venue.<item>`. */
export const VENUE_CHECKS = [
  'independent',
  'forbiddenLocation',
  'hazards',
  'ventilationLighting',
  'fireSafety',
  'surveillance',
] as const;
export type VenueCheck = (typeof VENUE_CHECKS)[number];

/**
 * Written rules a class keeps on paper (P-S 明确风险防控措施和责任, P-R6 建立健全各项规章制度, P-R7 谁管理谁负责):
 * `safety` 安全管理制度, `emergency` 应急预案 (naming who is responsible for each risk), `duty` 值班表,
 * `hygiene` 卫生消毒制度, `pickup` 接送交接制度. The campaign lists which ones every class must hold before approval.
 */
export const MANAGEMENT_DOCUMENTS = ['safety', 'emergency', 'duty', 'hygiene', 'pickup'] as const;
export type ManagementDocument = (typeof MANAGEMENT_DOCUMENTS)[number];
export const DEFAULT_MANAGEMENT_DOCUMENTS: readonly ManagementDocument[] = ['safety', 'emergency', 'duty'];

/**
 * How a child's sick-leave days (病假) count in the attendance rate:
 * `absent` — as absences (strictest, the literal reading of 出勤率); `excluded` — removed from the
 * scheduled child-days; `present` — as attended days (loosest).
 */
export const SICK_LEAVE_TREATMENTS = ['absent', 'excluded', 'present'] as const;
export type SickLeaveTreatment = (typeof SICK_LEAVE_TREATMENTS)[number];

/** The daily records of P-R6 (日常管理台账). */
export const DAILY_RECORD_KINDS = ['patrol', 'disinfection', 'meal', 'cleaning', 'fire', 'epidemic'] as const;
export type DailyRecordKind = (typeof DAILY_RECORD_KINDS)[number];
export const RECORD_FREQUENCIES = ['daily', 'weekly', 'off'] as const;
export type RecordFrequency = (typeof RECORD_FREQUENCIES)[number];
/** meal applies only to classes that serve meals; epidemic only while the campaign turns measures on. */
export const DEFAULT_DAILY = {
  arrivalAlertTime: '09:30',
  correctionWindowDays: 3,
  records: {
    patrol: 'daily',
    disinfection: 'daily',
    meal: 'daily',
    cleaning: 'daily',
    fire: 'weekly',
    epidemic: 'daily',
  } satisfies Record<DailyRecordKind, RecordFrequency>,
  epidemicMeasures: false,
};

const share = z.number().min(0).max(1);
const count = z.number().int().min(0);

const fundingSourceRuleSchema = z.strictObject({
  /** A union source (基层/县/市/省级工会): P-R7 forbids union money for children's accident insurance. */
  union: z.boolean(),
  /** Purposes this source may not pay for. */
  mayNotPayFor: z.array(z.enum(FUNDING_PURPOSES)),
});

export const campaignParamsSchema = z
  .strictObject({
    name: z.string().min(1),
    year: z.number().int().min(2000).max(2100),
    holidayType: z.enum(HOLIDAY_TYPES),
    /** P-R2: the holiday window classes must lie in. */
    season: z.strictObject({ start: isoDateSchema, end: isoDateSchema }),
    /** P-T1..P-T3. */
    targets: z.strictObject({ units: count, families: count, demonstrationClasses: count }),
    /** P-R1. A kindergarten share of 0 means kindergarten children are not admitted. */
    eligibility: z.strictObject({
      gradesAllowed: z
        .array(z.literal(PRIMARY_GRADES))
        .min(1)
        .refine((gs) => new Set(gs).size === gs.length, { message: 'grades must not repeat' }),
      kindergartenMaxShare: share,
      kindergartenSelfCareRequired: z.boolean(),
    }),
    /** P-R3. */
    scale: z.strictObject({
      minChildren: count,
      minWorkingDays: count,
      minAttendanceRate: share,
      sickLeave: z.enum(SICK_LEAVE_TREATMENTS),
    }),
    /** P-R4: checklist levels and the forbidden sites. */
    venue: z.strictObject({
      checks: z.strictObject(
        Object.fromEntries(VENUE_CHECKS.map((c) => [c, requirementLevelSchema])) as Record<
          VenueCheck,
          typeof requirementLevelSchema
        >,
      ),
      forbiddenLocations: z.array(z.enum(VENUE_LOCATIONS)),
      forbiddenBuildingUses: z.array(z.enum(BUILDING_USES)),
      /**
       * P-R4/P-R5 "附证明材料": how strictly fire safety needs an evidence file (fire inspection certificate).
       * `required`: a venue answered "fire safety met" without evidence fails `venue.fireSafety`; `recommended`:
       * warns; `off`: the answer alone counts. Defaulted so campaigns stored before this existed still read.
       */
      fireEvidence: requirementLevelSchema.default('required'),
    }),
    /** P-R5: a class that does not cook for itself contracts a licensed caterer. */
    catering: z.strictObject({
      contract: requirementLevelSchema,
      /** The caterer's food-service licence must be valid through the class's last day. */
      licenceValidThroughLastDay: z.boolean(),
    }),
    /** P-R7 agreements, provider review and insurance. */
    responsibility: z.strictObject({
      custodyAgreement: requirementLevelSchema,
      partnerAgreement: requirementLevelSchema,
      providerQualification: requirementLevelSchema,
      guardianInsurance: requirementLevelSchema,
    }),
    /** P-R8 sources and, per P-R7, what each may not pay for. */
    funding: z.strictObject({
      sources: z.strictObject(
        Object.fromEntries(FUNDING_SOURCES.map((s) => [s, fundingSourceRuleSchema])) as Record<
          FundingSource,
          typeof fundingSourceRuleSchema
        >,
      ),
    }),
    /**
     * P-S, P-R6, P-R7: the written rules every class must hold before approval (uploaded or written from the
     * template), checked by `management.documents`. An empty list checks nothing. Defaulted so campaigns stored
     * before this existed still read.
     */
    management: z
      .strictObject({
        documents: z
          .array(z.enum(MANAGEMENT_DOCUMENTS))
          .refine((ds) => new Set(ds).size === ds.length, { message: 'documents must not repeat' }),
      })
      .default({ documents: [...DEFAULT_MANAGEMENT_DOCUMENTS] }),
    /** Not in the 2021 text: a staffing floor some cities add (adults per children). Not yet a rule. */
    staffing: z.strictObject({ maxChildrenPerAdult: z.number().int().min(1) }),
    /**
     * Enrolment (issue 5): priority groups a lottery draws first, in order, and how long an offered place is
     * held for confirmation. Defaulted so campaigns stored before these existed still read.
     */
    enrolment: z
      .strictObject({
        priorityGroups: z.array(z.enum(['bothEmployed', 'hardship', 'frontLine', 'singleChild'])),
        offerHours: z.number().int().min(1).max(720),
      })
      .default({ priorityGroups: ['bothEmployed', 'hardship', 'frontLine', 'singleChild'], offerHours: 48 }),
    /**
     * Running a class day by day (issue 6): when a missing arrival raises an alert, how long class heads may
     * correct attendance (after that only the district), and which daily records (P-R6) are required how often.
     * Defaulted so campaigns stored before these existed still read.
     */
    daily: z
      .strictObject({
        arrivalAlertTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time "HH:MM"' }),
        correctionWindowDays: z.number().int().min(0).max(60),
        records: z.strictObject(
          Object.fromEntries(DAILY_RECORD_KINDS.map((k) => [k, z.enum(RECORD_FREQUENCIES)])) as Record<
            DailyRecordKind,
            z.ZodEnum<{ daily: 'daily'; weekly: 'weekly'; off: 'off' }>
          >,
        ),
        /** Epidemic measures (temperature checks, masks) are recorded only while this is on. */
        epidemicMeasures: z.boolean(),
      })
      .default(DEFAULT_DAILY),
    /**
     * Official calendar entered for years the bundled data (chinese-days) does not cover, or to correct it:
     * listed holidays are days off and listed workdays (调休) are working days, whatever the bundled data says.
     * Defaulted so campaigns stored before this existed still read (params is jsonb: no migration).
     */
    calendar: z
      .strictObject({ holidays: z.array(isoDateSchema), workdays: z.array(isoDateSchema) })
      .default({ holidays: [], workdays: [] }),
    /** P-K1..P-K4. */
    reporting: z.strictObject({
      plan: isoDateSchema,
      preparation: isoDateSchema,
      /** A progress report at the end of every month in this range. */
      monthly: z.strictObject({ from: yearMonthSchema, to: yearMonthSchema }),
      summary: isoDateSchema,
      demonstrationApplicationsWithSummary: z.boolean(),
      selection: z.strictObject({ start: isoDateSchema, end: isoDateSchema }),
    }),
  })
  .superRefine((c, ctx) => {
    const holidays = new Set(c.calendar.holidays);
    c.calendar.workdays.forEach((d, i) => {
      if (holidays.has(d))
        ctx.addIssue({
          code: 'custom',
          path: ['calendar', 'workdays', i],
          message: `${d} is also listed as a holiday`,
        });
    });
    if (c.season.start > c.season.end) {
      ctx.addIssue({ code: 'custom', path: ['season', 'end'], message: 'must not be before season.start' });
    }
    if (c.reporting.monthly.from > c.reporting.monthly.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['reporting', 'monthly', 'to'],
        message: 'must not be before reporting.monthly.from',
      });
    }
    if (c.reporting.selection.start > c.reporting.selection.end) {
      ctx.addIssue({
        code: 'custom',
        path: ['reporting', 'selection', 'end'],
        message: 'must not be before reporting.selection.start',
      });
    }
  });

/** A complete, valid campaign: what every rule receives. */
export type Campaign = z.infer<typeof campaignParamsSchema>;
/** Alias kept for readers who look for "params". */
export type CampaignParams = Campaign;
