/**
 * A child's day at the door as the demo writes it: either an absence reported from home early in the morning, or a
 * check-in between 07:45 and 08:25 and (unless the day is not over yet) a check-out between 17:00 and 17:35 by the
 * first pickup adult. One place for the events' shape and times, used by this year's classes (world.ts,
 * city-year.ts) and last year's named ones (load-naming-year.ts). The random draws are made in a fixed order (the
 * time, then the note), so a seed gives the same demo.
 */
import type { Rng } from './random.js';
import { chinaAt } from './routine-records.js';

export interface DemoAttendanceEvent {
  /** The class the door belongs to (its key in the demo); default `running`. */
  classKey?: string;
  clientId: string;
  childNo: number;
  day: string;
  kind: 'check_in' | 'check_out' | 'absence';
  occurredAt: string;
  /** check_out: the index of the child's pickup adult. */
  pickupIndex: number | null;
  reason: 'sick' | 'personal' | null;
  note: string | null;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Whose day: the class (omitted for the demo's running class), the child, the day, and the events' id stem. */
export interface DoorDayOf {
  classKey?: DemoAttendanceEvent['classKey'];
  id: string;
  childNo: number;
  day: string;
}

const ofClass = (o: DoorDayOf) => (o.classKey ? { classKey: o.classKey } : {});

/** An absence reported between 07:00 and 07:40, with the family's note (drawn after the time). */
export function reportedAbsence(
  rng: Rng,
  o: DoorDayOf,
  reason: 'sick' | 'personal',
  note: () => string,
): DemoAttendanceEvent {
  const occurredAt = chinaAt(o.day, hhmm(7 * 60 + rng.int(0, 40)));
  return {
    ...ofClass(o),
    clientId: `${o.id}-absence`,
    childNo: o.childNo,
    day: o.day,
    kind: 'absence',
    occurredAt,
    pickupIndex: null,
    reason,
    note: note(),
  };
}

/** In the room: checked in, and out after the day unless `out` is false (today, before the day ends). */
export function dayInTheRoom(rng: Rng, o: DoorDayOf, out = true): DemoAttendanceEvent[] {
  const events: DemoAttendanceEvent[] = [
    {
      ...ofClass(o),
      clientId: `${o.id}-in`,
      childNo: o.childNo,
      day: o.day,
      kind: 'check_in',
      occurredAt: chinaAt(o.day, hhmm(7 * 60 + 45 + rng.int(0, 40))),
      pickupIndex: null,
      reason: null,
      note: null,
    },
  ];
  if (out)
    events.push({
      ...ofClass(o),
      clientId: `${o.id}-out`,
      childNo: o.childNo,
      day: o.day,
      kind: 'check_out',
      occurredAt: chinaAt(o.day, hhmm(17 * 60 + rng.int(0, 35))),
      pickupIndex: 0,
      reason: null,
      note: null,
    });
  return events;
}
