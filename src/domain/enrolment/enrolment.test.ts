import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_2021 } from '../campaign/template.js';
import { datesOverlap, decidePlace, guardHolds, placeGuard } from './capacity.js';
import { applicationIneligibility } from './eligibility.js';
import { commitSeed, draw, priorityGroupOf, verifyLottery } from './lottery.js';
import { ENROLMENT_STATUSES, HOLDING_STATUSES, isHoldingStatus, isLiveStatus } from './statuses.js';

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

  it('property: wherever the place guard holds, decidePlace decides the same (the optimistic write stays true)', () => {
    const counts = fc
      .record({
        capacity: fc.integer({ min: 1, max: 40 }),
        taken: fc.integer({ min: 0, max: 45 }),
        kindergartenTaken: fc.integer({ min: 0, max: 10 }),
      })
      .filter((c) => c.kindergartenTaken <= c.taken);
    fc.assert(
      fc.property(counts, counts, fc.boolean(), fc.constantFrom(0, 0.1, 0.15), (seen, now, k, share) => {
        const decided = decidePlace(seen, k, share);
        const guard = placeGuard(seen, k, decided);
        expect(guardHolds(guard, seen.taken, seen.kindergartenTaken)).toBe(true);
        const current = { ...now, capacity: seen.capacity };
        if (guardHolds(guard, current.taken, current.kindergartenTaken))
          expect(decidePlace(current, k, share)).toEqual(decided);
      }),
      { numRuns: 2000 },
    );
  });

  it('overlap of date ranges', () => {
    expect(datesOverlap('2026-07-01', '2026-07-31', '2026-07-31', '2026-08-15')).toBe(true);
    expect(datesOverlap('2026-07-01', '2026-07-30', '2026-07-31', '2026-08-15')).toBe(false);
  });
});

describe('application eligibility (P-R1) and statuses', () => {
  const e = TEMPLATE_2021.eligibility; // grades 1–6, kindergarten up to 10 % with self-care
  const child = (grade: string, selfCare: boolean | null = null) => ({ grade, selfCare });

  it('takes a primary grade the campaign and the class offer; kindergarten only with self-care and a share', () => {
    expect(applicationIneligibility(child('3'), [], e)).toBeNull();
    expect(applicationIneligibility(child('5'), [1, 2], e)).toBe('gradeNotTaken');
    expect(applicationIneligibility(child('5'), ['5'], { ...e, gradesAllowed: [1, 2, 3] })).toBe('gradeNotTaken');
    expect(applicationIneligibility(child('K', true), [], e)).toBeNull();
    expect(applicationIneligibility(child('K', null), [], e)).toBe('kindergartenSelfCare');
    expect(applicationIneligibility(child('K', true), [1, 2], e)).toBe('kindergartenNotTaken');
    expect(applicationIneligibility(child('K', true), [], { ...e, kindergartenMaxShare: 0 })).toBe(
      'kindergartenNotTaken',
    );
    expect(applicationIneligibility(child('K', null), [], { ...e, kindergartenSelfCareRequired: false })).toBeNull();
  });

  it('property: a primary child is eligible exactly when both the campaign and the class take the grade', () => {
    const grades = fc.subarray([1, 2, 3, 4, 5, 6] as const);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), grades, grades, (g, allowed, offered) => {
        fc.pre(allowed.length > 0);
        const ok = allowed.includes(g as never) && (offered.length === 0 || offered.includes(g as never));
        expect(applicationIneligibility(child(String(g)), offered, { ...e, gradesAllowed: allowed }) === null).toBe(ok);
      }),
    );
  });

  it('live statuses include the holding ones, and final ones are neither', () => {
    expect(HOLDING_STATUSES.every((s) => isLiveStatus(s))).toBe(true);
    expect(ENROLMENT_STATUSES.filter((s) => !isLiveStatus(s))).toEqual(['withdrawn', 'expired', 'rejected']);
    expect(ENROLMENT_STATUSES.filter(isHoldingStatus)).toEqual(['offered', 'accepted']);
  });
});
