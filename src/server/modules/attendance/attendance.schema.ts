/** The attendance HTTP contract (door screen, events, absences, corrections, grid, pickup codes) as zod schemas. */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';
import { DAY_STATUSES } from '../../../domain/attendance/projection.js';
import { PAPERWORK_GAPS } from '../../../domain/enrolment/paperwork.js';

// Every date a request carries lies in 2000–2100 (issue 13: a year-0 or year-9999 date made date loops run away).
export const isoDay = boundedIsoDate;
const id = z.coerce.number().int().positive();

export const classIdParams = z.object({ id });
export const doorQuery = z.object({ day: isoDay.optional() });
export const rangeQuery = z.object({ from: isoDay.optional(), to: isoDay.optional() });
export const eventsQuery = z.object({ childId: id.optional(), day: isoDay.optional() });
export const ratesQuery = z.object({ campaignId: id.optional() });
export const adultIdParams = z.object({ adultId: id });
export const childIdParams = z.object({ childId: id });
export const childDayParams = z.object({ childId: id, day: isoDay });
export const classIdQuery = z.object({ classId: id });

export const counts = z.object({
  enrolled: z.number(),
  present: z.number(),
  left: z.number(),
  absent: z.number(),
  missing: z.number(),
});
export type Counts = z.infer<typeof counts>;

const dayStatus = z.enum(DAY_STATUSES);

export const doorChild = z.object({
  childId: z.number(),
  name: z.string(),
  initials: z.string(),
  grade: z.string(),
  photoUrl: z.string().nullable(),
  allergies: z.string().nullable(),
  healthNotes: z.string().nullable(),
  healthAcked: z.boolean(),
  status: dayStatus,
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  absenceNote: z.string().nullable(),
  pickedUpBy: z.string().nullable(),
  pickupAdults: z.array(z.object({ id: z.number(), name: z.string(), relation: z.string(), allowed: z.boolean() })),
  /** The child's registered guardians: they may always pick the child up (check_out with pickupGuardianId). */
  guardians: z.array(z.object({ userId: z.number(), name: z.string() })).optional(),
  /**
   * Only on the door list: what of the paperwork (P-R7) is missing on the day — the custody agreement, an approved
   * insurance proof covering the day; empty when complete. A child with anything missing is not checked in.
   */
  paperworkMissing: z.array(z.enum(PAPERWORK_GAPS)).optional(),
});
export type DoorChild = z.infer<typeof doorChild>;

export const doorClassesResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      orgName: z.string(),
      status: z.string(),
      dailyStart: z.string().nullable(),
      dailyEnd: z.string().nullable(),
      today: counts,
    }),
  ),
});

export const doorResponse = z.object({
  class: z.object({
    id: z.number(),
    name: z.string(),
    dailyStart: z.string().nullable(),
    dailyEnd: z.string().nullable(),
    arrivalAlertTime: z.string(),
    /** Is the day a class day? A check-in on another day needs the staff member's confirmation (OUTSIDE_HOURS). */
    classDay: z.boolean(),
  }),
  day: z.string(),
  serverTime: z.string(),
  counts,
  children: z.array(doorChild),
});

export const eventInput = z.object({
  clientId: z.string().trim().min(8).max(64),
  classId: z.number().int().positive(),
  childId: z.number().int().positive(),
  kind: z.enum(['check_in', 'check_out']),
  occurredAt: z.iso.datetime({ offset: true }),
  pickupAdultId: z.number().int().positive().optional(),
  pickupCode: z.string().trim().min(1).max(32).optional(),
  /** check_out: a registered guardian of the child (their user id), who need not be on the pickup list. */
  pickupGuardianId: z.number().int().positive().optional(),
  /** check_in: the staff member confirmed a check-in outside the class's hours (else refused OUTSIDE_HOURS). */
  confirmOutsideHours: z.boolean().optional(),
  note: z.string().trim().max(500).optional(),
});
export type EventInput = z.infer<typeof eventInput>;

export const postEventsBody = z.object({
  deviceId: z.string().trim().min(1).max(100).optional(),
  events: z.array(eventInput).min(1).max(500),
});

export const REFUSAL_CODES = [
  'PICKUP_NOT_ALLOWED',
  'PICKUP_CODE_REVOKED',
  'PICKUP_CODE_UNKNOWN',
  'PICKUP_NOT_AUTHORISED',
] as const;

/**
 * Refusals of a door event that write nothing: the staff member fixes the input (a malformed pickup code) or
 * confirms (OUTSIDE_HOURS, then resend with confirmOutsideHours), or the event is not for today's door
 * (OCCURRED_ON_OTHER_DAY: past days change only through corrections; see src/domain/attendance/door-time.ts).
 */
