/** Request and response shapes of the national calendar (/api/calendar), shared with the console. */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';

export const calendarYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** One year of the State Council's schedule: days off (法定节假日) and make-up workdays (调休上班). */
export const calendarYearBody = z.object({
  holidays: z.array(boundedIsoDate).max(60),
  workdays: z.array(boundedIsoDate).max(30),
});
export type CalendarYearBody = z.infer<typeof calendarYearBody>;

/** A pasted list ("2027-10-01~2027-10-07 休", "2027-09-26 班"), read by the server into a year's schedule. */
export const calendarImportBody = z.object({ text: z.string().max(20_000) });

export const calendarYearResponse = z.object({
  year: z.number(),
  /** The bundled data (chinese-days) knows this year. */
  bundled: z.boolean(),
  /** What the city entered for this year, or null. */
  entered: z
    .object({
      holidays: z.array(z.string()),
      workdays: z.array(z.string()),
      updatedAt: z.string(),
    })
    .nullable(),
  /** Whether the working days of this year are known (bundled or entered). */
  covered: z.boolean(),
  /** Campaigns whose verdicts were re-checked after a change. */
  recheckedCampaigns: z.number().optional(),
});
export type CalendarYear = z.infer<typeof calendarYearResponse>;

export const calendarListResponse = z.object({
  years: z.array(calendarYearResponse),
  /** May the caller enter or change years (the city administrator). */
  abilities: z.object({ manage: z.boolean() }),
});
export type CalendarList = z.infer<typeof calendarListResponse>;

/** The years of a date range whose working days are not known, for banners on campaign and class pages. */
export const calendarCoverageQuery = z.object({
  start: boundedIsoDate,
  end: boundedIsoDate,
  /** The campaign whose own `calendar` entries also count. */
  campaignId: z.coerce.number().int().positive().optional(),
});
export const calendarCoverageResponse = z.object({ uncoveredYears: z.array(z.number()) });
