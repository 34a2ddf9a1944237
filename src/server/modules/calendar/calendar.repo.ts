/**
 * Read side of the national calendar: the years the city entered, kept as settings rows `calendar.<year>`
 * (jsonb, no table of their own). Every place that counts working days reads the layered calendar from here.
 */
import { eq, like } from 'drizzle-orm';
import type { Campaign } from '../../../domain/campaign/schema.js';
import { type CalendarOverrides, layerCalendars, type OfficialYear } from '../../../domain/calendar/index.js';
import type { Db } from '../../db/client.js';
import { campaigns, settings } from '../../db/schema.js';

export const CALENDAR_KEY_PREFIX = 'calendar.';
export const calendarKey = (year: number) => `${CALENDAR_KEY_PREFIX}${year}`;

export interface EnteredYear extends OfficialYear {
  year: number;
  updatedAt: Date;
}

/** Every year the city entered, oldest first. */
export async function enteredYears(db: Db): Promise<EnteredYear[]> {
  const rows = await db
    .select()
    .from(settings)
    .where(like(settings.key, `${CALENDAR_KEY_PREFIX}%`));
  return rows
    .map((r) => {
      const v = r.value as Partial<OfficialYear> | null;
      return {
        year: Number(r.key.slice(CALENDAR_KEY_PREFIX.length)),
        holidays: Array.isArray(v?.holidays) ? v.holidays : [],
        workdays: Array.isArray(v?.workdays) ? v.workdays : [],
        updatedAt: r.updatedAt,
      };
    })
    .filter((y) => Number.isInteger(y.year))
    .sort((a, b) => a.year - b.year);
}

/** The national calendar as entered (all years), to layer between the bundled data and a campaign's own dates. */
export async function nationalCalendar(db: Db): Promise<CalendarOverrides> {
  return layerCalendars(...(await enteredYears(db)));
}

/**
 * A campaign's calendar as every working-day count must use it: bundled data, then the national calendar the city
 * entered, then the campaign's own `calendar` overrides on top.
 */
export async function effectiveCalendar(
  db: Db,
  campaign?: Pick<Campaign, 'calendar'> | null,
): Promise<CalendarOverrides> {
  return layerCalendars(await nationalCalendar(db), campaign?.calendar);
}

// The door, the grid and the parents' app count a class's days on every request: the layered calendar of a campaign
// is kept a few seconds per database handle (a change on this instance is seen at once: forgetCalendars; on another
// instance within CACHE_MS, as with the platform settings).
const CACHE_MS = 5_000;
const cache = new WeakMap<object, Map<number, { at: number; value: CalendarOverrides }>>();

/** Forgets the cached calendars of this database handle (after the city saves a year). */
export function forgetCalendars(db: Db): void {
  cache.delete(db);
}

/** The effective calendar of a campaign by id (bundled, national, the campaign's own), briefly cached. */
export async function campaignCalendar(db: Db, campaignId: number): Promise<CalendarOverrides> {
  const byCampaign = cache.get(db) ?? new Map<number, { at: number; value: CalendarOverrides }>();
  cache.set(db, byCampaign);
  const hit = byCampaign.get(campaignId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const [row] = await db.select({ params: campaigns.params }).from(campaigns).where(eq(campaigns.id, campaignId));
  const value = await effectiveCalendar(db, row?.params ?? null);
  byCampaign.set(campaignId, { at: Date.now(), value });
  return value;
}

/** The campaign's parameters with `calendar` replaced by the effective calendar (what the rules engine reads). */
export async function withEffectiveCalendar<C extends Pick<Campaign, 'calendar'>>(db: Db, campaign: C): Promise<C> {
  const calendar = await effectiveCalendar(db, campaign);
  return { ...campaign, calendar: { holidays: calendar.holidays ?? [], workdays: calendar.workdays ?? [] } };
}
