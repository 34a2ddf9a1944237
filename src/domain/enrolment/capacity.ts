/**
 * Capacity and the kindergarten share at application time (P-R1, P-R3). Pure: the service calls these while it
 * holds the class's row lock, so the numbers it passes are the true current ones.
 */
export interface PlaceCounts {
  capacity: number;
  /** Places offered or accepted. */
  taken: number;
  kindergartenTaken: number;
}

export type PlaceDecision = { kind: 'place' } | { kind: 'waitlist'; reason: 'full' | 'kindergartenCap' };

/**
 * Whether one more child can have a place now. A kindergarten child is admitted only while the share of
 * kindergarten children after admitting them stays within the cap, so the class never passes it (inclusive).
 */
export function decidePlace(c: PlaceCounts, isKindergarten: boolean, kindergartenMaxShare: number): PlaceDecision {
  if (c.taken >= c.capacity) return { kind: 'waitlist', reason: 'full' };
  if (isKindergarten) {
    const share = (c.kindergartenTaken + 1) / (c.taken + 1);
    // A small epsilon keeps 1/10 = 0.1 inclusive despite floating point.
    if (share > kindergartenMaxShare + 1e-9) return { kind: 'waitlist', reason: 'kindergartenCap' };
  }
  return { kind: 'place' };
}

/**
 * The counters under which `decidePlace` would still decide the same for this child: what an optimistic write
 * (outside the class's lock) must find, atomically, for its decision to stand. A primary-school child's decision
 * depends only on whether a place is free, so any number of others may have applied in between: `below` the
 * capacity for a place, `atLeast` the capacity for the waitlist. A kindergarten child's also depends on the
 * share, so the counters must be `exactly` those read. With the weakest true guard, a surge of applications to one
 * class rarely has to try again.
 */
export type PlaceGuard =
  | { kind: 'below'; capacity: number }
  | { kind: 'atLeast'; capacity: number }
  | { kind: 'exactly'; taken: number; kindergartenTaken: number };

export function placeGuard(c: PlaceCounts, isKindergarten: boolean, decision: PlaceDecision): PlaceGuard {
  if (isKindergarten) return { kind: 'exactly', taken: c.taken, kindergartenTaken: c.kindergartenTaken };
  return decision.kind === 'place'
    ? { kind: 'below', capacity: c.capacity }
    : { kind: 'atLeast', capacity: c.capacity };
}

/** Whether counters satisfy a guard (the TypeScript form of the condition the write states in SQL). */
export function guardHolds(g: PlaceGuard, taken: number, kindergartenTaken: number): boolean {
  if (g.kind === 'below') return taken < g.capacity;
  if (g.kind === 'atLeast') return taken >= g.capacity;
  return taken === g.taken && kindergartenTaken === g.kindergartenTaken;
}

/** Two date ranges [a1, a2] and [b1, b2] (ISO dates) overlap. */
export function datesOverlap(a1: string, a2: string, b1: string, b2: string): boolean {
  return a1 <= b2 && b1 <= a2;
}
