/**
 * The class's attendance record, read: the child × day grid with its summary (today's counts, the engine's rate so
 * far and forecast, the staffing ratio per day), the raw events (duplicates, refusals and corrections included),
 * and the rates overview. Corrections are written in attendance.corrections.ts.
 */
import { withEffectiveCalendar } from '../calendar/calendar.repo.js';
import { classDaysOf } from './attendance.class-days.js';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { countsAsPresent, type DayStatus, projectDay } from '../../../domain/attendance/projection.js';
import { addDays, daysBetween, maxDate, minDate, timeInChina, todayInChina } from '../../../domain/calendar/dates.js';
import type { Campaign } from '../../../domain/campaign/index.js';
import { attendanceRateRule } from '../../../domain/rules/attendance-rule.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import {
  attendanceDays,
  attendanceEvents,
  careClasses,
  classUnits,
  organizations,
  pickupAdults,
  ruleVerdicts,
} from '../../db/schema.js';
import { invalid } from '../../errors.js';
import { CLASS_READERS, type ClassRow, unitsOf } from '../classes/classes.repo.js';
import { attendancePolicy } from './attendance.policy.js';
import {
  campaignOf,
  dailyOf,
  dayRowsOf,
  enrolledChildren,
  isClassHead,
  loadClassForRead,
  staffCounts,
} from './attendance.repo.js';
import type { StaffDay } from './attendance.schema.js';
import { countsOf } from './attendance.days.js';
import { attendanceSnapshot, type CountedChild, countedChildren } from './attendance.figures.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The class days in [from, to] of `all` (classDaysOf); by default from the start up to today (or the end). */
export function gridDays(all: string[], c: ClassRow, today: string, from?: string, to?: string): string[] {
  const lo = from ?? c.startDate ?? today;
  const hi = to ?? minDate(c.endDate ?? today, maxDate(today, lo));
  return all.filter((d) => d >= lo && d <= hi);
}

/** Has the class closed for the day (China time past its daily end)? */
export function dayClosed(c: ClassRow, now: Date): boolean {
  return !!c.dailyEnd && timeInChina(now) >= c.dailyEnd;
}

/**
 * The last day the attendance rate counts at `now`: whole days only — today joins once the class has closed for the
 * day. The tab, the grid and the export use it; an evaluation of the engine during the day should too.
 */
export function rateAsOfAt(c: ClassRow, now: Date): string {
  const today = todayInChina(now);
  return dayClosed(c, now) ? today : addDays(today, -1);
}

/**
 * The engine's attendance rate now, and its forecast for the end of the class: the rule itself over the same
 * children the compliance snapshot has (`attendanceSnapshot`; `counted` when the caller already read them).
 */
export async function engineRate(db: Db, c: ClassRow, camp: Campaign | null, asOf: string, counted?: CountedChild[]) {
  if (!camp) return { rate: null, forecast: null, scheduled: 0, present: 0 };
  // The attendance rule reads only the class's dates and its children: the same inputs the compliance snapshot has.
  const snap = {
    startDate: c.startDate ?? undefined,
    endDate: c.endDate ?? undefined,
    closedDates: c.closedDates,
    children: await attendanceSnapshot(db, c, asOf, counted),
  };
  // With the calendar the compliance engine uses (bundled, national, the campaign's own): the same rate as the panel.
  const r = attendanceRateRule.evaluate(snap, await withEffectiveCalendar(db, camp), asOf);
  const f = r.facts as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const rate = num(f.rate);
  return {
    rate,
    forecast: num(f.projectedRate) ?? (f.phase === 'finished' ? rate : null),
    scheduled: num(f.scheduledChildDays) ?? 0,
    present: num(f.presentChildDays) ?? 0,
  };
}

