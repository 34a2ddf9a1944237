/** Shapes of the satisfaction survey's API (#16): the parents' side and the class's and organisations' results. */
import { z } from 'zod';
import { HAPPY_VALUES } from '../../../domain/satisfaction/indices.js';

export const idParams = z.object({ id: z.coerce.number().int().positive() });

const score = z.number().int().min(1).max(5);

export const answerBody = z.object({
  overall: score,
  safety: score,
  care: score,
  activities: score,
  /** Null (or left out) when the class serves no meals. */
  meals: score.nullable().optional(),
  communication: score,
  happy: z.union(HAPPY_VALUES.map((v) => z.literal(v)) as [z.ZodLiteral<2>, z.ZodLiteral<1>, z.ZodLiteral<0>]),
  comment: z.string().trim().max(500).optional(),
});
export type AnswerInput = z.infer<typeof answerBody>;

export const invitationDto = z.object({
  id: z.number(),
  classId: z.number(),
  className: z.string(),
  childName: z.string(),
  round: z.enum(['final', 'mid']),
  /** The class serves meals: the 餐食 item is asked. */
  asksMeals: z.boolean(),
  sentAt: z.string(),
  answered: z.boolean(),
  answeredAt: z.string().nullable(),
});
export type InvitationDto = z.infer<typeof invitationDto>;
export const invitationListResponse = z.object({ items: z.array(invitationDto), waiting: z.number() });

export const answeredResponse = z.object({ ok: z.literal(true), answeredAt: z.string() });

const indices = z.object({
  parents: z.number().nullable(),
  happy: z.number().nullable(),
  items: z.record(z.string(), z.number().nullable()),
});

export const roundResultDto = z.object({
  round: z.enum(['final', 'mid']),
  invited: z.number(),
  answers: z.number(),
  responseRate: z.number().nullable(),
  /** At least MIN_ANSWERS answers: the indices, the distribution and the remarks are shown. */
  shown: z.boolean(),
  notice: z.object({ zh: z.string(), en: z.string() }).nullable(),
  indices: indices.nullable(),
  /** How many answers gave each overall score 1…5 (index 0 is score 1). */
  overallDistribution: z.array(z.number()).nullable(),
  happyDistribution: z.object({ happy: z.number(), soso: z.number(), unhappy: z.number() }).nullable(),
  /** Free-text remarks without names: children's and guardians' names and phone numbers masked, in no order. */
  remarks: z.array(z.string()).nullable(),
});

export const classResultResponse = z.object({
  classId: z.number(),
  midPoint: z.boolean(),
  rounds: z.array(roundResultDto),
  abilities: z.object({ configure: z.boolean() }),
});
export type ClassResultDto = z.infer<typeof classResultResponse>;

export const settingsBody = z.object({ midPoint: z.boolean() });

export const indicesQuery = z.object({
  campaignId: z.coerce.number().int().positive(),
  /** Left out: the caller's own highest organisation. */
  orgId: z.coerce.number().int().positive().optional(),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

const indexRow = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  invited: z.number(),
  answers: z.number(),
  responseRate: z.number().nullable(),
  parents: z.number().nullable(),
  happy: z.number().nullable(),
  items: z.record(z.string(), z.number().nullable()),
});
export type IndexRow = z.infer<typeof indexRow>;

export const indicesResponse = z.object({
  orgId: z.number(),
  orgName: z.string(),
  orgKind: z.string(),
  asOf: z.string(),
  minAnswers: z.number(),
  total: indexRow,
  rows: z.array(indexRow),
});
