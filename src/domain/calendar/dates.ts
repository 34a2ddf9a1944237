// Calendar dates as ISO strings ("YYYY-MM-DD"), the only date shape the domain uses.
// Owns: validating, comparing and stepping such dates. Dates are civil dates in China (no time zone
// arithmetic is needed because nothing here has a time of day); UTC is used internally only so that
// stepping a day never meets a daylight-saving jump.

/** A civil date written "YYYY-MM-DD". Plain string: comparisons with < and > are chronological. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in "YYYY-MM-DD" form (rejects 2021-02-30, 2021-2-3, 2021-13-01). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Days in month `month` (1–12) of `year`, Gregorian. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

/** The date `days` days after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Whole days from `a` to `b` (b − a); negative when b is earlier. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Year part of an ISO date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Last day of the month "YYYY-MM". */
export function monthEnd(yearMonth: string): IsoDate {
  const y = Number(yearMonth.slice(0, 4));
  const m = Number(yearMonth.slice(5, 7));
  return `${yearMonth}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/**
 * The same month and day `years` later; 29 February becomes 28 February in a common year
 * (used to roll a campaign over to another year).
 */
export function shiftYears(date: IsoDate, years: number): IsoDate {
  const y = yearOf(date) + years;
  const m = Number(date.slice(5, 7));
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(y, m));
  return `${String(y).padStart(4, '0')}-${date.slice(5, 7)}-${String(d).padStart(2, '0')}`;
}

/** Today's civil date in China (UTC+8, no DST) — for callers at the edge (CLI, server), never the rules. */
export function todayInChina(now: Date): IsoDate {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The wall-clock time "HH:MM" in China (UTC+8, no daylight saving) at `now`. */
export function timeInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}
