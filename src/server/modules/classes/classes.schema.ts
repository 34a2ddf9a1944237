/** Shapes of the care-class API (issue 4). */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';
import {
  ACTIVITY_KINDS,
  CLASS_ACTIONS,
  CLASS_MODES,
  CLASS_STATUSES,
  MANAGEMENT_MODES,
  MEAL_MODES,
  STAFF_ROLES,
} from '../../../domain/classes/lifecycle.js';
import { MANAGEMENT_DOCUMENTS } from '../../../domain/campaign/schema.js';
import { fileResponse } from '../files/files.schema.js';
import { phoneField } from '../orgs/orgs.schema.js';

/** Every date of the class routes: a real "YYYY-MM-DD" between 2000-01-01 and 2100-12-31. */
const isoDate = boundedIsoDate;
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time HH:MM' });
const grade = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.literal(6),
  z.literal('K'),
]);
const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

export const activitySlot = z.object({
  weekday: z.number().int().min(1).max(7),
  start: hhmm,
  end: hhmm,
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string().trim().max(60).optional(),
});

export const classFields = {
  name: z.string().trim().min(2).max(60),
  mode: z.enum(CLASS_MODES),
  management: z.enum(MANAGEMENT_MODES),
  /** Other units sharing a joint class (联合开办). */
  coUnitIds: z.array(z.number().int().positive()).max(20).optional(),
  startDate: nullable(isoDate),
  endDate: nullable(isoDate),
  closedDates: z.array(isoDate).max(60).optional(),
  dailyStart: nullable(hhmm),
  dailyEnd: nullable(hhmm),
  capacity: nullable(z.number().int().min(1).max(500)),
  gradesOffered: z.array(grade).max(7).optional(),
  feeAmount: z.number().int().min(0).max(100000).optional(),
  feeNote: nullable(z.string().trim().max(200)),
  meals: z.enum(MEAL_MODES).optional(),
  venueId: nullable(z.number().int().positive()),
  catererId: nullable(z.number().int().positive()),
  partnerId: nullable(z.number().int().positive()),
  providerId: nullable(z.number().int().positive()),
  activityPlan: z.array(activitySlot).max(80).optional(),
  publicDescription: nullable(z.string().trim().max(2000)),
};

export const createClassBody = z.object({
  campaignId: z.number().int().positive(),
  orgId: z.number().int().positive(),
  ...classFields,
});
export type CreateClassInput = z.infer<typeof createClassBody>;
export const updateClassBody = z
  .object({
    ...Object.fromEntries(Object.entries(classFields).map(([k, v]) => [k, (v as z.ZodType).optional()])),
    version: z.number().int().positive(),
  })
  .strict() as unknown as z.ZodType<Partial<Omit<CreateClassInput, 'campaignId' | 'orgId'>> & { version: number }>;

export const transitionBody = z.object({
  action: z.enum(CLASS_ACTIONS),
  comment: z.string().trim().max(1000).optional(),
});
export const commentBody = z.object({ comment: z.string().trim().min(1).max(1000) });

export const staffBody = z.object({
  name: z.string().trim().min(1).max(50),
  role: z.enum(STAFF_ROLES),
  userId: nullable(z.number().int().positive()),
  phone: z.preprocess((v) => (v === '' ? null : v), phoneField.nullable().optional()),
  qualification: nullable(z.string().trim().max(200)),
  healthCertDate: nullable(isoDate),
  backgroundChecked: z.boolean().optional(),
  backgroundCheckDate: nullable(isoDate),
});

