/**
 * The states of an application (报名) and the two groups every part of the product asks about. Written once here;
 * the server, its SQL and both web apps import these lists. The one place that must restate them as SQL text is the
 * partial unique index `enrolments_live_uq` in src/server/db/schema.ts (an index predicate is fixed DDL).
 */

/** applied: waiting for the lottery; offered: a place held, to confirm; accepted: confirmed; the rest are final. */
export const ENROLMENT_STATUSES = [
  'applied',
  'offered',
  'accepted',
  'waitlisted',
  'withdrawn',
  'expired',
  'rejected',
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** Still in play: at most one per child and class, and what a withdrawal can end. */
export const LIVE_STATUSES = [
  'applied',
  'offered',
  'accepted',
  'waitlisted',
] as const satisfies readonly EnrolmentStatus[];
export type LiveStatus = (typeof LIVE_STATUSES)[number];

/** Holding a place (名额): counted against capacity; the steps before the first day apply to these. */
export const HOLDING_STATUSES = ['offered', 'accepted'] as const satisfies readonly LiveStatus[];
export type HoldingStatus = (typeof HOLDING_STATUSES)[number];

export const isLiveStatus = (s: string): s is LiveStatus => (LIVE_STATUSES as readonly string[]).includes(s);
export const isHoldingStatus = (s: string): s is HoldingStatus => (HOLDING_STATUSES as readonly string[]).includes(s);
