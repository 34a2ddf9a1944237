// A calendar date field bounded to a sane range, for request schemas (issue 12: bad input is refused, never
// quietly changed). A date before 2000-01-01 or after 2100-12-31 is a typing slip, not a plan.
import { z } from 'zod';
import { type IsoDate, isIsoDate } from './dates.js';

export const MIN_ISO_DATE: IsoDate = '2000-01-01';
export const MAX_ISO_DATE: IsoDate = '2100-12-31';

/** True for a real "YYYY-MM-DD" date within MIN_ISO_DATE..MAX_ISO_DATE. */
export function isSaneIsoDate(value: unknown): value is IsoDate {
  return isIsoDate(value) && value >= MIN_ISO_DATE && value <= MAX_ISO_DATE;
}

/**
 * A zod "YYYY-MM-DD" date between 2000-01-01 and 2100-12-31. Its messages are keys (`i18n:isoDate`,
 * `i18n:dateRange`) that the server's validation formatter turns into zh-CN and English.
 */
export const boundedIsoDate = z.string().superRefine((value, ctx) => {
  if (!isIsoDate(value)) ctx.addIssue({ code: 'custom', message: 'i18n:isoDate' });
  else if (value < MIN_ISO_DATE || value > MAX_ISO_DATE) ctx.addIssue({ code: 'custom', message: 'i18n:dateRange' });
});
