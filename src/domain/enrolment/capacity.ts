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

/** Two date ranges [a1, a2] and [b1, b2] (ISO dates) overlap. */
export function datesOverlap(a1: string, a2: string, b1: string, b2: string): boolean {
  return a1 <= b2 && b1 <= a2;
}
