// The class's own period as the rules need it: start, end and closure dates checked once, and its
// official working days. Owns the reasons a period is "not judgeable yet" (missing, malformed, reversed).

import { daysBetween, type IsoDate, isIsoDate } from '../calendar/dates.js';
import { type CalendarOverrides, uncoveredYears, workingDaysInRange } from '../calendar/workdays.js';
import type { ClassSnapshot, Localized } from './types.js';

/** A holiday class longer than this is a data error, and counting it would only waste time. */
const MAX_CLASS_SPAN_DAYS = 400;

export type PeriodCheck =
  | { ok: true; start: IsoDate; end: IsoDate; closedDates: IsoDate[] }
  | { ok: false; reason: Localized; fix: Localized };

/** Start and end present, real dates, in order; closure dates (if any) real dates. */
export function checkPeriod(s: ClassSnapshot, needClosures = true): PeriodCheck {
  if (s.startDate === undefined || s.endDate === undefined) {
    return {
      ok: false,
      reason: { zh: '尚未登记托管班的起止日期。', en: 'The class’s start and end dates are not recorded.' },
      fix: { zh: '登记托管班开始和结束日期。', en: 'Record the start and end dates.' },
    };
  }
  if (!isIsoDate(s.startDate) || !isIsoDate(s.endDate)) {
    return {
      ok: false,
      reason: { zh: '托管班起止日期格式有误。', en: 'The class’s dates are not valid calendar dates.' },
      fix: { zh: '按 YYYY-MM-DD 填写日期。', en: 'Write dates as YYYY-MM-DD.' },
    };
  }
  if (s.endDate < s.startDate) {
    return {
      ok: false,
      reason: { zh: '结束日期早于开始日期。', en: 'The end date is before the start date.' },
      fix: { zh: '更正起止日期。', en: 'Correct the dates.' },
    };
  }
  if (daysBetween(s.startDate, s.endDate) > MAX_CLASS_SPAN_DAYS) {
    return {
      ok: false,
      reason: { zh: '托管期超过一年，日期可能有误。', en: 'The class spans more than a year; the dates look wrong.' },
      fix: { zh: '核对起止日期。', en: 'Check the dates.' },
    };
  }
  const closed = s.closedDates ?? [];
  if (needClosures && (!Array.isArray(closed) || !closed.every(isIsoDate))) {
    return {
      ok: false,
      reason: { zh: '停托日期中有无效日期。', en: 'Some closure dates are not valid dates.' },
      fix: { zh: '按 YYYY-MM-DD 填写停托日期。', en: 'Write closure dates as YYYY-MM-DD.' },
    };
  }
  return { ok: true, start: s.startDate, end: s.endDate, closedDates: Array.isArray(closed) ? closed : [] };
}

export interface ClassWorkingDays {
  /** Official working days of the class, minus its closures, in order. */
  days: IsoDate[];
  /** False when a year of the class has neither bundled nor entered official calendar (weekends only then). */
  calendarCovered: boolean;
  /** The years of the class whose official calendar is neither bundled nor entered. */
  uncoveredYears: number[];
}

/**
 * The class's working days on the official calendar, with the campaign's entered dates (`calendar`:
 * holidays and make-up workdays) overriding the bundled ones. A stored campaign from before `calendar`
 * existed may lack it; that reads as "nothing entered".
 */
export function classWorkingDays(
  p: {
    start: IsoDate;
    end: IsoDate;
    closedDates: readonly IsoDate[];
  },
  calendar?: CalendarOverrides,
): ClassWorkingDays {
  const uncovered = uncoveredYears(p.start, p.end, calendar);
  return {
    days: workingDaysInRange(p.start, p.end, p.closedDates, calendar),
    calendarCovered: uncovered.length === 0,
    uncoveredYears: uncovered,
  };
}
