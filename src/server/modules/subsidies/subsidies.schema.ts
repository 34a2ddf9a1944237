/**
 * Shapes of the subsidy API (工会补贴): a paying organisation's policy per campaign, the computed list with each
 * class's reasons, the approved (frozen) disbursement lists (拨付清单) and their payments. Integer 分 on the wire.
 */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';
import { FUNDING_SOURCES, MAX_ENTRY_FEN, SUBSIDY_CONDITIONS } from '../../../domain/funding/index.js';

const id = z.coerce.number().int().positive();
const fen = z.number().int().min(0).max(MAX_ENTRY_FEN);

export const overviewQuery = z.object({ campaignId: id, orgId: id });
export const listParams = z.object({ id });
export const paymentParams = z.object({ id, paymentId: id });

export const rulesBody = z.strictObject({
  source: z.enum(FUNDING_SOURCES),
  tiers: z
    .array(
      z.strictObject({
        minChildren: z.number().int().min(0).max(10_000),
        maxChildren: z.number().int().min(0).max(10_000).nullable(),
        perChildDayFen: fen,
      }),
    )
    .min(1)
    .max(10),
  demonstrationSupplementFen: fen,
  capFen: fen.nullable(),
  conditions: z.strictObject(
    Object.fromEntries(SUBSIDY_CONDITIONS.map((c) => [c, z.boolean()])) as Record<
      (typeof SUBSIDY_CONDITIONS)[number],
      z.ZodBoolean
    >,
  ),
});

export const policyBody = z.strictObject({ campaignId: id, orgId: id, rules: rulesBody });
export type PolicyInput = z.infer<typeof policyBody>;
export const approveBody = z.strictObject({ campaignId: id, orgId: id });
export const paymentBody = z.strictObject({
  itemId: z.number().int().positive(),
  amountFen: z.number().int().min(1).max(MAX_ENTRY_FEN),
  date: boundedIsoDate,
  note: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type PaymentInput = z.infer<typeof paymentBody>;
export const reverseBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

const condition = z.object({
  key: z.enum(SUBSIDY_CONDITIONS),
  met: z.boolean(),
  value: z.number().nullable(),
  required: z.number().nullable(),
});
export const computationResponse = z.object({
  classId: z.number(),
  eligible: z.boolean(),
  conditions: z.array(condition),
  tier: z.number().nullable(),
  children: z.number(),
  childDays: z.number(),
  perChildDayFen: z.number(),
  childDaysFen: z.number(),
  supplementFen: z.number(),
  capped: z.boolean(),
  amountFen: z.number(),
});

const abilities = z.object({ setPolicy: z.boolean(), approve: z.boolean(), pay: z.boolean() });

export const classLine = z.object({
  classId: z.number(),
  className: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  status: z.string(),
  named: z.boolean(),
  computation: computationResponse,
});

export const listSummary = z.object({
  id: z.number(),
  version: z.number(),
  asOf: z.string(),
  totalFen: z.number(),
  paidFen: z.number(),
  pendingFen: z.number(),
  approvedAt: z.date(),
  approvedByName: z.string().nullable(),
  /** A later version was approved: this one is kept, but payments go to the latest. */
  superseded: z.boolean(),
});

export const overviewResponse = z.object({
  campaignId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgKind: z.string(),
  /** The campaign's union sources, and the one a new policy of this organisation defaults to. */
  unionSources: z.array(z.string()),
  defaultSource: z.string(),
  minAttendancePermille: z.number(),
  policy: z
    .object({
      id: z.number(),
      version: z.number(),
      rules: rulesBody,
      setByName: z.string().nullable(),
      setAt: z.date(),
    })
    .nullable(),
  /** Computed today from the classes' figures (null without a policy). */
  computed: z.object({ asOf: z.string(), totalFen: z.number(), classes: z.array(classLine) }).nullable(),
  lists: z.array(listSummary),
  abilities,
});
export type OverviewDto = z.infer<typeof overviewResponse>;

export const paymentResponse = z.object({
  id: z.number(),
  itemId: z.number(),
  classId: z.number(),
  amountFen: z.number(),
  date: z.string(),
  note: z.string().nullable(),
  ledgerEntryId: z.number().nullable(),
  reversesPaymentId: z.number().nullable(),
  reversedByPaymentId: z.number().nullable(),
  reason: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.date(),
});

export const listResponse = listSummary.extend({
  campaignId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  source: z.string(),
  policyVersion: z.number(),
  items: z.array(
    classLine.extend({ id: z.number(), amountFen: z.number(), paidFen: z.number(), pendingFen: z.number() }),
  ),
  payments: z.array(paymentResponse),
  abilities: z.object({ pay: z.boolean() }),
});
export type ListDto = z.infer<typeof listResponse>;
