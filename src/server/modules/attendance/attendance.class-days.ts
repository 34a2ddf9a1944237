/** A class's days as attendance counts them (the door, the grid, corrections, alerts, the parents' app, the rate). */
import { classWorkingDays } from '../../../domain/rules/class-dates.js';
import type { Db } from '../../db/client.js';
import { campaignCalendar } from '../calendar/calendar.repo.js';

interface ClassDates {
  startDate: string | null;
  endDate: string | null;
  closedDates: readonly string[] | null;
  campaignId: number;
}

/**
 * The class's days (working days, closures deducted) by the calendar its campaign counts with: bundled data, the
 * national schedule the city entered, the campaign's own dates (issue 12). Every attendance reader asks here.
 */
export async function classDaysOf(db: Db, c: ClassDates): Promise<string[]> {
  if (!c.startDate || !c.endDate) return [];
  const calendar = await campaignCalendar(db, c.campaignId);
  return classWorkingDays({ start: c.startDate, end: c.endDate, closedDates: c.closedDates ?? [] }, calendar).days;
}
