// Which daily management records (日常管理台账, P-R6) a class owes on a day, and which it has not made yet.
// Owns: the campaign's frequency per kind (daily | weekly | off), the class-level conditions (meals only when the
// class serves meals, epidemic measures only while the campaign turns them on) and the ISO-week arithmetic.
// Pure: the caller passes the class days and the days on which each kind was recorded.

import type { DailyRecordKind, RecordFrequency } from '../campaign/schema.js';
import { addDays, type IsoDate } from '../calendar/dates.js';

export const RECORD_KINDS = [
  'patrol',
  'disinfection',
  'meal',
  'cleaning',
  'fire',
  'epidemic',
] as const satisfies readonly DailyRecordKind[];

export interface DailySettings {
  records: Record<DailyRecordKind, RecordFrequency>;
  epidemicMeasures: boolean;
}

export interface ClassConditions {
  /** careClasses.meals !== 'none' */
  servesMeals: boolean;
}

export interface Requirement {
  kind: DailyRecordKind;
  frequency: Exclude<RecordFrequency, 'off'>;
}

/** Whether a record of `kind` may be written at all for this class under these settings. */
export function kindApplies(kind: DailyRecordKind, s: DailySettings, c: ClassConditions): boolean {
  if (kind === 'meal' && !c.servesMeals) return false;
  if (kind === 'epidemic' && !s.epidemicMeasures) return false;
  return true;
}

/** The kinds this class must record, with how often. `off` kinds and kinds that do not apply are left out. */
export function requiredKinds(s: DailySettings, c: ClassConditions): Requirement[] {
  const out: Requirement[] = [];
  for (const kind of RECORD_KINDS) {
    const frequency = s.records[kind] ?? 'off';
    if (frequency === 'off' || !kindApplies(kind, s, c)) continue;
    out.push({ kind, frequency });
  }
  return out;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: IsoDate): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday that starts the ISO week of `day`. */
export function isoWeekStart(day: IsoDate): IsoDate {
  return addDays(day, 1 - isoWeekday(day));
}

export interface DayStatus {
  day: IsoDate;
  classDay: boolean;
  required: DailyRecordKind[];
  done: DailyRecordKind[];
  missing: DailyRecordKind[];
}

/**
 * The status of one day. A daily kind is done when recorded on that day; a weekly kind when recorded on any day
 * of the same ISO week up to and including that day (so it stays missing until it is made that week). A day that
 * is not a class day owes nothing.
 */
export function dayStatus(
  day: IsoDate,
  classDay: boolean,
  requirements: readonly Requirement[],
  recordedDays: ReadonlyMap<DailyRecordKind, readonly IsoDate[]>,
): DayStatus {
  if (!classDay) return { day, classDay, required: [], done: [], missing: [] };
  const weekStart = isoWeekStart(day);
  const required: DailyRecordKind[] = [];
  const done: DailyRecordKind[] = [];
  const missing: DailyRecordKind[] = [];
  for (const r of requirements) {
    required.push(r.kind);
    const days = recordedDays.get(r.kind) ?? [];
    const ok = r.frequency === 'daily' ? days.includes(day) : days.some((d) => d >= weekStart && d <= day);
    (ok ? done : missing).push(r.kind);
  }
  return { day, classDay, required, done, missing };
}

/** Groups recorded (kind, day) pairs for `dayStatus`. */
export function recordedDaysByKind(
  records: readonly { kind: string; day: IsoDate }[],
): Map<DailyRecordKind, IsoDate[]> {
  const out = new Map<DailyRecordKind, IsoDate[]>();
  for (const r of records) {
    const k = r.kind as DailyRecordKind;
    out.set(k, [...(out.get(k) ?? []), r.day]);
  }
  return out;
}

/** Merges stored campaign parameters over the defaults (campaigns stored before issue 6 have no `daily`). */
export function dailySettingsOf(daily: Partial<DailySettings> | undefined, defaults: DailySettings): DailySettings {
  return {
    records: { ...defaults.records, ...(daily?.records ?? {}) },
    epidemicMeasures: daily?.epidemicMeasures ?? defaults.epidemicMeasures,
  };
}
