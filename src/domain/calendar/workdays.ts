// Working days (工作日) on the official Chinese calendar, as published by the State Council each year:
// public holidays are days off even on weekdays, and 调休 make-up workdays are working days even on a
// Saturday or Sunday. Owns: counting a class's working days minus its own closure dates.
// The calendar data comes from `chinese-days`, which is pure (bundled JSON), so this module has no I/O.

import chineseDays from 'chinese-days';
import { type IsoDate, isIsoDate, yearOf } from './dates.js';

// `chinese-days` ships UMD for Node and ESM for bundlers; the default export carries every function
// in both, while named imports are not visible to Node's CJS interop. Hence the default import.
const cd = chineseDays;

/** True when `date` is an official working day (weekday not a holiday, or a make-up workday). */
export function isOfficialWorkday(date: IsoDate): boolean {
  return cd.isWorkday(date);
}

/**
 * Whether the bundled calendar knows the official holidays of `year`. New Year's Day (1 January)
 * is a public holiday every year, so the library knows a year exactly when it marks that day.
 * For an unknown year the count falls back to "Monday–Friday", which over-counts.
 */
export function calendarCoversYear(year: number): boolean {
  return cd.isHoliday(`${year}-01-01`);
}

/** Whether every year touched by the range start..end is covered by the official calendar data. */
export function calendarCoversRange(start: IsoDate, end: IsoDate): boolean {
  for (let y = yearOf(start); y <= yearOf(end); y++) {
    if (!calendarCoversYear(y)) return false;
  }
  return true;
}

/**
 * The official working days from `start` to `end` inclusive, in order, minus `closedDates`
 * (the class's own closure days; a closure on a day that is not a working day changes nothing).
 * Empty when end < start. Throws on malformed dates, so callers validate first.
 */
export function workingDaysInRange(start: IsoDate, end: IsoDate, closedDates: readonly IsoDate[] = []): IsoDate[] {
  if (!isIsoDate(start) || !isIsoDate(end)) {
    throw new RangeError(`not a calendar date: ${isIsoDate(start) ? end : start}`);
  }
  if (end < start) return [];
  // The third argument must be true: with false the library drops every Saturday and Sunday,
  // including 调休 make-up workdays such as 2021-02-07 (Sun) and 2021-02-20 (Sat).
  const days = cd.getWorkdaysInRange(start, end, true);
  if (closedDates.length === 0) return days;
  const closed = new Set(closedDates);
  return days.filter((d) => !closed.has(d));
}

/** Number of official working days from `start` to `end` inclusive, minus the class's closure dates. */
export function countWorkingDays(start: IsoDate, end: IsoDate, closedDates: readonly IsoDate[] = []): number {
  return workingDaysInRange(start, end, closedDates).length;
}
