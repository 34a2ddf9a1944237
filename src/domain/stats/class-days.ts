/**
 * A class's figures day by day, for the maintained aggregates (`stats_class_days`, docs/FIGURES.md "Maintained
 * aggregates"): per class day, the present, sick and scheduled child-days and the daily records owed and made. The
 * sum over the days up to a day gives `attendance.rate`'s and `daily.completeness`'s parts and
 * `workingDays.delivered` as of that day. Pure: the same definitions as the rule and the records overview —
 * who counts and their span from `childFigures`, a record made by `dayStatus`.
 */
import { type ChildFigures, childFigures, type DayFact, type PlaceFact } from '../attendance/figures.js';
import type { IsoDate } from '../calendar/dates.js';
import { dayStatus, recordedDaysByKind, type Requirement } from '../daily/requirements.js';

export interface ClassDayFigures {
  day: IsoDate;
  present: number;
  sick: number;
  scheduled: number;
  recordsRequired: number;
  recordsDone: number;
}

export interface ClassDaysInput {
  /** The class's days (working days, closures deducted), sorted. */
  days: readonly IsoDate[];
  places: readonly PlaceFact[];
  /** The class's child-days (any status). */
  rows: readonly DayFact[];
  requirements: readonly Requirement[];
  records: readonly { kind: string; day: IsoDate }[];
}

/** Later than any class day: every recorded day counts (the as-of day is applied by the range sum). */
const ALL = '9999-12-31';

const isPresent = (s: string) => s === 'present' || s === 'left';

/** Whether the child is scheduled on the day: from `enrolledOn` (default the start) until the day before `withdrawnOn`. */
const inSpan = (f: ChildFigures, day: IsoDate) =>
  (!f.enrolledOn || day >= f.enrolledOn) && (!f.withdrawnOn || day < f.withdrawnOn);

export function classDayFigures(input: ClassDaysInput): ClassDayFigures[] {
  const figures = childFigures(input.days, input.places, input.rows, ALL);
  const byChild = new Map(figures.map((f) => [f.childId, f]));
  const out = new Map<IsoDate, ClassDayFigures>();
  const recorded = recordedDaysByKind(input.records);
  for (const day of input.days) {
    const s = dayStatus(day, true, input.requirements, recorded);
    let scheduled = 0;
    for (const f of figures) if (inSpan(f, day)) scheduled++;
    out.set(day, {
      day,
      present: 0,
      sick: 0,
      scheduled,
      recordsRequired: s.required.length,
      recordsDone: s.done.length,
    });
  }
  for (const r of input.rows) {
    const d = out.get(r.day);
    const f = byChild.get(r.childId);
    if (!d || !f || !inSpan(f, r.day)) continue;
    if (isPresent(r.status)) d.present++;
    else if (r.status === 'sick') d.sick++;
  }
  return [...out.values()];
}