export async function classGrid(db: Db, actor: Actor, classId: number, q: { from?: string; to?: string }, now: Date) {
  const { row: c, units } = await loadClassForRead(db, actor, classId);
  const today = todayInChina(now);
  if (q.from && q.to && daysBetween(q.from, q.to) > 400) throw invalid('日期范围过长', 'The date range is too long');
  const allDays = await classDaysOf(db, c);
  const days = gridDays(allDays, c, today, q.from, q.to);
  const kids = await enrolledChildren(db, [classId]);
  const ids = kids.map((k) => k.childId);
  const camp = await campaignOf(db, c.campaignId);
  // The rate so far counts whole days: today joins once the class has closed for the day.
  const rateAsOf = rateAsOfAt(c, now);
  // The grid's children are the rate's: every child holding an accepted place or withdrawn since (one read).
  const counted = await countedChildren(db, c, rateAsOf);
  const countedIds = counted.map((k) => k.childId);
  const creditSick = camp?.scale?.sickLeave === 'present';
  const [rows, todayRows, corrected, staff, rate] = await Promise.all([
    dayRowsOf(db, classId, days),
    dayRowsOf(db, classId, [today]),
    days.length
      ? db
          .selectDistinct({ childId: attendanceEvents.childId, day: attendanceEvents.day })
          .from(attendanceEvents)
          .where(
            and(
              eq(attendanceEvents.classId, classId),
              eq(attendanceEvents.kind, 'correction'),
              inArray(attendanceEvents.day, days),
            ),
          )
      : Promise.resolve([]),
    staffCounts(db, [classId]),
    engineRate(db, c, camp, rateAsOf, counted),
  ]);
  const max = camp?.staffing?.maxChildrenPerAdult ?? 0;
  const staffN = staff.get(classId) ?? 0;
  // What the caller may correct: nothing, the campaign's window (from a day), or any day (district and city).
  const windowDays = dailyOf(camp).correctionWindowDays;
  const head = await isClassHead(db, classId, actor.userId);
  const mayToday = attendancePolicy.correct(actor, units, head, today, today, windowDays) === 'yes';
  const mayAnyDay = attendancePolicy.correct(actor, units, head, '2000-01-01', today, windowDays) === 'yes';
  const ratioOf = (day: string, present: number): StaffDay => ({
    day,
    present,
    staff: staffN,
    ratio: staffN > 0 ? present / staffN : null,
    short: max > 0 && present > staffN * max,
  });
  const isCorrected = new Set(corrected.map((r) => `${r.childId}:${r.day}`));
  const cellOf = new Map(rows.map((r) => [`${r.childId}:${r.day}`, r]));
  const presentOn = (day: string, list = rows) =>
    list.filter((r) => r.day === day && countedIds.includes(r.childId) && countsAsPresent(r.status as DayStatus))
      .length;
  return {
    today,
    abilities: { correct: mayToday, correctFrom: mayToday && !mayAnyDay ? addDays(today, -windowDays) : null },
    days,
    children: counted.map((k) => ({
      childId: k.childId,
      name: k.name,
      presentDays: k.presentDays + (creditSick ? k.sickLeaveDays : 0),
      enrolledOn: k.enrolledOn ?? null,
      withdrawnOn: k.withdrawnOn ?? null,
      cells: Object.fromEntries(
        days.map((d) => {
          const r = cellOf.get(`${k.childId}:${d}`);
          return [
            d,
            {
              status: (r?.status ?? 'expected') as 'expected',
              checkInAt: iso(r?.checkInAt),
              checkOutAt: iso(r?.checkOutAt),
              corrected: isCorrected.has(`${k.childId}:${d}`),
            },
          ];
        }),
      ),
    })),
    summary: {
      today: countsOf(ids, todayRows),
      rate: rate.rate,
      forecast: rate.forecast,
      scheduledChildDays: rate.scheduled,
      presentChildDays: rate.present,
      rateAsOf,
      staffByDay: days.filter((d) => d <= today).map((d) => ratioOf(d, presentOn(d))),
      staffToday: allDays.includes(today) ? ratioOf(today, presentOn(today, todayRows)) : null,
      maxChildrenPerAdult: max,
    },
    // for the export
    _class: c,
  };
}

