/**
 * The door and the alerts tell the truth (issue 12): a door event writes today only (no back-dating: past days change
 * through corrections), a check-in outside the class's hours needs the staff member's confirmation and the record
 * keeps it, a registered guardian may always pick up their own child, a malformed pickup code is told apart from an
 * unknown one, and the "not picked up" alert waits for closing time.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceDays, attendanceEvents, notifications } from '../../src/server/db/schema.js';
import { raiseAttendanceAlerts } from '../../src/server/modules/attendance/attendance.alerts.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';

type Ev = {
  clientId?: string;
  childId: number;
  kind: 'check_in' | 'check_out';
  occurredAt?: string;
  pickupAdultId?: number;
  pickupCode?: string;
  pickupGuardianId?: number;
  confirmOutsideHours?: boolean;
};

describe('the door tells the truth', () => {
  let t: TestApp;
  let rc: RunningClass;

  const post = (agent: Agent, events: Ev[]) =>
    agent.post('/api/attendance/events', {
      deviceId: 'phone-truth',
      events: events.map((e) => ({
        clientId: e.clientId ?? randomUUID(),
        classId: rc.classId,
        occurredAt: e.occurredAt ?? t.clock.now.toISOString(),
        ...e,
      })),
    });
  const kid = (i: number) => rc.children[i] as RunningClass['children'][number];
  const eventsOf = (childId: number) =>
    t.database.db.select().from(attendanceEvents).where(eq(attendanceEvents.childId, childId));

  beforeAll(async () => {
    t = await createTestApp();
    // Monday 2026-06-01, 16:00 China; the class runs 08:00–17:30 on working days.
    t.clock.now = new Date('2026-06-01T08:00:00Z');
    rc = await buildRunningClass(t, {
      children: 5,
      paperwork: true,
      startDate: '2026-05-25',
      endDate: '2026-06-19',
    });
  });
  afterAll(() => t.close());

  it('no back-dating: a tap of another day is refused and writes nothing; this morning synced now is taken', async () => {
    const door = await rc.head.login();
    const c = kid(0);
    // A volunteer posts last week's check-in: refused, nothing stored, last week stays absent.
    const lastWeek = await post(door, [{ childId: c.id, kind: 'check_in', occurredAt: '2026-05-26T01:00:00Z' }]);
    expect(lastWeek.statusCode).toBe(200);
    expect(lastWeek.json().results[0]).toMatchObject({ outcome: 'refused', code: 'OCCURRED_ON_OTHER_DAY' });
    expect(lastWeek.json().results[0].message).toContain('2026-05-26');
    expect(lastWeek.json().results[0].message).toContain('更正');
    // Yesterday evening's offline queue synced this afternoon: refused too, also in a batch with today's taps.
    const yesterday = await post(door, [
      { childId: c.id, kind: 'check_in', occurredAt: '2026-05-29T09:00:00Z' },
      { childId: kid(1).id, kind: 'check_in', occurredAt: '2026-06-01T01:00:00Z' },
    ]);
    expect(yesterday.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(['refused', 'applied']);
    expect(await eventsOf(c.id)).toHaveLength(0);
    const rows = await t.database.db.select().from(attendanceDays).where(eq(attendanceDays.childId, c.id));
    expect(rows).toHaveLength(0);
    // This morning's tap (09:00 China), queued offline and synced now (16:00): taken, at its own time.
    const morning = await post(door, [{ childId: c.id, kind: 'check_in', occurredAt: '2026-06-01T01:00:00Z' }]);
    expect(morning.json().results[0].outcome).toBe('applied');
    expect(morning.json().children[0]).toMatchObject({ status: 'present', checkInAt: '2026-06-01T01:00:00.000Z' });
    // The past changes only through a correction, with its reason.
    const fixed = await door.post(`/api/classes/${rc.classId}/attendance/corrections`, {
      childId: c.id,
      day: '2026-05-29',
      set: { status: 'present' },
      reason: '家长补交了纸质签到表',
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ day: '2026-05-29', status: 'present', corrected: true });
  });

  it('a check-in outside the hours asks for a confirmation, and the record keeps it', async () => {
    // Tuesday 07:30 China: before opening.
    t.clock.now = new Date('2026-06-01T23:30:00Z');
    let door = await rc.head.login();
    const c = kid(2);
    const early = await post(door, [{ childId: c.id, kind: 'check_in' }]);
    expect(early.json().results[0]).toMatchObject({ outcome: 'refused', code: 'OUTSIDE_HOURS' });
    expect(early.json().results[0].message).toContain('08:00–17:30');
    expect(await eventsOf(c.id)).toHaveLength(0);
    const confirmed = await post(door, [{ childId: c.id, kind: 'check_in', confirmOutsideHours: true }]);
    expect(confirmed.json().results[0].outcome).toBe('applied');
    expect(confirmed.json().children[0].status).toBe('present');
    const evs = (await door.get(`/api/classes/${rc.classId}/attendance/events?childId=${c.id}&day=2026-06-02`)).json()
      .items;
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({
      kind: 'check_in',
      actorName: rc.head.displayName,
      data: { outsideHours: { reason: 'before_opening', confirmed: true } },
    });

    // Tuesday 18:00: after closing a check-in needs the confirmation; a check-out does not.
    t.clock.now = new Date('2026-06-02T10:00:00Z');
    door = await rc.head.login();
    const late = await post(door, [{ childId: kid(3).id, kind: 'check_in' }]);
    expect(late.json().results[0]).toMatchObject({ outcome: 'refused', code: 'OUTSIDE_HOURS' });
    const out = await post(door, [{ childId: c.id, kind: 'check_out', pickupAdultId: c.allowedAdultId }]);
    expect(out.json().results[0].outcome).toBe('applied');

    // Saturday 10:00: not a class day.
    t.clock.now = new Date('2026-06-06T02:00:00Z');
    door = await rc.head.login();
    const saturday = await post(door, [{ childId: kid(3).id, kind: 'check_in' }]);
    expect(saturday.json().results[0]).toMatchObject({ outcome: 'refused', code: 'OUTSIDE_HOURS' });
    expect(saturday.json().results[0].message).toContain('不是本班的托管日');
    const sat = await post(door, [{ childId: kid(3).id, kind: 'check_in', confirmOutsideHours: true }]);
    expect(sat.json().results[0].outcome).toBe('applied');
    const [row] = await t.database.db
      .select()
      .from(attendanceEvents)
      .where(and(eq(attendanceEvents.childId, kid(3).id), eq(attendanceEvents.day, '2026-06-06')));
    expect(row?.data).toEqual({ outsideHours: { reason: 'not_class_day', confirmed: true } });
  });

  it('a registered guardian may pick up their own child; pickup codes: malformed and unknown say different things', async () => {
    // Monday 2026-06-08, 16:00.
    t.clock.now = new Date('2026-06-08T08:00:00Z');
    const door = await rc.head.login();
    const c = kid(4);
    await post(door, [{ childId: c.id, kind: 'check_in', occurredAt: '2026-06-08T00:30:00Z' }]);
    // The door list names the guardians next to the pickup adults.
    const list = (await door.get(`/api/classes/${rc.classId}/door`)).json();
    const shown = list.children.find((x: { childId: number }) => x.childId === c.id);
    expect(shown.guardians).toEqual([{ userId: c.guardianUserId, name: '家长5' }]);
    expect(shown.pickupAdults.map((a: { name: string }) => a.name)).not.toContain('家长5');

    // A malformed code says what a code looks like, is not "接送码无效", and writes nothing.
    const before = (await eventsOf(c.id)).length;
    const malformed = await post(door, [{ childId: c.id, kind: 'check_out', pickupCode: 'AB12' }]);
    expect(malformed.json().results[0]).toMatchObject({ outcome: 'refused', code: 'PICKUP_CODE_MALFORMED' });
    expect(malformed.json().results[0].message).toContain('ABCD-EFGH');
    expect(malformed.json().results[0].message).not.toContain('接送码无效');
    const ambiguous = await post(door, [{ childId: c.id, kind: 'check_out', pickupCode: 'ABCD-EFG0' }]);
    expect(ambiguous.json().results[0].code).toBe('PICKUP_CODE_MALFORMED');
    expect(await eventsOf(c.id)).toHaveLength(before);
    // A well-formed code nobody holds is "接送码无效", recorded and alerted.
    const unknown = await post(door, [{ childId: c.id, kind: 'check_out', pickupCode: 'zzzz-zzzz' }]);
    expect(unknown.json().results[0]).toMatchObject({ outcome: 'refused', code: 'PICKUP_CODE_UNKNOWN' });
    expect(unknown.json().results[0].message).toContain('接送码无效');
    expect(unknown.json().results[0].message).toContain('没有这个接送码');
    expect(await eventsOf(c.id)).toHaveLength(before + 1);

    // Another family's guardian may not take this child.
    const stranger = await post(door, [{ childId: c.id, kind: 'check_out', pickupGuardianId: kid(0).guardianUserId }]);
    expect(stranger.json().results[0]).toMatchObject({ outcome: 'refused', code: 'PICKUP_NOT_AUTHORISED' });
    // The child's own guardian, not on the pickup list: taken, and the record names them.
    const own = await post(door, [{ childId: c.id, kind: 'check_out', pickupGuardianId: c.guardianUserId }]);
    expect(own.json().results[0].outcome).toBe('applied');
    expect(own.json().children[0]).toMatchObject({ status: 'left', pickedUpBy: '家长5' });
    const again = (await door.get(`/api/classes/${rc.classId}/door`)).json();
    expect(again.children.find((x: { childId: number }) => x.childId === c.id).pickedUpBy).toBe('家长5');
    const [out] = await t.database.db
      .select()
      .from(attendanceEvents)
      .where(and(eq(attendanceEvents.childId, c.id), eq(attendanceEvents.kind, 'check_out')));
    expect(out).toMatchObject({ pickupMethod: 'guardian', pickupAdultId: null });
    expect(out?.data).toEqual({ guardian: { userId: c.guardianUserId, name: '家长5' } });
  });

  it('the "not picked up" alert waits for closing time and names only children in and not out', async () => {
    // Tuesday 2026-06-09: two children in at 08:30, one picked up at 16:00.
    t.clock.now = new Date('2026-06-09T00:30:00Z');
    let door = await rc.head.login();
    await post(door, [
      { childId: kid(0).id, kind: 'check_in' },
      { childId: kid(1).id, kind: 'check_in' },
    ]);
    t.clock.now = new Date('2026-06-09T08:00:00Z');
    door = await rc.head.login();
    await post(door, [{ childId: kid(0).id, kind: 'check_out', pickupAdultId: kid(0).allowedAdultId }]);
    // 17:29: still open, no pick-up alert (the arrival alert, already past 09:30, names the others).
    t.clock.now = new Date('2026-06-09T09:29:00Z');
    expect((await raiseAttendanceAlerts(t.database.db, t.clock.now)).pickup).toBe(0);
    // 17:30: closed; one child in and not out.
    t.clock.now = new Date('2026-06-09T09:30:00Z');
    expect(await raiseAttendanceAlerts(t.database.db, t.clock.now)).toEqual({ arrival: 0, pickup: 1 });
    const [alert] = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, rc.head.userId), eq(notifications.kind, 'attendance.not_picked_up')));
    expect(alert?.body).toContain(kid(1).name);
    expect(alert?.body).not.toContain(kid(0).name);
  });
});
