// Period and scale rules: the class lies in the campaign's holiday window (P-R2), has enough children
// and enough official working days (P-R3). The attendance rate has its own module.

import { countWorkingDays } from '../calendar/workdays.js';
import { checkPeriod, classWorkingDays } from './class-dates.js';
import { beforeEnrolmentCloses, enrolledChildren, result } from './helpers.js';
import type { Rule } from './types.js';

export const withinSeasonRule: Rule = {
  id: 'period.withinSeason',
  policyRefs: ['P-R2'],
  describe: (c) => ({
    zh: `托管时间在本项目假期范围内（${c.season.start} 至 ${c.season.end}）。`,
    en: `The class runs within the campaign’s holiday window (${c.season.start} to ${c.season.end}).`,
  }),
  evaluate(s, c) {
    const p = checkPeriod(s, false);
    const season = { start: c.season.start, end: c.season.end };
    if (!p.ok) return result(withinSeasonRule, 'unknown', p.reason, { season }, p.fix);
    const facts = { startDate: p.start, endDate: p.end, season };
    if (p.start < season.start || p.end > season.end) {
      return result(
        withinSeasonRule,
        'fail',
        {
          zh: `托管时间 ${p.start} 至 ${p.end} 超出假期范围 ${season.start} 至 ${season.end}。`,
          en: `The class (${p.start} to ${p.end}) falls outside the holiday window ${season.start} to ${season.end}.`,
        },
        facts,
        { zh: '将托管时间调整到假期范围内。', en: 'Move the class into the holiday window.' },
      );
    }
    return result(
      withinSeasonRule,
      'pass',
      {
        zh: `托管时间 ${p.start} 至 ${p.end} 在假期范围内。`,
        en: `The class (${p.start} to ${p.end}) is within the holiday window.`,
      },
      facts,
    );
  },
};

export const minChildrenRule: Rule = {
  id: 'scale.minChildren',
  policyRefs: ['P-R3'],
  describe: (c) => ({
    zh: `托管规模不少于 ${c.scale.minChildren} 人（含 ${c.scale.minChildren} 人）。`,
    en: `At least ${c.scale.minChildren} children enrolled.`,
  }),
  evaluate(s, c, asOf) {
    const min = c.scale.minChildren;
    const roster = enrolledChildren(s, asOf);
    if (roster === undefined) {
      return result(
        minChildrenRule,
        'unknown',
        { zh: '尚无托管对象名单。', en: 'No roster of children yet.' },
        { minimum: min },
        {
          zh: '录入托管对象名单。',
          en: 'Enter the roster of children.',
        },
      );
    }
    const n = roster.length;
    const facts = { enrolled: n, minimum: min };
    if (n < min && beforeEnrolmentCloses(s)) {
      // Places are still being taken: too few so far is not a failure yet (待判定).
      return result(
        minChildrenRule,
        'unknown',
        {
          zh: `报名尚未截止，开班后判定托管规模；目前在托 ${n} 人，需不少于 ${min} 人。`,
          en: `Pending until enrolment closes; ${n} enrolled so far, the minimum is ${min}.`,
        },
        { ...facts, classPhase: s.phase, pending: true },
        {
          zh: `报名截止前再招收 ${min - n} 名职工子女。`,
          en: `Enrol ${min - n} more children before enrolment closes.`,
        },
      );
    }
    if (n < min) {
      return result(
        minChildrenRule,
        'fail',
        { zh: `在托儿童 ${n} 人，少于 ${min} 人的要求。`, en: `${n} children enrolled; the minimum is ${min}.` },
        facts,
        { zh: `再招收 ${min - n} 名职工子女。`, en: `Enrol ${min - n} more children.` },
      );
    }
    return result(
      minChildrenRule,
      'pass',
      { zh: `在托儿童 ${n} 人，达到不少于 ${min} 人的要求。`, en: `${n} children enrolled; the minimum is ${min}.` },
      facts,
    );
  },
};

export const minWorkingDaysRule: Rule = {
  id: 'scale.minWorkingDays',
  policyRefs: ['P-R3'],
  describe: (c) => ({
    zh: `托管时间不低于 ${c.scale.minWorkingDays} 个工作日（按国家法定节假日和调休安排计算，扣除停托日）。`,
    en: `At least ${c.scale.minWorkingDays} official working days (holidays and make-up workdays applied, closures deducted).`,
  }),
  evaluate(s, c) {
    const min = c.scale.minWorkingDays;
    const p = checkPeriod(s);
    if (!p.ok) return result(minWorkingDaysRule, 'unknown', p.reason, { minimum: min }, p.fix);
    const wd = classWorkingDays(p, c.calendar);
    const n = wd.days.length;
    const closedWorkdays = countWorkingDays(p.start, p.end, [], c.calendar) - n;
    const facts = {
      startDate: p.start,
      endDate: p.end,
      workingDays: n,
      closedWorkdays,
      minimum: min,
      calendarCovered: wd.calendarCovered,
      uncoveredYears: wd.uncoveredYears,
    };
    if (n < min) {
      return result(
        minWorkingDaysRule,
        'fail',
        {
          zh: `托管期 ${p.start} 至 ${p.end} 共 ${n} 个工作日（已扣除停托 ${closedWorkdays} 天），少于 ${min} 个工作日。`,
          en: `${p.start} to ${p.end} has ${n} working days (${closedWorkdays} closure days deducted); the minimum is ${min}.`,
        },
        facts,
        {
          zh: `延长托管期或减少停托，再增加 ${min - n} 个工作日。`,
          en: `Add ${min - n} working days (extend the class or close less).`,
        },
      );
    }
    if (!wd.calendarCovered) {
      // Neither bundled nor entered: only weekends are known, so the count may include public holidays.
      const years = wd.uncoveredYears.join('、');
      const yearsEn = wd.uncoveredYears.join(', ');
      return result(
        minWorkingDaysRule,
        'warn',
        {
          zh: `按周末估算共 ${n} 个工作日；${years} 年国家法定节假日安排尚未录入，结果待确认。`,
          en: `About ${n} working days counting weekends only; the official holidays of ${yearsEn} have not been entered.`,
        },
        facts,
        {
          zh: `请市总工会在“节假日日历”页录入 ${years} 年国务院公布的法定节假日和调休上班日，然后重新核算。`,
          en: `The city must enter the State Council’s ${yearsEn} holiday schedule (holidays and make-up workdays) on the calendar page; then re-check.`,
        },
      );
    }
    return result(
      minWorkingDaysRule,
      'pass',
      {
        zh: `托管期 ${p.start} 至 ${p.end} 共 ${n} 个工作日，达到不低于 ${min} 个工作日的要求。`,
        en: `${p.start} to ${p.end} has ${n} working days; the minimum is ${min}.`,
      },
      facts,
    );
  },
};