export async function classEvents(db: Db, actor: Actor, classId: number, q: { childId?: number; day?: string }) {
  await loadClassForRead(db, actor, classId);
  const conds: SQL[] = [eq(attendanceEvents.classId, classId)];
  if (q.childId) conds.push(eq(attendanceEvents.childId, q.childId));
  if (q.day) conds.push(eq(attendanceEvents.day, q.day));
  const evs = await db
    .select()
    .from(attendanceEvents)
    .where(and(...conds))
    .orderBy(asc(attendanceEvents.day), asc(attendanceEvents.childId), asc(attendanceEvents.occurredAt))
    .limit(5000);
  const groups = new Map<string, typeof evs>();
  for (const e of evs) groups.set(`${e.childId}:${e.day}`, [...(groups.get(`${e.childId}:${e.day}`) ?? []), e]);
  const dups = new Set<string>();
  for (const g of groups.values()) for (const id of projectDay(g).duplicates) dups.add(id);
  const adultIds = [...new Set(evs.map((e) => e.pickupAdultId).filter((x): x is number => x !== null))];
  const adults = adultIds.length
    ? await db
        .select({ id: pickupAdults.id, name: pickupAdults.name })
        .from(pickupAdults)
        .where(inArray(pickupAdults.id, adultIds))
    : [];
  const name = new Map(adults.map((a) => [a.id, a.name]));
  return {
    items: evs.map((e) => ({
      id: e.id,
      clientId: e.clientId,
      childId: e.childId,
      day: e.day,
      kind: e.kind,
      occurredAt: e.occurredAt.toISOString(),
      receivedAt: e.receivedAt.toISOString(),
      actorName: e.actorName,
      deviceId: e.deviceId,
      pickupAdultId: e.pickupAdultId,
      pickupAdultName: e.pickupAdultId ? (name.get(e.pickupAdultId) ?? null) : null,
      pickupMethod: e.pickupMethod,
      reason: e.reason,
      note: e.note,
      targetEventId: e.targetEventId,
      data: e.data ?? null,
      duplicate: dups.has(e.clientId),
    })),
  };
}

/** The caller's classes with today's figures and the rate of their latest verdict (re-evaluated daily). */
export async function attendanceRates(db: Db, actor: Actor, q: { campaignId?: number }, now: Date) {
  const today = todayInChina(now);
  const conds: SQL[] = [
    inArray(careClasses.status, ['running', 'closed', 'archived']),
    sql`EXISTS (SELECT 1 FROM ${classUnits} JOIN ${organizations} ON ${organizations.id} = ${classUnits.orgId}
      WHERE ${classUnits.classId} = ${careClasses.id} AND ${inScope(organizations.path, actor, CLASS_READERS)})`,
  ];
  if (q.campaignId) conds.push(eq(careClasses.campaignId, q.campaignId));
  const cls = await db
    .select()
    .from(careClasses)
    .where(and(...conds))
    .orderBy(careClasses.id)
    .limit(2000);
  const ids = cls.map((c) => c.id);
  if (!ids.length) return { items: [] };
  const [units, kids, todayRows, verdicts] = await Promise.all([
    unitsOf(db, ids),
    enrolledChildren(db, ids),
    db
      .select({ classId: attendanceDays.classId, childId: attendanceDays.childId, status: attendanceDays.status })
      .from(attendanceDays)
      .where(and(inArray(attendanceDays.classId, ids), eq(attendanceDays.day, today))),
    db
      .selectDistinctOn([ruleVerdicts.classId], { classId: ruleVerdicts.classId, results: ruleVerdicts.results })
      .from(ruleVerdicts)
      .where(inArray(ruleVerdicts.classId, ids))
      .orderBy(ruleVerdicts.classId, desc(ruleVerdicts.id)),
  ]);
  const rateOf = new Map<number, number | null>();
  for (const v of verdicts) {
    const r = (v.results as { id: string; facts?: { rate?: unknown } }[]).find((x) => x.id === 'scale.attendanceRate');
    rateOf.set(v.classId, typeof r?.facts?.rate === 'number' ? r.facts.rate : null);
  }
  return {
    items: cls.map((c) => {
      const enrolled = kids.filter((k) => k.classId === c.id).map((k) => k.childId);
      return {
        classId: c.id,
        name: c.name,
        orgName: units.get(c.id)?.find((u) => u.isOwner)?.name ?? '',
        status: c.status,
        todayPresent: todayRows.filter(
          (r) => r.classId === c.id && enrolled.includes(r.childId) && countsAsPresent(r.status as DayStatus),
        ).length,
        enrolled: enrolled.length,
        rate: rateOf.get(c.id) ?? null,
      };
    }),
  };
}
