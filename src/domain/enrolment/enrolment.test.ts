import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datesOverlap, decidePlace } from './capacity.js';
import { commitSeed, draw, priorityGroupOf, verifyLottery } from './lottery.js';

describe('lottery', () => {
  const seed = 'a'.repeat(64);
  const entries = Array.from({ length: 50 }, (_, i) => ({ ref: String(i + 1), priorityGroup: i % 3 === 0 ? 0 : 4 }));

  it('is reproducible and draws priority groups first', () => {
    const a = draw(seed, entries);
    expect(draw(seed, [...entries].reverse())).toEqual(a);
    const firstNonPriority = a.findIndex((e) => e.priorityGroup !== 0);
    expect(a.slice(0, firstNonPriority).every((e) => e.priorityGroup === 0)).toBe(true);
    expect(a.slice(firstNonPriority).every((e) => e.priorityGroup === 4)).toBe(true);
    expect(draw('b'.repeat(64), entries).map((e) => e.ref)).not.toEqual(a.map((e) => e.ref));
  });

  it('verifies a published result and catches a changed rank or seed', () => {
    const published = {
      seedHash: commitSeed(seed),
      seed,
      entries: draw(seed, entries).map(({ ref, priorityGroup, rank }) => ({ ref, priorityGroup, rank })),
    };
    expect(verifyLottery(published)).toEqual({ ok: true, entries: 50 });
    const swapped = structuredClone(published);
    const [x, y] = [swapped.entries[0], swapped.entries[1]];
    if (x && y) [x.rank, y.rank] = [y.rank, x.rank];
    expect(verifyLottery(swapped).ok).toBe(false);
    expect(verifyLottery({ ...published, seed: 'c'.repeat(64) })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('hash'),
    });
  });

  it('priority group is the first flag in campaign order', () => {
    expect(priorityGroupOf(['bothEmployed', 'hardship'], ['hardship', 'bothEmployed'])).toBe(0);
    expect(priorityGroupOf(['bothEmployed', 'hardship'], ['hardship'])).toBe(1);
    expect(priorityGroupOf(['bothEmployed', 'hardship'], [])).toBe(2);
  });
});

describe('places', () => {
  it('never passes capacity, and keeps kindergarten within the cap inclusive', () => {
    expect(decidePlace({ capacity: 20, taken: 20, kindergartenTaken: 0 }, false, 0.1)).toEqual({
      kind: 'waitlist',
      reason: 'full',
    });
    expect(decidePlace({ capacity: 20, taken: 19, kindergartenTaken: 1 }, true, 0.1)).toEqual({ kind: 'place' }); // 2 of 20
    expect(decidePlace({ capacity: 30, taken: 20, kindergartenTaken: 2 }, true, 0.1)).toMatchObject({
      reason: 'kindergartenCap',
    }); // 3 of 21
  });

  it('property: admitting by decidePlace keeps every prefix within capacity and the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.boolean(), { maxLength: 120 }),
        fc.constantFrom(0, 0.1, 0.15),
        (capacity, kids, cap) => {
          const c = { capacity, taken: 0, kindergartenTaken: 0 };
          for (const k of kids) {
            if (decidePlace(c, k, cap).kind === 'place') {
              c.taken++;
              if (k) c.kindergartenTaken++;
            }
            expect(c.taken).toBeLessThanOrEqual(capacity);
            if (c.taken > 0) expect(c.kindergartenTaken / c.taken).toBeLessThanOrEqual(cap + 1e-9);
          }
        },
      ),
    );
  });

  it('overlap of date ranges', () => {
    expect(datesOverlap('2026-07-01', '2026-07-31', '2026-07-31', '2026-08-15')).toBe(true);
    expect(datesOverlap('2026-07-01', '2026-07-30', '2026-07-31', '2026-08-15')).toBe(false);
  });
});
