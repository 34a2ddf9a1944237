/**
 * Shapes of the enrolment API (报名): the parents' side (open classes, apply, confirm, withdraw, sign, insurance)
 * and the units' side (the queue with its readiness, settings, the lottery, fees, insurance review, reminders,
 * agreements, the roster). The web apps import these types (`z.infer`) instead of restating them.
 */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';
import { ENROLMENT_STATUSES } from '../../../domain/enrolment/statuses.js';

// Every date a request carries lies in 2000–2100 (issue 13: a year-0 or year-9999 date made date loops run away).
const isoDate = boundedIsoDate;

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const okResponse = z.object({ ok: z.literal(true) });

export const enrolmentStatus = z.enum(ENROLMENT_STATUSES);
export const INSURANCE_STATES = ['missing', 'pending', 'confirmed', 'rejected'] as const;
export const insuranceState = z.enum(INSURANCE_STATES);
/** What a held place still needs before the first day, in the order a family does them. */
export const READINESS_ITEMS = ['confirmation', 'agreement', 'insurance', 'fee'] as const;

// ── Requests ─────────────────────────────────────────────────────────────────────────────────────────────────

export const applyBody = z.object({ classId: z.number().int().positive(), childId: z.number().int().positive() });
export const withdrawBody = z.object({ reason: z.string().trim().min(2).max(500) });
export const signBody = z.object({ typedName: z.string().trim().min(2).max(50), textSha256: z.string().length(64) });
export const insuranceBody = z.object({
  insurer: z.string().trim().min(2).max(100),
  policyNo: z.string().trim().min(3).max(60),
  periodStart: isoDate,
  periodEnd: isoDate,
  fileId: z.number().int().positive().nullable().optional(),
});
export type InsuranceInput = z.infer<typeof insuranceBody>;
export const insuranceReviewBody = z.object({
  decision: z.enum(['confirmed', 'rejected']),
  note: z.string().trim().max(500).optional(),
});
export const feeBody = z.object({ status: z.enum(['paid', 'waived']), receipt: z.string().trim().max(60).nullable() });
export const enrolmentSettingsBody = z.object({
  allocation: z.enum(['fcfs', 'lottery']),
  windowOpensAt: z.coerce.date().nullable().optional(),
  windowClosesAt: z.coerce.date().nullable().optional(),
  openToAll: z.boolean().optional(),
});
export type EnrolmentSettingsInput = z.infer<typeof enrolmentSettingsBody>;
export const publishAgreementBody = z.object({
  title: z.string().trim().min(2).max(100),
  body: z.string().trim().min(20).max(20000),
});

// ── Responses ────────────────────────────────────────────────────────────────────────────────────────────────

/** What the caller may do with an application now (enrolments.policy.ts); the UIs show actions from these. */
export const enrolmentAbilities = z.object({
  confirm: z.boolean(),
  withdraw: z.boolean(),
  sign: z.boolean(),
  submitInsurance: z.boolean(),
  reviewInsurance: z.boolean(),
  recordFee: z.boolean(),
});

export const enrolmentResponse = z.object({
  id: z.number(),
  classId: z.number(),
  childId: z.number(),
  status: enrolmentStatus,
  reason: z.string().nullable(),
  priorityGroup: z.number(),
  lotteryRank: z.number().nullable(),
  appliedAt: z.date(),
  offerExpiresAt: z.date().nullable(),
  feeStatus: z.string(),
  abilities: enrolmentAbilities,
});
export type EnrolmentDto = z.infer<typeof enrolmentResponse>;

export const openClassResponse = z.object({
  id: z.number(),
  name: z.string(),
  orgName: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  dailyStart: z.string().nullable(),
  dailyEnd: z.string().nullable(),
  feeAmount: z.number(),
  feeNote: z.string().nullable(),
  meals: z.string(),
  placesLeft: z.number(),
  allocation: z.string(),
  windowClosesAt: z.date().nullable(),
  gradesOffered: z.array(z.union([z.number(), z.string()])),
  publicDescription: z.string().nullable(),
});
export const openClassListResponse = z.object({ items: z.array(openClassResponse) });

export const parentEnrolmentResponse = enrolmentResponse.extend({
  className: z.string(),
  childName: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  /** For a held place (offered/accepted): what is in place before the first day, and what is missing. */
  agreementSigned: z.boolean().optional(),
  insurance: insuranceState.optional(),
  /** Why staff rejected the latest insurance proof. */
  insuranceNote: z.string().nullable().optional(),
  enrolled: z.boolean().optional(),
  missing: z.array(z.string()).optional(),
});
export const parentEnrolmentListResponse = z.object({ items: z.array(parentEnrolmentResponse) });

export const enrolmentAgreementResponse = z.object({
  id: z.number(),
  version: z.number(),
  title: z.string(),
  body: z.string(),
  sha256: z.string(),
  signed: z.boolean(),
});

export const insuranceSubmittedResponse = z.object({ proofId: z.number() });

export const readinessRow = z.object({
  enrolmentId: z.number(),
  childId: z.number(),
  childName: z.string(),
  grade: z.string(),
  status: z.string(),
  agreementSigned: z.boolean(),
  insurance: insuranceState,
  insuranceProof: z
    .object({
      id: z.number(),
      insurer: z.string(),
      policyNo: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      fileId: z.number().nullable(),
      reviewNote: z.string().nullable(),
    })
    .nullable(),
  fee: z.string(),
  enrolled: z.boolean(),
  missing: z.array(z.string()),
});

/** What the caller may do with a class's enrolment (settings, the draw, reminders, the roster import). */
export const classEnrolmentAbilities = z.object({
  configure: z.boolean(),
  drawLottery: z.boolean(),
  sendReminders: z.boolean(),
  importRoster: z.boolean(),
});

export const classEnrolmentRow = enrolmentResponse.extend({ childName: z.string(), grade: z.string() });
export const classEnrolmentsResponse = z.object({
  items: z.array(classEnrolmentRow),
  readiness: z.array(readinessRow),
  abilities: classEnrolmentAbilities,
});

export const enrolmentSettingsResponse = z.object({
  allocation: z.enum(['fcfs', 'lottery']),
  windowOpensAt: z.date().nullable(),
  windowClosesAt: z.date().nullable(),
  openToAll: z.boolean(),
  placesTaken: z.number(),
  lotterySeedHash: z.string().nullable(),
  lotteryDrawnAt: z.date().nullable(),
});

export const currentAgreementResponse = z.object({
  id: z.number(),
  version: z.number(),
  title: z.string(),
  body: z.string(),
  sha256: z.string(),
  publishedAt: z.date(),
});
export const publishedAgreementResponse = z.object({ id: z.number(), version: z.number(), sha256: z.string() });
export const agreementTemplateResponse = z.object({
  body: z.string(),
  /** The template's title, and the campaign whose template it is (null: the built-in default, no campaign yet). */
  title: z.string(),
  campaignId: z.number().nullable(),
});

export const lotteryDrawResponse = z.object({ entries: z.number() });
export const lotteryResponse = z.object({
  seedHash: z.string().optional(),
  seed: z.string().optional(),
  drawnAt: z.date().nullable(),
  entries: z.array(z.object({ ref: z.string(), priorityGroup: z.number(), rank: z.number() })).optional(),
});

export const remindersResponse = z.object({ sent: z.number() });
export const rosterImportResponse = z.object({ imported: z.number() });
