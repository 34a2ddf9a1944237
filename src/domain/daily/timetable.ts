// The class's weekly activity plan (P-E: homework, tutoring, reading, sports, arts, social practice, rest) turned
// into one day's timetable. Owns: choosing the plan's slots for a date and the stable slot key that makes
// materialising a day idempotent.

import type { IsoDate } from '../calendar/dates.js';
import { isoWeekday } from './requirements.js';

export interface PlanSlot {
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  start: string;
  end: string;
  kind: string;
  title?: string | undefined;
}

export interface TimetableSlot {
  /** Unique within the class and day, e.g. `09:00-10:30-homework`. */
  slot: string;
  start: string;
  end: string;
  kind: string;
  title: string | null;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The plan's slots for `day`'s weekday, in time order; malformed and repeated slots are dropped. */
export function timetableFor(plan: readonly PlanSlot[], day: IsoDate): TimetableSlot[] {
  const weekday = isoWeekday(day);
  const seen = new Set<string>();
  const out: TimetableSlot[] = [];
  for (const p of plan) {
    if (p.weekday !== weekday || !HHMM.test(p.start) || !HHMM.test(p.end) || !p.kind) continue;
    const slot = `${p.start}-${p.end}-${p.kind}`;
    if (seen.has(slot)) continue;
    seen.add(slot);
    out.push({ slot, start: p.start, end: p.end, kind: p.kind, title: p.title?.trim() || null });
  }
  return out.sort((a, b) => (a.start === b.start ? a.end.localeCompare(b.end) : a.start.localeCompare(b.start)));
}

/** Reads the stored jsonb plan defensively: anything that is not a list of slots is an empty plan. */
export function readPlan(stored: unknown): PlanSlot[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (s): s is PlanSlot =>
      typeof s === 'object' &&
      s !== null &&
      typeof (s as PlanSlot).weekday === 'number' &&
      typeof (s as PlanSlot).start === 'string' &&
      typeof (s as PlanSlot).end === 'string' &&
      typeof (s as PlanSlot).kind === 'string',
  );
}
