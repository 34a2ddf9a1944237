/**
 * The national calendar (节假日日历): the city administrator enters, or imports from a pasted list or a simple
 * spreadsheet, the State Council's holidays and 调休 make-up workdays for a year the bundled data does not know
 * (or to correct it). Entered dates override the bundled ones wherever a working day is counted; a campaign's own
 * `calendar` overrides them in turn. Saving a year re-checks the campaigns it touches (a `campaign` event, which
 * the compliance module answers by re-evaluating their classes).
 */
import { eq, or, sql } from 'drizzle-orm';
import {
  bundledCalendarCoversYear,
  calendarCoversYear,
  type IsoDate,
  type OfficialYear,
  parseOfficialList,
  uncoveredYears,
  yearOf,
} from '../../../domain/calendar/index.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, orgPolicy } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { campaigns, careClasses, settings } from '../../db/schema.js';
import { AppError, invalid } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { CalendarYear } from './calendar.schema.js';
import { calendarKey, type EnteredYear, effectiveCalendar, enteredYears, forgetCalendars } from './calendar.repo.js';

/** Who may enter the national calendar: the city administrator (who also holds the platform settings). */
export const calendarPolicy = { manage: (a: Actor) => orgPolicy.manageSettings(a) };

function present(year: number, entered: EnteredYear | undefined): CalendarYear {
  const bundled = bundledCalendarCoversYear(year);
  return {
    year,
    bundled,
    entered: entered
      ? { holidays: entered.holidays, workdays: entered.workdays, updatedAt: entered.updatedAt.toISOString() }
      : null,
    covered: calendarCoversYear(year, entered),
  };
}

/**
 * The years worth showing: every entered year, and from the bundled data's first covered year up to two years
 * after the latest year any campaign or class touches (so next summer's missing year is always listed).
 */
export async function listCalendarYears(db: Db, now: Date): Promise<CalendarYear[]> {
  const entered = await enteredYears(db);
  const [span] = await db.select({ last: sql<string | null>`max(${careClasses.endDate})` }).from(careClasses);
  const [camp] = await db.select({ last: sql<number | null>`max(${campaigns.year})` }).from(campaigns);
  const thisYear = now.getUTCFullYear();
  const last = Math.max(
    thisYear + 1,
    span?.last ? yearOf(span.last) : thisYear,
    Number(camp?.last ?? thisYear),
    ...entered.map((y) => y.year),
  );
  const first = Math.min(thisYear - 1, ...entered.map((y) => y.year));
  const years: CalendarYear[] = [];
  for (let y = last; y >= first; y--)
    years.push(
      present(
        y,
        entered.find((e) => e.year === y),
      ),
    );
  return years;
}

export async function calendarYear(db: Db, year: number): Promise<CalendarYear> {
  return present(
    year,
    (await enteredYears(db)).find((e) => e.year === year),
  );
}

/** Checks a year's lists: every date in that year, none listed twice, none both a holiday and a workday. */
function checkYear(year: number, y: OfficialYear): OfficialYear {
  const check = (list: IsoDate[], field: 'holidays' | 'workdays') =>
    list.forEach((d, i) => {
      if (yearOf(d) !== year) throw invalid(`${d} 不在 ${year} 年内`, `${d} is not in ${year}`, `body.${field}.${i}`);
    });
  check(y.holidays, 'holidays');
  check(y.workdays, 'workdays');
  const holidays = new Set(y.holidays);
  y.workdays.forEach((d, i) => {
    if (holidays.has(d))
      throw invalid(
        `${d} 不能同时是节假日和调休上班日`,
        `${d} cannot be both a holiday and a make-up workday`,
        `body.workdays.${i}`,
      );
  });
  return { holidays: [...holidays].sort(), workdays: [...new Set(y.workdays)].sort() };
}

