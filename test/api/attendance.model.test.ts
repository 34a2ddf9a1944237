/**
 * Exactly once under replayed and reordered offline queues: random sets of check-ins/check-outs from several
 * phones are posted in shuffled, duplicated, overlapping batches; attendance_days must equal the pure model
 * (projectDay of the set of events), whatever the order of arrival, and every event is stored once.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectDay } from '../../src/domain/attendance/projection.js';
import { attendanceDays, attendanceEvents } from '../../src/server/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';

describe('attendance events against the model', () => {
  let t: TestApp;
  let rc: RunningClass;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.now = new Date('2026-06-01T09:00:00Z'); // 17:00 China
    rc = await buildRunningClass(t, { children: 3 });
  });
  afterAll(() => t.close());

  it('replays and reorderings change nothing; the state is projectDay of the set', async () => {
    const childIds = rc.children.map((c) => c.id);
    const ids = rc.children.map((c) => c.id);
    let run = 0;
    const eventArb = fc.record({
      child: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom('check_in' as const, 'check_out' as const),
      // Minutes after 08:00 China on the day; collisions are likely, so the clientId tie-break matters.
      minute: fc.integer({ min: 0, max: 8 }),
      device: fc.constantFrom('a', 'b', 'c'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 14 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        async (raw, shuffleKeys, batchSize) => {
          run++;
          const db = t.database.db;
          await db.delete(attendanceDays).where(inArray(attendanceDays.childId, childIds));
          // Events are append-only at the database; the test starts each run afresh with the guard lifted.
          await t.database.rows(sql`ALTER TABLE attendance_events DISABLE TRIGGER attendance_events_append_only`);
          await db.delete(attendanceEvents).where(inArray(attendanceEvents.childId, childIds));
          await t.database.rows(sql`ALTER TABLE attendance_events ENABLE TRIGGER attendance_events_append_only`);
          const events = raw.map((r, i) => {
            const kid = rc.children[r.child] as RunningClass['children'][number];
            return {
              clientId: `run${run}-${r.device}-${String(i).padStart(3, '0')}-${'x'.repeat(4)}`,
              classId: rc.classId,
              childId: kid.id,
              kind: r.kind,
              occurredAt: new Date(Date.UTC(2026, 5, 1, 0, r.minute)).toISOString(),
              ...(r.kind === 'check_out' ? { pickupAdultId: kid.allowedAdultId } : {}),
            };
          });
          // The queue as the phones send it: every event at least once, some twice, in a scrambled order.
          const queue = [...events, ...events.filter((_, i) => (shuffleKeys[i % shuffleKeys.length] ?? 0) % 3 === 0)];
          const order = queue
            .map((e, i) => ({ e, k: shuffleKeys[i % shuffleKeys.length] ?? 0, i }))
            .sort((a, b) => a.k - b.k || b.i - a.i)
            .map((x) => x.e);
          const outcomes = new Map<string, string[]>();
          for (let i = 0; i < order.length; i += batchSize) {
            const r = await rc.head.agent.post('/api/attendance/events', {
              deviceId: 'model',
              events: order.slice(i, i + batchSize),
            });
            expect(r.statusCode).toBe(200);
            for (const x of r.json().results as { clientId: string; outcome: string }[])
              outcomes.set(x.clientId, [...(outcomes.get(x.clientId) ?? []), x.outcome]);
          }
          // Each event stored exactly once; a clientId seen again is a replay.
          const stored = await db.select().from(attendanceEvents).where(inArray(attendanceEvents.childId, childIds));
          expect(stored.map((e) => e.clientId).sort()).toEqual(events.map((e) => e.clientId).sort());
          for (const [, outs] of outcomes) {
            expect(outs.filter((o) => o !== 'replayed')).toHaveLength(1);
          }
          // The day of each child equals the model's projection of the set.
          const rows = await db
            .select()
            .from(attendanceDays)
            .where(and(inArray(attendanceDays.childId, childIds), eq(attendanceDays.day, '2026-06-01')));
          for (const id of ids) {
            const mine = events.filter((e) => e.childId === id);
            const row = rows.find((r) => r.childId === id);
            if (!mine.length) {
              expect(row).toBeUndefined();
              continue;
            }
            const model = projectDay(mine).state;
            expect({
              status: row?.status,
              checkInAt: row?.checkInAt?.toISOString() ?? null,
              checkOutAt: row?.checkOutAt?.toISOString() ?? null,
              pickupAdultId: row?.pickupAdultId ?? null,
            }).toEqual({
              status: model.status,
              checkInAt: model.checkInAt?.toISOString() ?? null,
              checkOutAt: model.checkOutAt?.toISOString() ?? null,
              pickupAdultId: model.pickupAdultId,
            });
            // The stored winners are the model's winners.
            const winIds = new Set(
              stored
                .filter((s) => s.id === row?.checkInEventId || s.id === row?.checkOutEventId)
                .map((s) => s.clientId),
            );
            expect(winIds).toEqual(projectDay(mine).winners);
          }
          // Replaying the whole queue again changes nothing.
          const before = await db.select().from(attendanceDays).where(inArray(attendanceDays.childId, childIds));
          const again = await rc.head.agent.post('/api/attendance/events', { events: order.slice(0, 500) });
          expect(again.json().results.every((x: { outcome: string }) => x.outcome === 'replayed')).toBe(true);
          const after = await db.select().from(attendanceDays).where(inArray(attendanceDays.childId, childIds));
          expect(after).toEqual(before);
        },
      ),
      { numRuns: 25 },
    );
  });
});
