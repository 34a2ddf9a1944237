/**
 * A public read of the daily records' completeness for other modules (modules/stats: daily.completeness): per class,
 * how many records its class days owed from the start up to a day and how many were made — the same requirement
 * logic as the class's compliance overview (`recordsSummary`: the campaign's frequencies through `requiredKinds`,
 * each day judged by `dayStatus`, src/domain/daily), for many classes in two queries.
 */
import { and, inArray, lte } from 'drizzle-orm';
import { type IsoDate, addDays, isIsoDate, minDate } from '../../../domain/calendar/dates.js';
import { workingDaysInRange } from '../../../domain/calendar/workdays.js';
import { type Campaign, DEFAULT_DAILY } from '../../../domain/campaign/schema.js';
import { dailySettingsOf, dayStatus, recordedDaysByKind, requiredKinds } from '../../../domain/daily/index.js';
import type { Db } from '../../db/client.js';
import { campaigns, dailyRecords } from '../../db/schema.js';
import { effectiveCalendar } from '../calendar/calendar.repo.js';
import type { ClassRow } from '../classes/classes.repo.js';

export interface DailyCompleteness {
  /** Records owed by the class days up to the day (a weekly kind once per class day, done once made that week). */
  required: number;
  done: number;
}

type DailyClassFacts = Pick<ClassRow, 'id' | 'campaignId' | 'startDate' | 'endDate' | 'closedDates' | 'meals'>;

export async function dailyCompleteness(
  db: Db,
  classes: readonly DailyClassFacts[],
  asOf: IsoDate,
): Promise<Map<number, DailyCompleteness>> {
  const out = new Map<number, DailyCompleteness>();
  if (classes.length === 0) return out;
  const campaignIds = [...new Set(classes.map((c) => c.campaignId))];
  // Sequential: the caller may pass a transaction (one connection).
  const camps = await db
    .select({ id: campaigns.id, params: campaigns.params })
    .from(campaigns)
    .where(inArray(campaigns.id, campaignIds));
  const rows = await db
    .select({ classId: dailyRecords.classId, kind: dailyRecords.kind, day: dailyRecords.day })
    .from(dailyRecords)
    .where(
      and(
        inArray(
          dailyRecords.classId,
          classes.map((c) => c.id),
        ),
        lte(dailyRecords.day, asOf),
      ),
    );
  const byCampaign = new Map<number, { params: Campaign; calendar: Awaited<ReturnType<typeof effectiveCalendar>> }>();
  for (const c of camps) byCampaign.set(c.id, { params: c.params, calendar: await effectiveCalendar(db, c.params) });
  const recordsOf = new Map<number, { kind: string; day: string }[]>();
  for (const r of rows) {
    const list = recordsOf.get(r.classId);
    if (list) list.push(r);
    else recordsOf.set(r.classId, [r]);
  }
  for (const c of classes) {
    const camp = byCampaign.get(c.campaignId);
    const counts = { required: 0, done: 0 };
    out.set(c.id, counts);
    if (!camp || !c.startDate || !c.endDate || !isIsoDate(c.startDate) || !isIsoDate(c.endDate)) continue;
    const to = minDate(asOf, c.endDate);
    if (to < c.startDate) continue;
    const closed = Array.isArray(c.closedDates) ? c.closedDates.filter(isIsoDate) : [];
    const days = new Set(workingDaysInRange(c.startDate, c.endDate, closed, camp.calendar));
    const requirements = requiredKinds(dailySettingsOf(camp.params.daily, DEFAULT_DAILY), {
      servesMeals: c.meals !== 'none',
    });
    const recorded = recordedDaysByKind(recordsOf.get(c.id) ?? []);
    for (let d = c.startDate; d <= to; d = addDays(d, 1)) {
      if (!days.has(d)) continue;
      const s = dayStatus(d, true, requirements, recorded);
      counts.required += s.required.length;
      counts.done += s.done.length;
    }
  }
  return out;
}
