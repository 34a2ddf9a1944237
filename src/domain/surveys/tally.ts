/**
 * Counting needs-survey answers (调研摸底 results), pure. A tally is made of sums only, so a district's tally is
 * exactly the sum of its units' tallies and the city's the sum of its districts' (`addTallies`): the roll-up never
 * averages averages. Demand by week counts children: a family with two children needing week 3 adds 2.
 */
import { SURVEY_GRADES, type SurveyAnswers } from './answers.js';
import type { SurveyQuestion } from './questions.js';

export const DISTANCE_BANDS = ['lt1', '1to3', '3to5', '5to10', 'gt10'] as const;
export type DistanceBand = (typeof DISTANCE_BANDS)[number];
export const PAY_SHARES = ['yes', 'no', 'unsure'] as const;
/** Start-of-care bands (when a parent must drop off) and end-of-care bands (when they can pick up). */
export const START_BANDS = ['before8', '8to9', 'after9'] as const;
export const END_BANDS = ['before17', '17to18', 'after18'] as const;

export interface SurveyTally {
  respondents: number;
  children: number;
  byGrade: Record<string, number>;
  /** Kindergarten children whose parent says they can look after themselves (P-R1). */
  kindergartenSelfCare: number;
  /** Children needing each week, by the week's Monday. */
  byWeek: Record<string, number>;
  /** Respondents wanting lunch. */
  lunch: number;
  start: Record<string, number>;
  end: Record<string, number>;
  distance: Record<string, number>;
  payShare: Record<string, number>;
  /** Per extra question: how many answered; per option for a choice; the sum for a number. */
  extra: Record<string, { answered: number; sum: number; counts: Record<string, number> }>;
}

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;

export function emptyTally(weeks: readonly string[], questions: readonly SurveyQuestion[] = []): SurveyTally {
  return {
    respondents: 0,
    children: 0,
    byGrade: zeros(SURVEY_GRADES),
    kindergartenSelfCare: 0,
    byWeek: zeros(weeks),
    lunch: 0,
    start: zeros(START_BANDS),
    end: zeros(END_BANDS),
    distance: zeros(DISTANCE_BANDS),
    payShare: zeros(PAY_SHARES),
    extra: Object.fromEntries(
      questions.map((q) => [
        q.id,
        { answered: 0, sum: 0, counts: zeros(q.kind === 'choice' ? (q.options ?? []) : []) },
      ]),
    ),
  };
}

export function distanceBand(km: number): DistanceBand {
  if (km < 1) return 'lt1';
  if (km <= 3) return '1to3';
  if (km <= 5) return '3to5';
  if (km <= 10) return '5to10';
  return 'gt10';
}

const startBand = (hhmm: string) => (hhmm < '08:00' ? 'before8' : hhmm <= '09:00' ? '8to9' : 'after9');
const endBand = (hhmm: string) => (hhmm < '17:00' ? 'before17' : hhmm <= '18:00' ? '17to18' : 'after18');
const bump = (r: Record<string, number>, k: string, by = 1) => {
  r[k] = (r[k] ?? 0) + by;
};

/** Adds one respondent's answer to a tally (in place). */
export function addAnswer(t: SurveyTally, a: SurveyAnswers, questions: readonly SurveyQuestion[] = []): SurveyTally {
  t.respondents += 1;
  t.children += a.children.length;
  for (const c of a.children) {
    bump(t.byGrade, c.grade);
    if (c.grade === 'K' && c.selfCare) t.kindergartenSelfCare += 1;
  }
  for (const w of new Set(a.weeks)) bump(t.byWeek, w, a.children.length);
  if (a.lunch) t.lunch += 1;
  bump(t.start, startBand(a.hours.from));
  bump(t.end, endBand(a.hours.to));
  bump(t.distance, distanceBand(a.distanceKm));
  bump(t.payShare, a.payShare);
  for (const q of questions) {
    const v = a.extra[q.id];
    if (v === undefined || v === '') continue;
    const e = t.extra[q.id] ?? { answered: 0, sum: 0, counts: {} };
    t.extra[q.id] = e;
    e.answered += 1;
    if (q.kind === 'number' && typeof v === 'number') e.sum += v;
    if (q.kind === 'choice' && typeof v === 'string') bump(e.counts, v);
  }
  return t;
}

const addRecords = (a: Record<string, number>, b: Record<string, number>) => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
};

/** The sum of tallies (a district from its units, the city from its districts). */
export function addTallies(base: SurveyTally, ...more: SurveyTally[]): SurveyTally {
  let t: SurveyTally = { ...base, extra: { ...base.extra } };
  for (const m of more) {
    const extra = { ...t.extra };
    for (const [id, e] of Object.entries(m.extra)) {
      const prev = extra[id];
      extra[id] = prev
        ? { answered: prev.answered + e.answered, sum: prev.sum + e.sum, counts: addRecords(prev.counts, e.counts) }
        : e;
    }
    t = {
      respondents: t.respondents + m.respondents,
      children: t.children + m.children,
      byGrade: addRecords(t.byGrade, m.byGrade),
      kindergartenSelfCare: t.kindergartenSelfCare + m.kindergartenSelfCare,
      byWeek: addRecords(t.byWeek, m.byWeek),
      lunch: t.lunch + m.lunch,
      start: addRecords(t.start, m.start),
      end: addRecords(t.end, m.end),
      distance: addRecords(t.distance, m.distance),
      payShare: addRecords(t.payShare, m.payShare),
      extra,
    };
  }
  return t;
}

/** The week with the most children (peak demand), 0 when nobody answered. */
export const peakWeekDemand = (t: SurveyTally) => Math.max(0, ...Object.values(t.byWeek));
