/**
 * One employee's answer to a needs survey (调研摸底, P-K1): the standard questions the seed implies, plus the
 * answers to the opener's extra questions. Stored as `needs_survey_answers.answers`; read by the survey results and
 * by modules/stats (needs-survey demand).
 */
import { z } from 'zod';

export const SURVEY_GRADES = ['K', '1', '2', '3', '4', '5', '6'] as const;

export const surveyAnswersSchema = z.strictObject({
  /** The children who would attend: grade ('K' = kindergarten, last year) and, for a kindergarten child, self-care. */
  children: z
    .array(z.strictObject({ grade: z.enum(SURVEY_GRADES), selfCare: z.boolean().optional() }))
    .min(1)
    .max(6),
  /** The campaign weeks needed, each by its Monday ("YYYY-MM-DD"). */
  weeks: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(30),
  /** Daily hours needed ("HH:MM"). */
  hours: z.strictObject({ from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) }),
  lunch: z.boolean(),
  /** Distance from the workplace the family would accept, km. */
  distanceKm: z.number().min(0).max(100),
  /** Willing to pay a share of the cost (个人少量分担). */
  payShare: z.enum(['yes', 'no', 'unsure']),
  /** Extra questions by id. */
  extra: z.record(z.string(), z.union([z.string().max(500), z.number()])).default({}),
});
export type SurveyAnswers = z.infer<typeof surveyAnswersSchema>;
