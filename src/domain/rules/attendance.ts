// The attendance rate (出勤率, P-R3), defined once here and in docs/POLICY-RULES.md:
//   rate = present child-days ÷ scheduled child-days,
// over the class's official working days (closures deducted) from its start up to and including
// asOf (or its end, if earlier). A child is scheduled on each such day from enrolledOn (default: the
// start) until the day before withdrawnOn. Sick-leave days count as the campaign says: as absences,
// removed from the scheduled days, or as present. Owns that computation and the end-of-class forecast.

import { addDays, type IsoDate, isIsoDate, maxDate, minDate } from '../calendar/dates.js';
import type { Campaign, SickLeaveTreatment } from '../campaign/schema.js';
import { checkPeriod, classWorkingDays } from './class-dates.js';
import { childLabel } from './helpers.js';
import type { ClassSnapshot, Localized } from './types.js';

export interface AttendanceFigures {
  phase: 'running' | 'finished';
  /** Working days of the whole class, and those up to asOf. */
  workingDays: number;
  workingDaysElapsed: number;
  /** Children scheduled on at least one working day of the class. */
  children: number;
  /** After applying the sick-leave treatment. */
  presentChildDays: number;
  scheduledChildDays: number;
  sickLeaveChildDays: number;
  sickLeave: SickLeaveTreatment;
  rate: number;
  /** Scheduled child-days still to come after asOf (0 once finished). */
  remainingScheduledChildDays: number;
}

export type AttendanceComputation =
  | { ok: true; figures: AttendanceFigures }
  | { ok: false; reason: Localized; fix?: Localized; facts: Record<string, unknown> };

/** present ÷ scheduled after the sick-leave treatment; undefined when nothing was scheduled. */
export function attendanceRate(
  presentDays: number,
  scheduledDays: number,
  sickLeaveDays = 0,
  treatment: SickLeaveTreatment = 'absent',
): number | undefined {
  const present = treatment === 'present' ? presentDays + sickLeaveDays : presentDays;
  const scheduled = treatment === 'excluded' ? scheduledDays - sickLeaveDays : scheduledDays;
  return scheduled > 0 ? present / scheduled : undefined;
}

/** Count of sorted working days `days` within [from, to]. */
function countIn(days: readonly IsoDate[], from: IsoDate, to: IsoDate): number {
  if (to < from) return 0;
  let n = 0;
  for (const d of days) if (d >= from && d <= to) n++;
  return n;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function computeAttendance(s: ClassSnapshot, c: Campaign, asOf: IsoDate): AttendanceComputation {
  const treatment = c.scale.sickLeave;
  if (!isIsoDate(asOf)) {
    return { ok: false, reason: { zh: '评估日期无效。', en: 'The evaluation date is not valid.' }, facts: { asOf } };
  }
  const p = checkPeriod(s);
  if (!p.ok) return { ok: false, reason: p.reason, fix: p.fix, facts: {} };
  if (asOf < p.start) {
    return {
      ok: false,
      reason: {
        zh: `托管班尚未开始（${p.start} 开始），暂无出勤数据。`,
        en: `The class has not started (starts ${p.start}); no attendance yet.`,
      },
      facts: { startDate: p.start, asOf },
    };
  }
  if (!Array.isArray(s.children)) {
    return {
      ok: false,
      reason: { zh: '尚无托管对象名单。', en: 'No roster of children yet.' },
      fix: { zh: '录入托管对象名单和出勤记录。', en: 'Enter the roster and attendance.' },
      facts: {},
    };
  }
  const days = classWorkingDays(p, c.calendar).days;
  const upTo = minDate(asOf, p.end);
  const dayAfter = addDays(asOf, 1);
  let present = 0;
  let scheduled = 0;
  let sick = 0;
  let remaining = 0;
  let counted = 0;
  const missing: string[] = [];
  const inconsistent: string[] = [];
  s.children.forEach((child, i) => {
    if (typeof child !== 'object' || child === null) return;
    const label = childLabel(child, i);
    const from = isIsoDate(child.enrolledOn) ? maxDate(p.start, child.enrolledOn) : p.start;
    // Withdrawal on day W: the child is no longer scheduled on W or later.
    const lastDay = isIsoDate(child.withdrawnOn) ? minDate(p.end, addDays(child.withdrawnOn, -1)) : p.end;
    const own = countIn(days, from, minDate(upTo, lastDay));
    const ahead = countIn(days, maxDate(from, dayAfter), lastDay);
    remaining += ahead;
    if (own + ahead > 0) counted++;
    if (child.presentDays === undefined) {
      if (own > 0) missing.push(label);
      return;
    }
    const sickDays = child.sickLeaveDays ?? 0;
    if (!isCount(child.presentDays) || !isCount(sickDays) || child.presentDays + sickDays > own) {
      inconsistent.push(label);
      return;
    }
    present += child.presentDays;
    sick += sickDays;
    scheduled += own;
  });
  if (inconsistent.length > 0) {
    return {
      ok: false,
      reason: {
        zh: `${inconsistent.length} 名儿童的出勤天数超过其应出勤天数或不是非负整数（${inconsistent.slice(0, 5).join('、')}）。`,
        en: `Attendance of ${inconsistent.length} children exceeds their scheduled days or is not a whole number (${inconsistent.slice(0, 5).join(', ')}).`,
      },
      fix: { zh: '核对出勤记录。', en: 'Check the attendance records.' },
      facts: { inconsistent },
    };
  }
  if (missing.length > 0) {
    return {
      ok: false,
      reason: {
        zh: `${missing.length} 名儿童缺少出勤记录（${missing.slice(0, 5).join('、')}）。`,
        en: `No attendance recorded for ${missing.length} children (${missing.slice(0, 5).join(', ')}).`,
      },
      fix: { zh: '补录出勤记录。', en: 'Record their attendance.' },
      facts: { missing },
    };
  }
  const presentAdj = treatment === 'present' ? present + sick : present;
  const scheduledAdj = treatment === 'excluded' ? scheduled - sick : scheduled;
  if (scheduledAdj <= 0) {
    return {
      ok: false,
      reason: { zh: '截至评估日尚无应出勤人次。', en: 'No scheduled child-days up to the evaluation date yet.' },
      facts: { scheduledChildDays: scheduledAdj },
    };
  }
  const finished = asOf >= p.end;
  return {
    ok: true,
    figures: {
      phase: finished ? 'finished' : 'running',
      workingDays: days.length,
      workingDaysElapsed: countIn(days, p.start, upTo),
      children: counted,
      presentChildDays: presentAdj,
      scheduledChildDays: scheduledAdj,
      sickLeaveChildDays: sick,
      sickLeave: treatment,
      rate: presentAdj / scheduledAdj,
      remainingScheduledChildDays: finished ? 0 : remaining,
    },
  };
}

/**
 * Fewest further present child-days x (0 ≤ x) so that (present + x) ÷ (scheduled + remaining) ≥ min.
 * Searched in integers rather than computed as ceil(min × total − present), because 0.7 × 30 is
 * 21.000000000000004 in floating point and would ask for one day too many.
 */
export function presentDaysNeeded(present: number, scheduled: number, remaining: number, min: number): number {
  const total = scheduled + remaining;
  if (total <= 0) return 0;
  let x = Math.max(0, Math.ceil(min * total - present) - 1);
  while ((present + x) / total < min) x++;
  while (x > 0 && (present + x - 1) / total >= min) x--;
  return x;
}
