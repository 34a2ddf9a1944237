// Working days (工作日) on the official Chinese calendar, as published by the State Council each year:
// public holidays are days off even on weekdays, and 调休 make-up workdays are working days even on a
// Saturday or Sunday. Owns: counting a class's working days minus its own closure dates.
// The calendar data comes from `chinese-days`, which is pure (bundled JSON), so this module has no I/O.
// Entered dates (a campaign's `calendar`: the State Council schedule for a year the library does not know
// yet, or a correction) override the bundled data: a listed holiday is a day off, a listed workday works.

import chineseDays from 'chinese-days';
import { addDays, type IsoDate, isIsoDate, yearOf } from './dates.js';

// `chinese-days` ships UMD for Node and ESM for bundlers; the default export carries every function
// in both, while named imports are not visible to Node's CJS interop. Hence the default import.
const cd = chineseDays;

/** Entered official dates that override the bundled calendar (campaign parameter `calendar`). */
export interface CalendarOverrides {
  /** Days off (法定节假日), even on a weekday. */
  holidays?: readonly IsoDate[];
  /** Working days (调休上班), even on a Saturday or Sunday. */
  workdays?: readonly IsoDate[];
}

const hasOverrides = (o: CalendarOverrides | undefined): o is CalendarOverrides =>
  !!o && ((o.holidays?.length ?? 0) > 0 || (o.workdays?.length ?? 0) > 0);

/**
 * True when `date` is an official working day (weekday not a holiday, or a make-up workday). Entered
 * holidays win over entered workdays if a date is listed in both (the stricter reading: fewer working days).
 */
export function isOfficialWorkday(date: IsoDate, overrides?: CalendarOverrides): boolean {
  if (overrides?.holidays?.includes(date)) return false;
  if (overrides?.workdays?.includes(date)) return true;
  return cd.isWorkday(date);
}

/**
 * Whether the bundled calendar knows the official holidays of `year`. New Year's Day (1 January)
 * is a public holiday every year, so the library knows a year exactly when it marks that day.
 * For an unknown year the count falls back to "Monday–Friday", which over-counts.
 */
export function bundledCalendarCoversYear(year: number): boolean {
  return cd.isHoliday(`${year}-01-01`);
}

/**
 * Whether the official holidays of `year` are known: bundled, or entered (at least one holiday or
 * workday of that year listed in `overrides` — whoever enters a year enters its whole schedule).
 */
export function calendarCoversYear(year: number, overrides?: CalendarOverrides): boolean {
  if (bundledCalendarCoversYear(year)) return true;
  const prefix = `${year}-`;
  return [...(overrides?.holidays ?? []), ...(overrides?.workdays ?? [])].some((d) => d.startsWith(prefix));
}

/** The years touched by start..end whose official calendar is neither bundled nor entered. */
export function uncoveredYears(start: IsoDate, end: IsoDate, overrides?: CalendarOverrides): number[] {
  const out: number[] = [];
  for (let y = yearOf(start); y <= yearOf(end); y++) if (!calendarCoversYear(y, overrides)) out.push(y);
  return out;
}

/** Whether every year touched by the range start..end is covered by the official calendar data. */
export function calendarCoversRange(start: IsoDate, end: IsoDate, overrides?: CalendarOverrides): boolean {
  return uncoveredYears(start, end, overrides).length === 0;
}

/**
 * The official working days from `start` to `end` inclusive, in order, minus `closedDates`
 * (the class's own closure days; a closure on a day that is not a working day changes nothing).
 * Empty when end < start. Throws on malformed dates, so callers validate first.
 */
export function workingDaysInRange(
  start: IsoDate,
  end: IsoDate,
  closedDates: readonly IsoDate[] = [],
  overrides?: CalendarOverrides,
): IsoDate[] {
  if (!isIsoDate(start) || !isIsoDate(end)) {
    throw new RangeError(`not a calendar date: ${isIsoDate(start) ? end : start}`);
  }
  if (end < start) return [];
  // The third argument must be true: with false the library drops every Saturday and Sunday,
  // including 调休 make-up workdays such as 2021-02-07 (Sun) and 2021-02-20 (Sat).
  let days: IsoDate[] = cd.getWorkdaysInRange(start, end, true);
  if (hasOverrides(overrides)) {
    // Walk every day of the range: an entered workday may be a weekend day the library left out.
    days = [];
    for (let d = start; d <= end; d = addDays(d, 1)) if (isOfficialWorkday(d, overrides)) days.push(d);
  }
  if (closedDates.length === 0) return days;
  const closed = new Set(closedDates);
  return days.filter((d) => !closed.has(d));
}

/** Number of official working days from `start` to `end` inclusive, minus the class's closure dates. */
export function countWorkingDays(
  start: IsoDate,
  end: IsoDate,
  closedDates: readonly IsoDate[] = [],
  overrides?: CalendarOverrides,
): number {
  return workingDaysInRange(start, end, closedDates, overrides).length;
}
