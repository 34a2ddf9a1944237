/**
 * The needs survey's own rules (调研摸底, P-K1), pure: the extra questions an opener may add, checking an answer
 * against them, and the campaign weeks a respondent may pick (each by its Monday, clipped to the season).
 */
import { z } from 'zod';
import { addDays, type IsoDate, maxDate, minDate } from '../calendar/dates.js';
import type { SurveyAnswers } from './answers.js';

export const QUESTION_KINDS = ['text', 'choice', 'number'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** One extra question. `id` is chosen by the server (q1, q2, …) so answers stay attached when labels change. */
export const surveyQuestionSchema = z.strictObject({
  id: z.string().regex(/^q\d{1,2}$/),
  label: z.string().trim().min(1).max(200),
  kind: z.enum(QUESTION_KINDS),
  /** For `choice`: the options offered (2–12). */
  options: z.array(z.string().trim().min(1).max(60)).max(12).optional(),
  required: z.boolean().optional(),
});
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

/** What a question looks like when the opener writes it (the server numbers them). */
export const surveyQuestionInput = surveyQuestionSchema.omit({ id: true });
export type SurveyQuestionInput = z.infer<typeof surveyQuestionInput>;

/** Numbers the opener's questions q1…qN and checks that every choice question has distinct options. */
export function numberQuestions(input: readonly SurveyQuestionInput[]): {
  questions: SurveyQuestion[];
  problem?: string;
} {
  const questions = input.map((q, i) => ({ ...q, id: `q${i + 1}` }));
  for (const [i, q] of questions.entries()) {
    if (q.kind === 'choice') {
      const opts = q.options ?? [];
      if (opts.length < 2 || new Set(opts).size !== opts.length)
        return { questions, problem: `questions.${i}.options` };
    } else if (q.options && q.options.length > 0) return { questions, problem: `questions.${i}.options` };
  }
  return { questions };
}

/** Reads the stored questions leniently (a row written by an older version never breaks a page). */
export function readQuestions(stored: unknown): SurveyQuestion[] {
  const r = z.array(surveyQuestionSchema).safeParse(stored);
  return r.success ? r.data : [];
}

export interface SurveyWeek {
  /** The Monday that names the week. */
  monday: IsoDate;
  /** The week's first and last day inside the season. */
  from: IsoDate;
  to: IsoDate;
}

/** Day of the week, Monday = 0. */
function weekdayIndex(d: IsoDate): number {
  const day = new Date(`${d}T00:00:00Z`).getUTCDay();
  return (day + 6) % 7;
}

/** The season's weeks (campaign `params.season`), Monday to Sunday, the first and last clipped to the season. */
export function seasonWeeks(season: { start: IsoDate; end: IsoDate }): SurveyWeek[] {
  if (season.start > season.end) return [];
  const weeks: SurveyWeek[] = [];
  let monday = addDays(season.start, -weekdayIndex(season.start));
  // A season is months long at most; 60 weeks bounds a corrupt one.
  while (monday <= season.end && weeks.length < 60) {
    const sunday = addDays(monday, 6);
    weeks.push({
      monday,
      from: maxDate(monday, season.start),
      to: minDate(sunday, season.end),
    });
    monday = addDays(monday, 7);
  }
  return weeks;
}

export interface AnswerProblem {
  path: string;
  zh: string;
  en: string;
}

/**
 * What is wrong with an answer given the survey's weeks and questions (the shape itself is checked by
 * `surveyAnswersSchema`): weeks outside the season, hours backwards, a kindergarten flag on a school child,
 * extra answers to questions that do not exist or of the wrong kind, a required question left out.
 */
export function answerProblems(a: SurveyAnswers, weeks: readonly SurveyWeek[], questions: readonly SurveyQuestion[]) {
  const out: AnswerProblem[] = [];
  const mondays = new Set(weeks.map((w) => w.monday));
  a.weeks.forEach((w, i) => {
    if (!mondays.has(w))
      out.push({ path: `answers.weeks.${i}`, zh: '所选周不在本次托管期内', en: 'This week is not in the season' });
  });
  if (new Set(a.weeks).size !== a.weeks.length)
    out.push({ path: 'answers.weeks', zh: '同一周只能选一次', en: 'A week is listed twice' });
  if (a.weeks.length === 0) out.push({ path: 'answers.weeks', zh: '请至少选择一周', en: 'Choose at least one week' });
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (!hhmm.test(a.hours.from) || !hhmm.test(a.hours.to) || a.hours.from >= a.hours.to)
    out.push({
      path: 'answers.hours',
      zh: '托管时段有误：开始须早于结束',
      en: 'The hours are wrong: the start must be before the end',
    });
  a.children.forEach((c, i) => {
    if (c.grade !== 'K' && c.selfCare !== undefined)
      out.push({
        path: `answers.children.${i}.selfCare`,
        zh: '仅幼儿园阶段的孩子填写自理能力',
        en: 'Self-care is asked for kindergarten children only',
      });
  });
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const [id, v] of Object.entries(a.extra)) {
    const q = byId.get(id);
    const path = `answers.extra.${id}`;
    if (!q) out.push({ path, zh: '没有这个问题', en: 'No such question' });
    else if (q.kind === 'number' && (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1e9))
      out.push({ path, zh: '请填写数字', en: 'Enter a number' });
    else if (q.kind === 'choice' && (typeof v !== 'string' || !(q.options ?? []).includes(v)))
      out.push({ path, zh: '请从选项中选择', en: 'Choose one of the options' });
    else if (q.kind === 'text' && typeof v !== 'string') out.push({ path, zh: '请填写文字', en: 'Enter text' });
  }
  for (const q of questions) {
    const v = a.extra[q.id];
    if (q.required && (v === undefined || (typeof v === 'string' && v.trim() === '')))
      out.push({ path: `answers.extra.${q.id}`, zh: '此题必答', en: 'This question is required' });
  }
  return out;
}
