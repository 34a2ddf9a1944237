/**
 * The door's two write paths under concurrency: the fast path (check-ins and list check-outs, compare-and-set on the
 * day row) and the batch path (pickup codes, larger batches; row-locked) writing the same child-days at once, from
 * several phones. Whatever the interleaving, every day row must equal projectDay of that child-day's stored events,
 * and no event may be lost or stored twice. On PostgreSQL this runs truly in parallel.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectDay } from '../../src/domain/attendance/projection.js';
import { attendanceDays, attendanceEvents } from '../../src/server/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';

describe('door writes under concurrency', () => {
  let t: TestApp;
  let rc: RunningClass;
  beforeAll(async () => {
    t = await createTestApp();
    rc = await buildRunningClass(t, { children: 8 });
  });
  afterAll(() => t.close());

  it('three phones and a code reader at once: every day row is the projection of its events', async () => {
    const phones = [await rc.head.login(), await rc.unitAdmin.login(), await rc.head.login()];
    // Each child's guardian issues a pickup code for their allowed adult (the batch path's check-outs).
    const codes = new Map<number, string>();
    for (const [i, kid] of rc.children.entries()) {
      const parent = await rc.guardian(i).login();
      const r = await parent.post(`/api/parent/pickup-adults/${kid.allowedAdultId}/code`, {});
      expect(r.statusCode).toBe(200);
      codes.set(kid.id, r.json().code);
    }
    const base = t.clock.now.getTime();
    const at = (min: number) => new Date(base + min * 60_000).toISOString();
    const sent: string[] = [];
    const ev = (kid: (typeof rc.children)[number], kind: 'check_in' | 'check_out', min: number, extra = {}) => {
      const clientId = randomUUID();
      sent.push(clientId);
      return { clientId, classId: rc.classId, childId: kid.id, kind, occurredAt: at(min), ...extra };
    };
    type Batch = { phone: number; events: object[] };
    const post = (list: Batch[]) =>
      Promise.all(
        list.map((b) =>
          (phones[b.phone] as (typeof phones)[number]).post('/api/attendance/events', { events: b.events }),
        ),
      );
    // Round 1, the fast path only: several phones check each child in (a minute apart) and two check them out from
    // the list, all at once.
    const round1: Batch[] = [];
    for (const kid of rc.children) {
      for (const [phone, min] of [
        [0, -50],
        [1, -52],
        [2, -51],
        [1, -49],
        [0, -48],
      ] as const)
        round1.push({ phone, events: [ev(kid, 'check_in', min)] });
      round1.push({ phone: 2, events: [ev(kid, 'check_out', -5, { pickupAdultId: kid.allowedAdultId })] });
      round1.push({ phone: 1, events: [ev(kid, 'check_out', -4, { pickupAdultId: kid.allowedAdultId })] });
    }
    expect((await post(round1)).map((r) => r.statusCode)).toEqual(round1.map(() => 200));
    await expectProjections();
    // Round 2, both paths at once: the code reader (batch path) and more list check-outs and late check-ins.
    const round2: Batch[] = [];
    for (const kid of rc.children) {
      round2.push({ phone: 0, events: [ev(kid, 'check_out', -6, { pickupCode: codes.get(kid.id) })] });
      round2.push({ phone: 1, events: [ev(kid, 'check_out', -7, { pickupAdultId: kid.allowedAdultId })] });
      round2.push({ phone: 2, events: [ev(kid, 'check_in', -53)] });
    }
    expect((await post(round2)).map((r) => r.statusCode)).toEqual(round2.map(() => 200));
    await expectProjections();
    // And everything again, reordered: nothing changes.
    for (const r of await post([...round1, ...round2].reverse()))
      for (const x of r.json().results) expect(x.outcome).toBe('replayed');
    await expectProjections();

    async function expectProjections() {
      const events = await t.database.db.select().from(attendanceEvents);
      expect(events.filter((e) => sent.includes(e.clientId))).toHaveLength(sent.length);
      const days = await t.database.db.select().from(attendanceDays);
      for (const kid of rc.children) {
        const mine = events.filter((e) => e.childId === kid.id);
        const expected = projectDay(mine).state;
        const row = days.find((d) => d.childId === kid.id);
        expect(row, `day row of child ${kid.id}`).toBeDefined();
        expect({
          status: row?.status,
          checkInEventId: row?.checkInEventId,
          checkOutEventId: row?.checkOutEventId,
          pickupAdultId: row?.pickupAdultId,
        }).toEqual({
          status: expected.status,
          checkInEventId: expected.checkInEventId,
          checkOutEventId: expected.checkOutEventId,
          pickupAdultId: expected.pickupAdultId,
        });
        expect((row?.events as unknown[] | undefined)?.length).toBe(mine.length);
      }
    }
  });
});

describe('evidence is append-only at the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('attendance events refuse UPDATE and DELETE; daily records and incident addenda refuse removal', async () => {
    const rc = await buildRunningClass(t, { children: 1 });
    const r = await rc.head.agent.post('/api/attendance/events', {
      events: [
        {
          clientId: randomUUID(),
          classId: rc.classId,
          childId: rc.children[0]?.id,
          kind: 'check_in',
          occurredAt: t.clock.now.toISOString(),
        },
      ],
    });
    const id = r.json().results[0].eventId;
    await expect(t.database.rows(sql`UPDATE attendance_events SET note = 'x' WHERE id = ${id}`)).rejects.toThrow();
    await expect(t.database.rows(sql`DELETE FROM attendance_events WHERE id = ${id}`)).rejects.toThrow();
    for (const table of ['daily_records', 'incident_addenda']) {
      const refused = await t.database.rows(sql.raw(`TRUNCATE ${table}`)).then(
        () => '',
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
      expect(refused).toContain(`${table} is append-only`);
    }
  });
});
