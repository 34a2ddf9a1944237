// The day of one child in one class as a function of the SET of its attendance events (接送出勤, P-R3/P-R6).
// Events are ordered by occurredAt, then clientId; arrival order never matters. The first check-in and the
// first check-out win (later ones of the same kind are duplicates, kept in the record); a check-out without a
// check-in still records the departure; the latest absence/absence_cancel decides a reported absence; the latest
// correction overrides everything it sets.

export const EVENT_KINDS = [
  'check_in',
  'check_out',
  'refused_check_out',
  'absence',
  'absence_cancel',
  'correction',
] as const;
export type AttendanceEventKind = (typeof EVENT_KINDS)[number];

export const DAY_STATUSES = ['expected', 'present', 'left', 'absent', 'sick'] as const;
export type DayStatus = (typeof DAY_STATUSES)[number];

export interface CorrectionSet {
  status: 'present' | 'absent' | 'sick' | 'left';
  checkInAt?: string | null;
  checkOutAt?: string | null;
  pickupAdultId?: number | null;
}

export interface DayEvent {
  id?: number | null;
  clientId: string;
  kind: AttendanceEventKind | string;
  occurredAt: Date | string;
  pickupAdultId?: number | null;
  /** absence: sick | personal */
  reason?: string | null;
  /** correction: the CorrectionSet */
  data?: unknown;
}

export interface DayState {
  status: DayStatus;
  checkInEventId: number | null;
  checkInAt: Date | null;
  checkOutEventId: number | null;
  checkOutAt: Date | null;
  pickupAdultId: number | null;
  /** sick | personal while a reported absence holds. */
  absenceReason: string | null;
  corrected: boolean;
}

export interface Projection {
  state: DayState;
  /** clientIds of the check-ins/check-outs that decide the day. */
  winners: Set<string>;
  /** clientIds of later check-ins/check-outs of a kind that already had one. */
  duplicates: Set<string>;
}

/**
 * What the projection reads of an event, in JSON form: attendance_days.events keeps these next to the state, so the
 * door's fast path projects a child-day without reading its attendance_events.
 */
export function eventSummary(e: DayEvent): DayEvent {
  return {
    id: e.id ?? null,
    clientId: e.clientId,
    kind: e.kind,
    occurredAt: e.occurredAt instanceof Date ? e.occurredAt.toISOString() : e.occurredAt,
    pickupAdultId: e.pickupAdultId ?? null,
    reason: e.reason ?? null,
    data: e.data ?? null,
  };
}

const time = (d: Date | string): number => (d instanceof Date ? d.getTime() : Date.parse(d));

/** Chronological order with the clientId as tie-break: the one order every replica agrees on. */
export function compareEvents(a: DayEvent, b: DayEvent): number {
  const d = time(a.occurredAt) - time(b.occurredAt);
  if (d !== 0) return d < 0 ? -1 : 1;
  return a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0;
}

const asDate = (v: Date | string | null | undefined): Date | null => {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

export function projectDay(events: readonly DayEvent[]): Projection {
  // A set: the same clientId twice is one event.
  const seen = new Set<string>();
  const sorted = [...events].sort(compareEvents).filter((e) => {
    if (seen.has(e.clientId)) return false;
    seen.add(e.clientId);
    return true;
  });
  const winners = new Set<string>();
  const duplicates = new Set<string>();
  let checkIn: DayEvent | null = null;
  let checkOut: DayEvent | null = null;
  let absence: DayEvent | null = null;
  let correction: DayEvent | null = null;
  for (const e of sorted) {
    switch (e.kind) {
      case 'check_in':
        if (checkIn) duplicates.add(e.clientId);
        else {
          checkIn = e;
          winners.add(e.clientId);
        }
        break;
      case 'check_out':
        if (checkOut) duplicates.add(e.clientId);
        else {
          checkOut = e;
          winners.add(e.clientId);
        }
        break;
      case 'absence':
        absence = e;
        break;
      case 'absence_cancel':
        absence = null;
        break;
      case 'correction':
        correction = e;
        break;
      default:
        break;
    }
  }
  const state: DayState = {
    status: 'expected',
    checkInEventId: checkIn?.id ?? null,
    checkInAt: checkIn ? asDate(checkIn.occurredAt) : null,
    checkOutEventId: checkOut?.id ?? null,
    checkOutAt: checkOut ? asDate(checkOut.occurredAt) : null,
    pickupAdultId: checkOut?.pickupAdultId ?? null,
    absenceReason: null,
    corrected: false,
  };
  if (checkOut) state.status = 'left';
  else if (checkIn) state.status = 'present';
  else if (absence) {
    state.status = absence.reason === 'sick' ? 'sick' : 'absent';
    state.absenceReason = absence.reason === 'sick' ? 'sick' : 'personal';
  }
  if (correction) applyCorrection(state, correction);
  return { state, winners, duplicates };
}

function applyCorrection(state: DayState, e: DayEvent): void {
  const set = (e.data ?? {}) as Partial<CorrectionSet>;
  if (!set.status || !['present', 'absent', 'sick', 'left'].includes(set.status)) return;
  state.corrected = true;
  state.status = set.status;
  if (set.status === 'absent' || set.status === 'sick') {
    state.checkInAt = asDate(set.checkInAt ?? null);
    state.checkOutAt = asDate(set.checkOutAt ?? null);
    state.checkInEventId = null;
    state.checkOutEventId = null;
    state.pickupAdultId = set.pickupAdultId ?? null;
    state.absenceReason = set.status === 'sick' ? 'sick' : 'personal';
    return;
  }
  state.absenceReason = null;
  if (set.checkInAt !== undefined) state.checkInAt = asDate(set.checkInAt);
  if (set.status === 'present') {
    // Still in the room: no departure.
    state.checkOutAt = set.checkOutAt !== undefined ? asDate(set.checkOutAt) : null;
    if (set.checkOutAt === undefined) {
      state.checkOutEventId = null;
      state.pickupAdultId = null;
    }
  } else if (set.checkOutAt !== undefined) state.checkOutAt = asDate(set.checkOutAt);
  if (set.pickupAdultId !== undefined) state.pickupAdultId = set.pickupAdultId;
}

/** Present for the attendance rate: arrived that day (still in or already left). */
export const countsAsPresent = (s: DayStatus): boolean => s === 'present' || s === 'left';
