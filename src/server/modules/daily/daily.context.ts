/**
 * What the daily-records and timetable services need to know about a class: the row and its units (for the
 * policy), the campaign's `daily` parameters, the class days and the owner unit's path (for audit rows).
 */
import { eq } from 'drizzle-orm';
import { addDays, type IsoDate, isIsoDate, todayInChina } from '../../../domain/calendar/dates.js';
import { workingDaysInRange } from '../../../domain/calendar/workdays.js';
import { type Campaign, DEFAULT_DAILY } from '../../../domain/campaign/schema.js';
import { type DailySettings, dailySettingsOf } from '../../../domain/daily/index.js';
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/client.js';
import { campaigns, careClasses, counterparties } from '../../db/schema.js';
import { invalid } from '../../errors.js';
import { effectiveCalendar } from '../calendar/calendar.repo.js';
import type { ClassRef } from '../classes/classes.policy.js';
import { type ClassRow, unitsOf } from '../classes/classes.repo.js';
import { loadClass } from '../classes/classes.service.js';

export interface DailyClass {
  row: ClassRow;
  ref: ClassRef;
  settings: DailySettings;
  correctionWindowDays: number;
  ownerPath: string;
  isClassDay(day: IsoDate): boolean;
}

export async function loadDailyClass(db: Db, actor: Actor, id: number): Promise<DailyClass> {
  const { row, ref } = await loadClass(db, actor, id);
  return dailyClassOf(db, row, ref);
}

/**
 * A class by id without scoping: only for a caller already authorised another way (a guardian whose child holds a
 * place, `guardianMaySee`).
 */
export async function unsafeDailyClassById(db: Db, id: number): Promise<DailyClass | undefined> {
  const [row] = await db.select().from(careClasses).where(eq(careClasses.id, id));
  if (!row) return undefined;
  const ref: ClassRef = {
    status: row.status as ClassRef['status'],
    units: (await unitsOf(db, [row.id])).get(row.id) ?? [],
  };
  return dailyClassOf(db, row, ref);
}

export async function dailyClassOf(db: Db, row: ClassRow, ref: ClassRef): Promise<DailyClass> {
  const [camp] = await db.select({ params: campaigns.params }).from(campaigns).where(eq(campaigns.id, row.campaignId));
  // Campaigns stored before issue 6 have no `daily`: the defaults apply.
  const daily: Campaign['daily'] | undefined = camp?.params.daily;
  const closed = Array.isArray(row.closedDates) ? row.closedDates.filter(isIsoDate) : [];
  const days =
    row.startDate && row.endDate && isIsoDate(row.startDate) && isIsoDate(row.endDate)
      ? new Set(workingDaysInRange(row.startDate, row.endDate, closed, await effectiveCalendar(db, camp?.params)))
      : new Set<string>();
  return {
    row,
    ref,
    settings: dailySettingsOf(daily, DEFAULT_DAILY),
    correctionWindowDays: daily?.correctionWindowDays ?? DEFAULT_DAILY.correctionWindowDays,
    ownerPath: ref.units.find((u) => u.isOwner)?.path ?? ref.units[0]?.path ?? '/',
    isClassDay: (day) => days.has(day),
  };
}

export async function catererName(db: Db, row: ClassRow): Promise<string | null> {
  if (!row.catererId) return null;
  const [c] = await db
    .select({ name: counterparties.name })
    .from(counterparties)
    .where(eq(counterparties.id, row.catererId));
  return c?.name ?? null;
}

/** The day asked for, or today in China. */
export const dayOrToday = (day: string | undefined, now: Date): IsoDate => day ?? todayInChina(now);

/**
 * Entries may be made for today and, late, for the days of the correction window before it — never for a future
 * day, and only inside the class's dates.
 */
export function checkEntryDay(c: DailyClass, day: IsoDate, now: Date, field = 'body.day'): void {
  const today = todayInChina(now);
  if (day > today) throw invalid(`${field}: 不能登记未来的日期`, `${field}: cannot be a future day`);
  const earliest = addDays(today, -c.correctionWindowDays);
  if (day < earliest)
    throw invalid(
      `${field}: 只能登记 ${c.correctionWindowDays} 天内的记录（最早 ${earliest}）`,
      `${field}: only the last ${c.correctionWindowDays} days may be recorded (from ${earliest})`,
    );
  const { startDate, endDate } = c.row;
  if ((startDate && day < startDate) || (endDate && day > endDate))
    throw invalid(`${field}: 不在托管班的起止日期内`, `${field}: is outside the class's dates`);
}
