// The rule scale.attendanceRate (P-R3): the attendance rate (see attendance.ts) against the campaign's
// minimum. After the class: pass/fail. While running: pass when on track, `warn` with a forecast and
// the present child-days still needed when behind, `fail` once the minimum is out of reach.

import { computeAttendance, presentDaysNeeded } from './attendance.js';
import { beforeEnrolmentCloses, pct, result } from './helpers.js';
import type { Rule } from './types.js';

const SICK_WORDS = {
  absent: { zh: '病假按缺勤计', en: 'sick leave counts as absence' },
  excluded: { zh: '病假不计入应出勤人次', en: 'sick leave is not scheduled' },
  present: { zh: '病假按出勤计', en: 'sick leave counts as present' },
} as const;

export const attendanceRateRule: Rule = {
  id: 'scale.attendanceRate',
  policyRefs: ['P-R3'],
  describe: (c) => ({
    zh: `出勤率（实际出勤人次 ÷ 应出勤人次）不低于 ${pct(c.scale.minAttendanceRate)}；${SICK_WORDS[c.scale.sickLeave].zh}。`,
    en: `Attendance rate (present ÷ scheduled child-days) at least ${pct(c.scale.minAttendanceRate)}; ${SICK_WORDS[c.scale.sickLeave].en}.`,
  }),
  evaluate(s, c, asOf) {
    const min = c.scale.minAttendanceRate;
    if (beforeEnrolmentCloses(s)) {
      return result(
        attendanceRateRule,
        'unknown',
        {
          zh: '托管班尚未开班，开班后计算出勤率。',
          en: 'The class has not started; attendance is computed once it runs.',
        },
        { minimum: min, classPhase: s.phase, pending: true },
      );
    }
    const a = computeAttendance(s, c, asOf);
    if (!a.ok) return result(attendanceRateRule, 'unknown', a.reason, { ...a.facts, minimum: min }, a.fix);
    const f = a.figures;
    const rate = f.rate;
    const base = { ...f, minimum: min };
    const now = {
      zh: `出勤率 ${pct(rate)}（${f.presentChildDays}/${f.scheduledChildDays} 人次）`,
      en: `attendance ${pct(rate)} (${f.presentChildDays}/${f.scheduledChildDays} child-days)`,
    };
    if (f.phase === 'finished') {
      if (rate >= min) {
        return result(
          attendanceRateRule,
          'pass',
          { zh: `${now.zh}，达到 ${pct(min)} 的要求。`, en: `Final ${now.en}; the minimum is ${pct(min)}.` },
          base,
        );
      }
      const short = presentDaysNeeded(f.presentChildDays, f.scheduledChildDays, 0, min);
      return result(
        attendanceRateRule,
        'fail',
        { zh: `${now.zh}，低于 ${pct(min)} 的要求。`, en: `Final ${now.en}, below the minimum of ${pct(min)}.` },
        { ...base, presentChildDaysShort: short },
        {
          zh: `差 ${short} 人次出勤；请核对出勤记录是否完整。`,
          en: `${short} present child-days short; check the records are complete.`,
        },
      );
    }
    const remaining = f.remainingScheduledChildDays;
    const needed = presentDaysNeeded(f.presentChildDays, f.scheduledChildDays, remaining, min);
    const total = f.scheduledChildDays + remaining;
    // Forecast: the rest of the class attends at today's rate.
    const projectedRate = (f.presentChildDays + rate * remaining) / total;
    const forecast = {
      ...base,
      projectedRate,
      presentChildDaysNeeded: needed,
      requiredRateForRemainder: remaining > 0 ? needed / remaining : null,
    };
    if (needed > remaining) {
      return result(
        attendanceRateRule,
        'fail',
        {
          zh: `${now.zh}；即使余下 ${remaining} 人次全部出勤，也无法达到 ${pct(min)}。`,
          en: `${now.en}; even full attendance for the remaining ${remaining} child-days cannot reach ${pct(min)}.`,
        },
        forecast,
        { zh: '核对出勤记录；如确有误录请更正。', en: 'Check the attendance records for errors.' },
      );
    }
    if (rate < min) {
      return result(
        attendanceRateRule,
        'warn',
        {
          zh: `${now.zh}，低于 ${pct(min)}；按当前趋势预计结束时为 ${pct(projectedRate)}。余下 ${remaining} 人次中还需出勤 ${needed} 人次（${pct(needed / remaining)}）。`,
          en: `${now.en}, below ${pct(min)}; at this pace the class ends at ${pct(projectedRate)}. ${needed} of the remaining ${remaining} child-days must be attended (${pct(needed / remaining)}).`,
        },
        forecast,
        {
          zh: `提醒家长按时送托，余下期间出勤率需达到 ${pct(needed / remaining)}。`,
          en: `Remind parents; the rest of the class needs ${pct(needed / remaining)} attendance.`,
        },
      );
    }
    return result(
      attendanceRateRule,
      'pass',
      { zh: `${now.zh}，目前达到 ${pct(min)} 的要求。`, en: `${now.en} so far; the minimum is ${pct(min)}.` },
      forecast,
    );
  },
};