/** Saves (or, with both lists empty, removes) the city's entry for a year, and re-checks the campaigns it touches. */
export async function saveCalendarYear(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  year: number,
  input: OfficialYear,
): Promise<CalendarYear> {
  authorize(calendarPolicy.manage(actor), true);
  const next = checkYear(year, input);
  return db
    .transaction(async (tx) => {
      const key = calendarKey(year);
      const [existing] = await tx.select().from(settings).where(eq(settings.key, key));
      const before = (existing?.value as OfficialYear | undefined) ?? null;
      const empty = next.holidays.length === 0 && next.workdays.length === 0;
      if (empty) await tx.delete(settings).where(eq(settings.key, key));
      else if (existing)
        await tx
          .update(settings)
          .set({ value: { ...next }, updatedAt: ctx.now })
          .where(eq(settings.key, key));
      else await tx.insert(settings).values({ key, value: { ...next }, updatedAt: ctx.now });
      await recordEvent(tx, ctx, {
        action: empty ? 'calendar.clear' : 'calendar.save',
        entity: 'calendar',
        entityId: year,
        before: before ? { ...before } : null,
        after: empty ? null : { ...next },
      });
      const rechecked = await recheckCampaigns(tx, ctx, year);
      return { ...(await calendarYear(tx, year)), recheckedCampaigns: rechecked };
    })
    .finally(() => forgetCalendars(db));
}

/** Reads a pasted list into a year's schedule; a line that cannot be read is refused with its number. */
export function readImportedList(year: number, text: string): OfficialYear {
  const { year: parsed, problems } = parseOfficialList(text, year);
  const first = problems[0];
  if (first) {
    const where = first.line > 0 ? `第 ${first.line} 行（${first.text}）：` : '';
    const whereEn = first.line > 0 ? `Line ${first.line} (${first.text}): ` : '';
    throw new AppError(
      'VALIDATION_FAILED',
      { details: { zh: `${where}${first.zh}`, en: `${whereEn}${first.en}` } },
      {
        details: problems.map((p) => ({
          path: p.line > 0 ? `body.text.line${p.line}` : 'body.text',
          message: {
            zh: p.line > 0 ? `第 ${p.line} 行（${p.text}）：${p.zh}` : p.zh,
            en: p.line > 0 ? `Line ${p.line} (${p.text}): ${p.en}` : p.en,
          },
        })),
      },
    );
  }
  if (parsed.holidays.length === 0 && parsed.workdays.length === 0)
    throw invalid('没有读到任何日期', 'No dates were found', 'body.text');
  return parsed;
}

/**
 * Every campaign whose year or classes touch `year` gets a `campaign.calendar` event: the compliance module
 * re-evaluates its classes in this transaction, so `scale.minWorkingDays` turns from "warn" to a real count.
 */
async function recheckCampaigns(tx: Db, ctx: RequestContext, year: number): Promise<number> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const touched = await tx
    .selectDistinct({ id: campaigns.id })
    .from(campaigns)
    .leftJoin(careClasses, eq(careClasses.campaignId, campaigns.id))
    .where(or(eq(campaigns.year, year), sql`${careClasses.startDate} <= ${to} AND ${careClasses.endDate} >= ${from}`));
  for (const c of touched)
    await recordEvent(tx, ctx, {
      action: 'campaign.calendar',
      entity: 'campaign',
      entityId: c.id,
      after: { calendarYear: year },
    });
  return touched.length;
}

/**
 * The years of start..end whose working days are known neither from the bundled data, nor from the city, nor
 * from the campaign's own `calendar` (only its dates are read: no record leaves).
 */
export async function uncoveredYearsOf(db: Db, start: IsoDate, end: IsoDate, campaignId?: number) {
  if (end < start) return [];
  const [camp] = campaignId
    ? await db.select({ params: campaigns.params }).from(campaigns).where(eq(campaigns.id, campaignId))
    : [];
  return uncoveredYears(start, end, await effectiveCalendar(db, camp?.params));
}
