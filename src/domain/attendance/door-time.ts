// When a door event may count (接送签到的时间规则): attendance is never back-dated by the door, and a check-in outside
// the class's hours is taken only when the staff member confirmed it.
//
// Offline tolerance: a door event counts for the day it happened on, and it is taken only while that day is still
// today (China time) on the server. A tap queued offline this morning and synced this afternoon (or this evening)
// is fine; a tap dated another day — yesterday's queue synced this morning, or a hand-typed `occurredAt` from last
// week — is refused with OCCURRED_ON_OTHER_DAY: past days change only through corrections (a reason, the
// campaign's correction window, then the district). A device clock ahead of the server by more than
// FUTURE_TOLERANCE_MS is refused (OCCURRED_IN_FUTURE): it would write a time that has not come yet.

import { timeInChina, todayInChina } from '../calendar/dates.js';

/** How far a device clock may run ahead of the server's. */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;

export type OutsideHours = 'not_class_day' | 'before_opening' | 'after_closing';

export type DoorTiming =
  | { ok: true; day: string; outside: OutsideHours | null }
  | { ok: false; code: 'OCCURRED_IN_FUTURE' | 'OCCURRED_ON_OTHER_DAY'; day: string };

export interface ClassHours {
  /** Is this a class day (the class's working days, closures deducted)? */
  isClassDay: (day: string) => boolean;
  /** "HH:MM", China time; null when the class has none. */
  dailyStart: string | null;
  dailyEnd: string | null;
}

/**
 * Judges a door event's time against the server's clock and the class's hours. Only a check-in can be outside the
 * hours (a late pick-up after closing is what closing time is for).
 */
export function doorTiming(kind: string, occurredAt: Date, now: Date, hours: ClassHours): DoorTiming {
  const day = todayInChina(occurredAt);
  if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return { ok: false, code: 'OCCURRED_IN_FUTURE', day };
  if (day !== todayInChina(now)) return { ok: false, code: 'OCCURRED_ON_OTHER_DAY', day };
  return { ok: true, day, outside: kind === 'check_in' ? outsideHours(occurredAt, hours) : null };
}

/** Why a moment is outside the class's hours, or null when it is inside them. */
export function outsideHours(at: Date, hours: ClassHours): OutsideHours | null {
  if (!hours.isClassDay(todayInChina(at))) return 'not_class_day';
  const hhmm = timeInChina(at);
  if (hours.dailyStart && hhmm < hours.dailyStart) return 'before_opening';
  if (hours.dailyEnd && hhmm >= hours.dailyEnd) return 'after_closing';
  return null;
}

/**
 * What a door event stores in attendance_events.data (the projection reads `data` of corrections only): the
 * confirmation of a check-in outside the hours, and the registered guardian who picked the child up when they were
 * not on the pickup list.
 */
export interface DoorEventData {
  outsideHours?: { reason: OutsideHours; confirmed: true };
  guardian?: { userId: number; name: string };
}