export const DOOR_INPUT_REFUSALS = [
  'OUTSIDE_HOURS',
  'OCCURRED_ON_OTHER_DAY',
  'OCCURRED_IN_FUTURE',
  'PICKUP_CODE_MALFORMED',
] as const;

export const eventResult = z.object({
  clientId: z.string(),
  outcome: z.enum(['applied', 'duplicate', 'replayed', 'refused']),
  code: z.string().optional(),
  message: z.string().optional(),
  /** With code PAPERWORK_MISSING: what is missing. */
  missing: z.array(z.enum(PAPERWORK_GAPS)).optional(),
  eventId: z.number().optional(),
});
export type EventResult = z.infer<typeof eventResult>;

export const postEventsResponse = z.object({ results: z.array(eventResult), children: z.array(doorChild) });

export const healthAckBody = z.object({ childId: z.number().int().positive(), day: isoDay });

export const codeResponse = z.object({ code: z.string().nullable(), createdAt: z.string().nullable() });

export const absenceBody = z
  .object({
    classId: z.number().int().positive(),
    from: isoDay,
    to: isoDay,
    reason: z.enum(['sick', 'personal']),
    note: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.from <= b.to, { message: 'from must not be after to', path: ['to'] });

export const parentDay = z.object({
  day: z.string(),
  status: dayStatus,
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  pickedUpBy: z.string().nullable(),
  absenceReason: z.string().nullable(),
});
export const absenceResponse = z.object({ days: z.array(parentDay) });
export const parentAttendanceResponse = z.object({
  classId: z.number(),
  className: z.string(),
  days: z.array(parentDay),
});

export const correctionBody = z.object({
  childId: z.number().int().positive(),
  day: isoDay,
  set: z.object({
    status: z.enum(['present', 'absent', 'sick', 'left']),
    checkInAt: z.iso.datetime({ offset: true }).nullable().optional(),
    checkOutAt: z.iso.datetime({ offset: true }).nullable().optional(),
    pickupAdultId: z.number().int().positive().nullable().optional(),
  }),
  reason: z.string().trim().min(2).max(500),
});

export const correctedDay = z.object({
  childId: z.number(),
  day: z.string(),
  status: dayStatus,
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  pickedUpBy: z.string().nullable(),
  corrected: z.boolean(),
  eventId: z.number(),
});

const cell = z.object({
  status: dayStatus,
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  corrected: z.boolean(),
});
export const staffDay = z.object({
  day: z.string(),
  present: z.number(),
  staff: z.number(),
  ratio: z.number().nullable(),
  short: z.boolean(),
});
export type StaffDay = z.infer<typeof staffDay>;

export const gridResponse = z.object({
  /** The class's today (China time). */
  today: z.string(),
  /** May the caller correct, and from which day (null: any day — the district and the city). */
  abilities: z.object({ correct: z.boolean(), correctFrom: z.string().nullable() }),
  days: z.array(z.string()),
  /**
   * Every child the rate counts (holding an accepted place, or withdrawn since: `withdrawnOn`), with the present
   * days the rate credits them up to `rateAsOf` (src/domain/attendance/figures.ts); their sum is presentChildDays.
   */
  children: z.array(
    z.object({
      childId: z.number(),
      name: z.string(),
      cells: z.record(z.string(), cell),
      presentDays: z.number(),
      enrolledOn: z.string().nullable(),
      withdrawnOn: z.string().nullable(),
    }),
  ),
  summary: z.object({
    today: counts,
    rate: z.number().nullable(),
    forecast: z.number().nullable(),
    scheduledChildDays: z.number(),
    presentChildDays: z.number(),
    /** The last day the rate counts (yesterday while today's class is on). */
    rateAsOf: z.string(),
    staffByDay: z.array(staffDay),
    staffToday: staffDay.nullable(),
    maxChildrenPerAdult: z.number(),
  }),
});

export const rawEvent = z.object({
  id: z.number(),
  clientId: z.string(),
  childId: z.number(),
  day: z.string(),
  kind: z.string(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  actorName: z.string().nullable(),
  deviceId: z.string().nullable(),
  pickupAdultId: z.number().nullable(),
  pickupAdultName: z.string().nullable(),
  pickupMethod: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  targetEventId: z.number().nullable(),
  data: z.unknown(),
  /** A later check-in/out of a kind the day already had. */
  duplicate: z.boolean(),
});
export const eventsResponse = z.object({ items: z.array(rawEvent) });

export const ratesResponse = z.object({
  items: z.array(
    z.object({
      classId: z.number(),
      name: z.string(),
      orgName: z.string(),
      status: z.string(),
      todayPresent: z.number(),
      enrolled: z.number(),
      rate: z.number().nullable(),
    }),
  ),
});
