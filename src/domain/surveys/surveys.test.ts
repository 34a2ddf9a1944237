import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SURVEY_GRADES, type SurveyAnswers } from './answers.js';
import { answerProblems, numberQuestions, seasonWeeks } from './questions.js';
import { addAnswer, addTallies, emptyTally } from './tally.js';

const season = { start: '2026-07-01', end: '2026-08-31' };
const weeks = seasonWeeks(season);
const mondays = weeks.map((w) => w.monday);

const answerArb: fc.Arbitrary<SurveyAnswers> = fc.record({
  children: fc.array(
    fc.constantFrom(...SURVEY_GRADES).map((grade) => (grade === 'K' ? { grade, selfCare: true } : { grade })),
    { minLength: 1, maxLength: 6 },
  ),
  weeks: fc.subarray(mondays, { minLength: 1 }),
  hours: fc.record({
    from: fc.constantFrom('07:30', '08:00', '09:30'),
    to: fc.constantFrom('16:30', '17:30', '18:30'),
  }),
  lunch: fc.boolean(),
  distanceKm: fc.double({ min: 0, max: 100, noNaN: true }),
  payShare: fc.constantFrom('yes' as const, 'no' as const, 'unsure' as const),
  extra: fc.constant({}),
});

describe('needs survey rules', () => {
  it('season weeks are Mondays, cover the season and are clipped to it', () => {
    expect(weeks[0]).toEqual({ monday: '2026-06-29', from: '2026-07-01', to: '2026-07-05' });
    expect(weeks.at(-1)).toEqual({ monday: '2026-08-31', from: '2026-08-31', to: '2026-08-31' });
    for (const w of weeks) expect(new Date(`${w.monday}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(seasonWeeks({ start: '2026-08-01', end: '2026-07-01' })).toEqual([]);
  });

  it('checks weeks, hours and extra answers against the survey', () => {
    const { questions } = numberQuestions([{ label: '照看人', kind: 'choice', options: ['祖辈', '父母'] }]);
    const ok: SurveyAnswers = {
      children: [{ grade: '2' }],
      weeks: [mondays[1] as string],
      hours: { from: '08:00', to: '17:30' },
      lunch: true,
      distanceKm: 2,
      payShare: 'yes',
      extra: { q1: '祖辈' },
    };
    expect(answerProblems(ok, weeks, questions)).toEqual([]);
    const bad = { ...ok, weeks: ['2026-07-02'], hours: { from: '18:00', to: '08:00' }, extra: { q1: '邻居', q7: 1 } };
    expect(answerProblems(bad, weeks, questions).map((p) => p.path)).toEqual([
      'answers.weeks.0',
      'answers.hours',
      'answers.extra.q1',
      'answers.extra.q7',
    ]);
    expect(numberQuestions([{ label: 'x', kind: 'choice', options: ['a', 'a'] }]).problem).toBe('questions.0.options');
  });

  it('the sum of the units is the tally of all answers (any split into units)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(4), answerArb), { maxLength: 40 }), (rows) => {
        const units = new Map<number, ReturnType<typeof emptyTally>>();
        const all = emptyTally(mondays);
        for (const [unit, a] of rows) {
          const t = units.get(unit) ?? emptyTally(mondays);
          units.set(unit, addAnswer(t, a));
          addAnswer(all, a);
        }
        const summed = addTallies(emptyTally(mondays), ...units.values());
        expect(summed).toEqual(all);
        expect(all.children).toBe(rows.reduce((n, [, a]) => n + a.children.length, 0));
        expect(Object.values(all.byGrade).reduce((n, x) => n + x, 0)).toBe(all.children);
        expect(Object.values(all.distance).reduce((n, x) => n + x, 0)).toBe(all.respondents);
      }),
    );
  });
});