export const listClassesQuery = z.object({
  campaignId: z.coerce.number().int().positive().optional(),
  /** Any org node: classes of units in its subtree (a district, a unit). */
  orgId: z.coerce.number().int().positive().optional(),
  status: z.enum(CLASS_STATUSES).optional(),
  mode: z.enum(CLASS_MODES).optional(),
  failingRule: z.string().trim().max(60).optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type ListClassesQuery = z.infer<typeof listClassesQuery>;

const localized = z.object({ zh: z.string(), en: z.string() });

export const classDocumentsResponse = z.object({
  required: z.array(z.enum(MANAGEMENT_DOCUMENTS)),
  items: z.array(
    z.object({
      kind: z.enum(MANAGEMENT_DOCUMENTS),
      name: localized,
      required: z.boolean(),
      files: z.array(fileResponse),
    }),
  ),
});

export const documentKindParams = z.object({
  id: z.coerce.number().int().positive(),
  kind: z.enum(MANAGEMENT_DOCUMENTS),
});
export const writeDocumentBody = z.strictObject({ text: z.string().max(20_000) });

const ruleResult = z.object({
  id: z.string(),
  status: z.enum(['pass', 'warn', 'fail', 'unknown']),
  message: z.object({ zh: z.string(), en: z.string() }),
  facts: z.record(z.string(), z.unknown()),
  fix: z.object({ zh: z.string(), en: z.string() }).optional(),
});

export const classAbilities = z.object({
  update: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  return: z.boolean(),
  open: z.boolean(),
  start: z.boolean(),
  close: z.boolean(),
  archive: z.boolean(),
  comment: z.boolean(),
  manageStaff: z.boolean(),
  manageDocuments: z.boolean(),
});

export const classSummary = z.object({
  id: z.number(),
  campaignId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  districtName: z.string().nullable(),
  name: z.string(),
  mode: z.enum(CLASS_MODES),
  management: z.enum(MANAGEMENT_MODES),
  status: z.enum(CLASS_STATUSES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  capacity: z.number().nullable(),
  failingRules: z.array(z.string()),
  verdictAt: z.date().nullable(),
  /**
   * Approved (or open, running) while its venue's checklist is not confirmed by the district: the checklist changed
   * after approval (an edit clears the confirmation), so the district must look again.
   */
  venueUnconfirmed: z.boolean(),
  version: z.number(),
  abilities: classAbilities,
});
export type ClassSummary = z.infer<typeof classSummary>;

export const classDetail = classSummary.extend({
  coUnits: z.array(z.object({ id: z.number(), name: z.string() })),
  closedDates: z.array(z.string()),
  dailyStart: z.string().nullable(),
  dailyEnd: z.string().nullable(),
  gradesOffered: z.array(z.union([z.number(), z.literal('K')])),
  feeAmount: z.number(),
  feeNote: z.string().nullable(),
  meals: z.enum(MEAL_MODES),
  venueId: z.number().nullable(),
  catererId: z.number().nullable(),
  partnerId: z.number().nullable(),
  providerId: z.number().nullable(),
  /**
   * The names of the class's venue and partners, for everyone who may read the class (class staff cannot open the
   * venue or counterparty records themselves, so the page never has to look them up by id).
   */
  refs: z.object({
    venue: z.object({ name: z.string(), address: z.string() }).nullable(),
    caterer: z.string().nullable(),
    partner: z.string().nullable(),
    provider: z.string().nullable(),
  }),
  activityPlan: z.array(activitySlot),
  publicDescription: z.string().nullable(),
  verdict: z.object({ asOf: z.string(), computedAt: z.date(), rules: z.array(ruleResult) }).nullable(),
  staffing: z.object({
    children: z.number(),
    adults: z.number(),
    adultsNeeded: z.number(),
    short: z.boolean(),
    maxChildrenPerAdult: z.number(),
  }),
  /** While submitted: every reason the district cannot approve it yet (empty: approvable). Otherwise null. */
  approval: z
    .object({
      ready: z.boolean(),
      blockers: z.array(z.object({ id: z.string(), message: localized, fix: localized.nullable() })),
    })
    .nullable(),
  /** The written rules (P-S/P-R6/P-R7) the campaign requires, and the files the class keeps of each kind. */
  documents: classDocumentsResponse,
  timeline: z.array(
    z.object({
      fromStatus: z.string(),
      toStatus: z.string(),
      actorName: z.string().nullable(),
      comment: z.string().nullable(),
      at: z.date(),
    }),
  ),
});
export type ClassDetail = z.infer<typeof classDetail>;

export const staffResponse = z.object({
  id: z.number(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  userId: z.number().nullable(),
  phoneMasked: z.string().nullable(),
  qualification: z.string().nullable(),
  healthCertDate: z.string().nullable(),
  backgroundChecked: z.boolean(),
  backgroundCheckDate: z.string().nullable(),
});

export const classIdParams = z.object({ id: z.coerce.number().int().positive() });
export const staffIdParams = z.object({
  id: z.coerce.number().int().positive(),
  staffId: z.coerce.number().int().positive(),
});
