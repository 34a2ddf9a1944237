/**
 * A staff member's own marks from the door screen (#17: hours "come from their own door check-ins"): marks made on
 * the phone, maybe offline, each with its clientId and time. A batch sent again changes nothing (replayed); someone
 * not on the class's roster is refused, as are marks dated another day or in the future; hours count from the
 * marks' own times, not from when they reached the server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffDoorEvents } from '../../src/server/db/tables/volunteers.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';

const mark = (classId: number, kind: 'in' | 'out', at: Date, clientId: string) => ({
  clientId,
  classId,
  kind,
  occurredAt: at.toISOString(),
});

describe('POST /api/volunteers/me/marks', () => {
  let t: TestApp;
  let dataDir: string;
  let rc: RunningClass;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-marks-'));
    t = await createTestApp({ dataDir });
    rc = await buildRunningClass(t, { children: 1 });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('401 without a session, 400 on a malformed mark', async () => {
    const now = t.clock.now;
    expect(
      (await t.anonymous().post('/api/volunteers/me/marks', { marks: [mark(rc.classId, 'in', now, 'mark-anon-1')] }))
        .statusCode,
    ).toBe(401);
    const me = await rc.head.login();
    expect((await me.post('/api/volunteers/me/marks', { marks: [] })).statusCode).toBe(400);
    expect(
      (
        await me.post('/api/volunteers/me/marks', {
          marks: [{ ...mark(rc.classId, 'in', now, 'mark-bad-1'), kind: 'sideways' }],
        })
      ).statusCode,
    ).toBe(400);
  });

  it('an offline queue synced later: stored once with the phone’s times; the replay changes nothing', async () => {
    const arrived = new Date(t.clock.now.getTime());
    const left = new Date(arrived.getTime() + 2 * 3_600_000 + 15 * 60_000);
    t.clock.advance(3 * 3_600_000); // the phone comes back online three hours after arriving
    const me = await rc.head.login();
    const batch = {
      marks: [mark(rc.classId, 'out', left, 'mark-out-0001'), mark(rc.classId, 'in', arrived, 'mark-in-00001')],
    };
    const first = await me.post('/api/volunteers/me/marks', batch);
    expect(first.statusCode).toBe(200);
    expect(first.json().results).toEqual([
      { clientId: 'mark-out-0001', outcome: 'applied' },
      { clientId: 'mark-in-00001', outcome: 'applied' },
    ]);
    const item = first.json().items.find((i: { classId: number }) => i.classId === rc.classId);
    expect(item.marksToday.map((m: { kind: string }) => m.kind)).toEqual(['in', 'out']);
    expect(new Date(item.marksToday[0].at).getTime()).toBe(arrived.getTime());

    const again = await me.post('/api/volunteers/me/marks', batch);
    expect(again.statusCode).toBe(200);
    expect(again.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(['replayed', 'replayed']);
    const stored = await t.database.db.select().from(staffDoorEvents).where(eq(staffDoorEvents.userId, rc.head.userId));
    expect(stored.map((s) => [s.kind, s.clientId])).toEqual([
      ['in', 'mark-in-00001'],
      ['out', 'mark-out-0001'],
    ]);
    // Hours from the phone's times: 2 h 15 min, whatever time the marks reached the server.
    const hours = (await me.get('/api/volunteers/me/hours')).json();
    expect(hours.total).toMatchObject({ days: 1, minutes: 135, openDays: 0 });
  });

  it('refuses someone not on the class’s staff, another day, the future and a clientId already used', async () => {
    const now = t.clock.now;
    const other = await rc.otherStaff.login();
    const refused = await other.post('/api/volunteers/me/marks', {
      marks: [mark(rc.classId, 'in', now, 'mark-other-01')],
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().results[0]).toMatchObject({ outcome: 'refused', code: 'NOT_ON_ROSTER' });
    expect(refused.json().results[0].message).toContain('工作人员名单');
    // The same answer for a class that does not exist (nothing learnt about other classes).
    const none = await other.post('/api/volunteers/me/marks', {
      marks: [mark(rc.classId + 9999, 'in', now, 'mark-other-02')],
    });
    expect(none.json().results[0]).toMatchObject({ outcome: 'refused', code: 'NOT_ON_ROSTER' });
    // Someone else's clientId is not theirs to replay.
    const stolen = await other.post('/api/volunteers/me/marks', {
      marks: [mark(rc.classId, 'in', now, 'mark-in-00001')],
    });
    expect(stolen.json().results[0]).toMatchObject({ outcome: 'refused', code: 'CLIENT_ID_CONFLICT' });
    const rows = await t.database.db
      .select()
      .from(staffDoorEvents)
      .where(eq(staffDoorEvents.userId, rc.otherStaff.userId));
    expect(rows).toEqual([]);

    const me = await rc.head.login();
    const odd = await me.post('/api/volunteers/me/marks', {
      marks: [
        mark(rc.classId, 'in', new Date(now.getTime() - 26 * 3_600_000), 'mark-yday-001'),
        mark(rc.classId, 'in', new Date(now.getTime() + 3_600_000), 'mark-future-1'),
        mark(rc.classId, 'out', now, 'mark-notin-01'),
      ],
    });
    expect(odd.json().results.map((r: { code?: string }) => r.code)).toEqual([
      'OCCURRED_ON_OTHER_DAY',
      'OCCURRED_IN_FUTURE',
      'NOT_IN',
    ]);
    // English when asked.
    me.lang = 'en';
    const en = await me.post('/api/volunteers/me/marks', { marks: [mark(rc.classId, 'out', now, 'mark-notin-02')] });
    expect(en.json().results[0].message).toBe('Not checked in');
  });
});
