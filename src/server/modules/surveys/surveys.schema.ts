/**
 * Shapes of the needs-survey API (调研摸底, P-K1): the officials' routes (/api/needs-surveys) and the respondents'
 * public ones (/api/public/needs-surveys/:token). The web console and the phone page import the types from here.
 */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';
import { surveyAnswersSchema } from '../../../domain/surveys/answers.js';
import { QUESTION_KINDS, surveyQuestionInput } from '../../../domain/surveys/questions.js';
import { mobileField } from '../families/families.schema.js';

const id = z.coerce.number().int().positive().max(2_147_483_647);

export const createSurveyBody = z.strictObject({
  campaignId: z.number().int().positive().max(2_147_483_647),
  /** The opener's organisation: the city, a district or industry union, or a unit (its own survey). */
  orgId: z.number().int().positive().max(2_147_483_647),
  title: z.string().trim().min(2).max(100),
  /** The last day answers are taken (inclusive, China time). */
  closesOn: boundedIsoDate,
  questions: z.array(surveyQuestionInput).max(20).default([]),
});
export type CreateSurveyInput = z.infer<typeof createSurveyBody>;

export const updateSurveyBody = z.strictObject({
  title: z.string().trim().min(2).max(100).optional(),
  closesOn: boundedIsoDate.optional(),
});
export type UpdateSurveyInput = z.infer<typeof updateSurveyBody>;

export const listSurveysQuery = z.object({ campaignId: id.optional() });
export const surveyIdParams = z.object({ id });
export const linkParams = z.object({ id, linkId: id });
export const qrQuery = z.object({ format: z.enum(['png', 'svg']).default('png') });

const questionResponse = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(QUESTION_KINDS),
  options: z.array(z.string()).optional(),
  required: z.boolean().optional(),
});

const weekResponse = z.object({ monday: z.string(), from: z.string(), to: z.string() });

export const surveyResponse = z.object({
  id: z.number(),
  campaignId: z.number(),
  campaignName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  questions: z.array(questionResponse),
  /** open until closed by hand or past `closesOn` */
  status: z.enum(['open', 'closed']),
  closesOn: z.string().nullable(),
  closedAt: z.date().nullable(),
  createdAt: z.date(),
  /** Units with a link that the caller can see, and the answers from them. */
  units: z.number(),
  respondents: z.number(),
  abilities: z.object({ update: z.boolean(), close: z.boolean() }),
});
export type SurveyDto = z.infer<typeof surveyResponse>;
export const surveyListResponse = z.object({ items: z.array(surveyResponse) });

export const linkResponse = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  /** The respondents' address (/m/#/survey/<token>); only for those who administer the unit. */
  token: z.string().nullable(),
  path: z.string().nullable(),
  respondents: z.number(),
  abilities: z.object({ qr: z.boolean(), reissue: z.boolean() }),
});
export const linkListResponse = z.object({ items: z.array(linkResponse) });

const countMap = z.record(z.string(), z.number());
const tallyResponse = z.object({
  respondents: z.number(),
  children: z.number(),
  byGrade: countMap,
  kindergartenSelfCare: z.number(),
  byWeek: countMap,
  lunch: z.number(),
  start: countMap,
  end: countMap,
  distance: countMap,
  payShare: countMap,
  extra: z.record(z.string(), z.object({ answered: z.number(), sum: z.number(), counts: countMap })),
  /** Places of the campaign's classes in that part of the tree (sum of capacities). */
  plannedPlaces: z.number(),
  /** The week with the most children. */
  peakWeek: z.number(),
});

export const resultsResponse = z.object({
  survey: surveyResponse,
  weeks: z.array(weekResponse),
  total: tallyResponse.extend({ units: z.number(), respondedUnits: z.number() }),
  districts: z.array(
    tallyResponse.extend({ orgId: z.number(), orgName: z.string(), units: z.number(), respondedUnits: z.number() }),
  ),
  units: z.array(
    tallyResponse.extend({
      orgId: z.number(),
      orgName: z.string(),
      districtId: z.number(),
      districtName: z.string(),
    }),
  ),
});
export type SurveyResults = z.infer<typeof resultsResponse>;

// ---- the respondents' side (no account) --------------------------------------------------------------------
export const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

export const publicSurveyResponse = z.object({
  title: z.string(),
  unitName: z.string(),
  campaignName: z.string(),
  closesOn: z.string().nullable(),
  closed: z.boolean(),
  weeks: z.array(weekResponse),
  questions: z.array(questionResponse),
});
export type PublicSurvey = z.infer<typeof publicSurveyResponse>;

export const publicCodeBody = z.strictObject({ phone: mobileField });
export const publicCodeResponse = z.object({ expiresInSeconds: z.number(), phone: z.string() });

export const publicVerifyBody = z.strictObject({ phone: mobileField, code: z.string().regex(/^\d{6}$/) });
const storedAnswer = z.object({ answers: surveyAnswersSchema, version: z.number(), updatedAt: z.date() });
export const publicVerifyResponse = z.object({
  /** Proof of the verified phone for this link, sent back with the answer (2 hours). */
  ticket: z.string(),
  phone: z.string(),
  closed: z.boolean(),
  answer: storedAnswer.nullable(),
});

export const publicAnswerBody = z.strictObject({
  ticket: z.string().min(10).max(600),
  answers: surveyAnswersSchema,
  /** The version being edited (absent for a first answer): two phones editing at once do not overwrite blind. */
  version: z.number().int().positive().max(1_000_000).optional(),
});
export const publicAnswerResponse = z.object({ version: z.number(), updatedAt: z.date() });
