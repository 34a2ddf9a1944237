// Who counts for the attendance rate and with how many days (出勤统计口径, P-R3) — one definition for the class's
// attendance tab, its grid, the export and the policy engine (scale.attendanceRate, computed by
// src/domain/rules/attendance.ts from these per-child figures).
//
// - The children counted: every child who held an accepted place in the class — still holding it, or withdrawn
//   since (a child who left mid-class keeps the days they were scheduled). Paperwork does not change who counts.
// - Scheduled from `enrolledOn`: the day the place was accepted, or the first class day the child was recorded in
//   the room (present, left or sick) if that was earlier (a roster entered after the class began, caught up by
//   corrections).
// - Until `withdrawnOn` (exclusive): the day of the withdrawal, or the day after the last day the child was in the
//   room if they attended on or after it (withdrawn in the afternoon of a day they attended).
// - Present days: class days with status present or left; sick days: class days with status sick, both within
//   the scheduled span and up to asOf. Days after asOf have not happened as far as the figures go (a sick note
//   for tomorrow, today before closing). Corrections are already in the day rows (the projection applies them).

import { addDays, maxDate } from '../calendar/dates.js';
import { countsAsPresent, type DayStatus } from './projection.js';

export interface PlaceFact {
  /** The enrolment (place) id. */
  enrolmentId: number;
  childId: number;
  /** accepted | withdrawn (a place that was accepted before) */
  status: string;
  /** China-time day the place was accepted. */
  acceptedOn?: string | undefined;
  /** China-time day of the withdrawal. */
  withdrawnOn?: string | undefined;
}

export interface DayFact {
  childId: number;
  day: string;
  status: string;
}

export interface ChildFigures {
  /** The place that represents the child: the live one, else the latest. */
  enrolmentId: number;
  childId: number;
  /** Still holds the place. */
  live: boolean;
  enrolledOn?: string;
  withdrawnOn?: string;
  presentDays: number;
  sickLeaveDays: number;
}

const isPresent = (status: string) => countsAsPresent(status as DayStatus);

/**
 * Per child, the figures the attendance rate is computed from. `classDays` are the class's working days; `rows` the
 * child-days of the class (any status); `asOf` the last day that counts (none: every day recorded).
 */
export function childFigures(
  classDays: readonly string[],
  places: readonly PlaceFact[],
  rows: readonly DayFact[],
  asOf?: string,
): ChildFigures[] {
  const days = new Set(classDays);
  // Without asOf, up to the last class day anybody was in the room (a sick note for a day to come does not count).
  let upTo = asOf ?? '';
  if (!asOf) for (const r of rows) if (days.has(r.day) && isPresent(r.status) && r.day > upTo) upTo = r.day;
  const counted = rows.filter((r) => days.has(r.day) && r.day <= upTo && (isPresent(r.status) || r.status === 'sick'));
  const byChild = new Map<number, DayFact[]>();
  for (const r of counted) byChild.set(r.childId, [...(byChild.get(r.childId) ?? []), r]);
  const placesOf = new Map<number, PlaceFact[]>();
  for (const p of places) placesOf.set(p.childId, [...(placesOf.get(p.childId) ?? []), p]);

  const out: ChildFigures[] = [];
  for (const [childId, ps] of placesOf) {
    const sorted = [...ps].sort((a, b) => a.enrolmentId - b.enrolmentId);
    const live = sorted.find((p) => p.status === 'accepted');
    const chosen = live ?? (sorted[sorted.length - 1] as PlaceFact);
    const own = byChild.get(childId) ?? [];
    // The earliest acceptance of any of the child's places in this class.
    const accepted = sorted
      .map((p) => p.acceptedOn)
      .filter((d): d is string => !!d)
      .sort()[0];
    let firstSeen: string | undefined;
    let lastPresent: string | undefined;
    for (const r of own) {
      if (!firstSeen || r.day < firstSeen) firstSeen = r.day;
      if (isPresent(r.status) && (!lastPresent || r.day > lastPresent)) lastPresent = r.day;
    }
    const enrolledOn = accepted && firstSeen && firstSeen < accepted ? firstSeen : accepted;
    let withdrawnOn: string | undefined;
    if (!live && chosen.withdrawnOn)
      withdrawnOn = lastPresent ? maxDate(chosen.withdrawnOn, addDays(lastPresent, 1)) : chosen.withdrawnOn;
    let present = 0;
    let sick = 0;
    for (const r of own) {
      if (enrolledOn && r.day < enrolledOn) continue;
      if (withdrawnOn && r.day >= withdrawnOn) continue;
      if (r.status === 'sick') sick++;
      else present++;
    }
    out.push({
      enrolmentId: chosen.enrolmentId,
      childId,
      live: !!live,
      ...(enrolledOn ? { enrolledOn } : {}),
      ...(withdrawnOn ? { withdrawnOn } : {}),
      presentDays: present,
      sickLeaveDays: sick,
    });
  }
  return out;
}
