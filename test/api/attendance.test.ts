import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceEvents, auditLog, notifications, ruleVerdicts } from '../../src/server/db/schema.js';
import { raiseAttendanceAlerts } from '../../src/server/modules/attendance/attendance.alerts.js';
import { reevaluateRunning } from '../../src/server/modules/compliance/compliance.service.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';

type Ev = {
  clientId?: string;
  classId: number;
  childId: number;
  kind: 'check_in' | 'check_out';
  occurredAt?: string;
  pickupAdultId?: number;
  pickupCode?: string;
};

describe('attendance', () => {
  let t: TestApp;
  let rc: RunningClass;
  let door: Agent;

  const post = (agent: Agent, events: Ev[], deviceId = 'phone-1') =>
    agent.post('/api/attendance/events', {
      deviceId,
      events: events.map((e) => ({
        clientId: e.clientId ?? randomUUID(),
        occurredAt: e.occurredAt ?? t.clock.now.toISOString(),
        ...e,
      })),
    });
  const minutesAgo = (m: number) => new Date(t.clock.now.getTime() - m * 60_000).toISOString();

  beforeAll(async () => {
    t = await createTestApp();
    rc = await buildRunningClass(t, { children: 6 });
    door = rc.head.agent;
  });
  afterAll(() => t.close());

  it('401 anonymous, 403/404 outsiders, 400 bad bodies', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/door/classes')).statusCode).toBe(401);
    expect((await anon.get(`/api/classes/${rc.classId}/door`)).statusCode).toBe(401);
    expect((await anon.post('/api/attendance/events', { events: [] })).statusCode).toBe(401);
    // The district sees the class but does not work its door; a parent does not see it at all.
    const district = await rc.districtAdmin.login();
    expect((await district.get(`/api/classes/${rc.classId}/door`)).statusCode).toBe(403);
    const parent = await rc.guardian(0).login();
    expect((await parent.get(`/api/classes/${rc.classId}/door`)).statusCode).toBe(404);
    expect((await parent.get('/api/door/classes')).json().items).toEqual([]);
    const kid = rc.children[0]?.id as number;
    const refused = await post(parent, [{ classId: rc.classId, childId: kid, kind: 'check_in' }]);
    expect(refused.statusCode).toBe(200);
    expect(refused.json().results[0]).toMatchObject({ outcome: 'refused', code: 'CLASS_NOT_FOUND' });
    // Body shape errors are a 400 naming the field.
    const empty = await door.post('/api/attendance/events', { events: [] });
    expect(empty.statusCode).toBe(400);
    const bad = await door.post('/api/attendance/events', {
      events: [{ clientId: randomUUID(), classId: rc.classId, childId: kid, kind: 'arrive', occurredAt: 'x' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('events.0');
    expect((await door.get(`/api/classes/${rc.classId}/door?day=2026-13-01`)).statusCode).toBe(400);
    const shortReason = await door.post(`/api/classes/${rc.classId}/attendance/corrections`, {
      childId: kid,
      day: '2026-06-01',
      set: { status: 'present' },
      reason: 'x',
    });
    expect(shortReason.statusCode).toBe(400);
  });

  it('the door list: enrolled children with initials, health notes, adults and counts', async () => {
    const list = (await door.get('/api/door/classes')).json().items;
    expect(list.map((c: { id: number }) => c.id)).toContain(rc.classId);
    const v = await door.get(`/api/classes/${rc.classId}/door`);
    expect(v.statusCode).toBe(200);
    const body = v.json();
    expect(body.day).toBe('2026-06-01');
    expect(body.counts).toMatchObject({ enrolled: 6, present: 0, missing: 6 });
    const zhang = body.children.find((c: { name: string }) => c.name === '张小明');
    expect(zhang).toMatchObject({ initials: 'zxm', allergies: '花生过敏', healthAcked: false, status: 'expected' });
    expect(zhang.paperworkMissing).toEqual([]); // signed and insured (test/api/door-paperwork.test.ts: missing)
    expect(zhang.pickupAdults.map((a: { allowed: boolean }) => a.allowed).sort()).toEqual([false, true]);
    const ack = await door.post(`/api/classes/${rc.classId}/door/health-ack`, {
      childId: zhang.childId,
      day: body.day,
    });
    expect(ack.statusCode).toBe(204);
    const again = (await door.get(`/api/classes/${rc.classId}/door`)).json();
    expect(again.children.find((c: { childId: number }) => c.childId === zhang.childId).healthAcked).toBe(true);
  });

  it('a clientId already used by another child-day is answered as a conflict, not silently dropped as a replay', async () => {
    const [one, two] = rc.children.slice(4, 6);
    if (!one || !two) throw new Error('the running class has fewer than six children');
    const id = randomUUID();
    const first = await post(door, [{ clientId: id, classId: rc.classId, childId: one.id, kind: 'check_in' }]);
    expect(first.json().results[0]).toMatchObject({ outcome: 'applied' });
    // A device (buggy or hostile) sends the same id for another child: before, the answer was 'replayed' and the
    // second child's check-in was lost without a word.
    const clash = await post(door, [{ clientId: id, classId: rc.classId, childId: two.id, kind: 'check_in' }]);
    expect(clash.json().results[0]).toMatchObject({ outcome: 'refused', code: 'CLIENT_ID_CONFLICT' });
    expect(clash.json().results[0].message).toContain('编号');
    // The same id for the same child in the other direction is a conflict too; the same event again is a replay.
    const out = await post(door, [
      { clientId: id, classId: rc.classId, childId: one.id, kind: 'check_out', pickupAdultId: one.allowedAdultId },
    ]);
    expect(out.json().results[0]).toMatchObject({ outcome: 'refused', code: 'CLIENT_ID_CONFLICT' });
    const again = await post(door, [{ clientId: id, classId: rc.classId, childId: one.id, kind: 'check_in' }]);
    expect(again.json().results[0]).toMatchObject({ outcome: 'replayed', eventId: first.json().results[0].eventId });
    // Nothing was written for the second child: the door still shows them as expected.
    const stored = await t.database.db.select().from(attendanceEvents).where(eq(attendanceEvents.childId, two.id));
    expect(stored).toEqual([]);
  });

  it('exactly once: replays change nothing, the earliest wins, order of arrival does not matter', async () => {
    const kid = rc.children[1] as RunningClass['children'][number];
    const a = randomUUID();
    const first = await post(door, [
      { clientId: a, classId: rc.classId, childId: kid.id, kind: 'check_in', occurredAt: minutesAgo(30) },
    ]);
    expect(first.json().results[0]).toMatchObject({ clientId: a, outcome: 'applied' });
    expect(first.json().children[0]).toMatchObject({ childId: kid.id, status: 'present' });
    const replay = await post(door, [
      { clientId: a, classId: rc.classId, childId: kid.id, kind: 'check_in', occurredAt: minutesAgo(30) },
    ]);
    expect(replay.json().results[0]).toMatchObject({ outcome: 'replayed', eventId: first.json().results[0].eventId });
    // A second phone, later: a duplicate, kept in the record.
    const dup = await post(
      door,
      [{ classId: rc.classId, childId: kid.id, kind: 'check_in', occurredAt: minutesAgo(10) }],
      'phone-2',
    );
    expect(dup.json().results[0].outcome).toBe('duplicate');
    // An offline phone's EARLIER check-in arrives last: it wins, as if it had arrived in order.
    const early = minutesAgo(50);
    const late = await post(
      door,
      [{ classId: rc.classId, childId: kid.id, kind: 'check_in', occurredAt: early }],
      'phone-3',
    );
    expect(late.json().results[0].outcome).toBe('applied');
    expect(late.json().children[0].checkInAt).toBe(early);
    const evs = (await door.get(`/api/classes/${rc.classId}/attendance/events?childId=${kid.id}&day=2026-06-01`)).json()
      .items;
    expect(evs).toHaveLength(3);
    expect(evs.filter((e: { duplicate: boolean }) => e.duplicate)).toHaveLength(2);
    // No audit row per check-in: the events table is the record.
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'attendance'));
    expect(audits).toHaveLength(0);
    // Guardians hear about the applied check-ins.
    const inbox = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, kid.guardianUserId), eq(notifications.kind, 'attendance.check_in')));
    expect(inbox.length).toBeGreaterThanOrEqual(1);
  });

  it('check-out: only to an authorised adult; not-allowed adults and revoked codes are refused and alerted', async () => {
    const kid = rc.children[2] as RunningClass['children'][number];
    await post(door, [{ classId: rc.classId, childId: kid.id, kind: 'check_in', occurredAt: minutesAgo(120) }]);
    const noAdult = await post(door, [{ classId: rc.classId, childId: kid.id, kind: 'check_out' }]);
    expect(noAdult.json().results[0]).toMatchObject({ outcome: 'refused', code: 'PICKUP_ADULT_REQUIRED' });

    const before = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, rc.unitAdmin.userId))
      .orderBy(notifications.id);
    const stranger = await post(door, [
      { classId: rc.classId, childId: kid.id, kind: 'check_out', pickupAdultId: kid.notAllowedAdultId as number },
    ]);
    expect(stranger.json().results[0]).toMatchObject({ outcome: 'refused', code: 'PICKUP_NOT_ALLOWED' });
    expect(stranger.json().results[0].message).toContain('禁止接送');
    expect(stranger.json().children[0].status).toBe('present');
    const after = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, rc.unitAdmin.userId))
      .orderBy(notifications.id);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ kind: 'attendance.pickup_refused', severity: 'warning' });

    // Another child's adult is not authorised for this one.
    const other = rc.children[3] as RunningClass['children'][number];
    const wrong = await post(door, [
      { classId: rc.classId, childId: kid.id, kind: 'check_out', pickupAdultId: other.allowedAdultId },
    ]);
    expect(wrong.json().results[0].code).toBe('PICKUP_NOT_AUTHORISED');

    // Pickup codes: the guardian issues one, sees it again, revokes it.
    const parent = await rc.guardian(2).login();
    const url = `/api/parent/pickup-adults/${kid.allowedAdultId}/code`;
    expect((await parent.get(url)).json()).toEqual({ code: null, createdAt: null });
    const issued = await parent.post(url);
    expect(issued.statusCode).toBe(200);
    const code = issued.json().code as string;
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect((await parent.get(url)).json().code).toBe(code);
    // Another family cannot read it.
    const otherParent = await rc.guardian(3).login();
    expect((await otherParent.get(url)).statusCode).toBe(404);
    const reissued = (await parent.post(url)).json().code as string;
    expect(reissued).not.toBe(code);
    const revokedOld = await post(door, [
      { classId: rc.classId, childId: kid.id, kind: 'check_out', pickupCode: code },
    ]);
    expect(revokedOld.json().results[0]).toMatchObject({ outcome: 'refused', code: 'PICKUP_CODE_REVOKED' });
    const unknown = await post(door, [
      { classId: rc.classId, childId: kid.id, kind: 'check_out', pickupCode: 'ZZZZZZZZ' },
    ]);
    expect(unknown.json().results[0].code).toBe('PICKUP_CODE_UNKNOWN');
    // The unit admin revokes the current code.
    expect((await rc.unitAdmin.agent.del(`/api/pickup-adults/${kid.allowedAdultId}/code`)).statusCode).toBe(204);
    const revoked = await post(door, [
      { classId: rc.classId, childId: kid.id, kind: 'check_out', pickupCode: reissued.toLowerCase() },
    ]);
    expect(revoked.json().results[0].code).toBe('PICKUP_CODE_REVOKED');
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entity, 'pickup_adult'))
      .orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(['pickup_code.issue', 'pickup_code.issue', 'pickup_code.revoke']);
    // A fresh code works; the record names the adult.
    const good = (await parent.post(url)).json().code as string;
    const out = await post(door, [
      { classId: rc.classId, childId: kid.id, kind: 'check_out', pickupCode: `${good.slice(0, 4)}-${good.slice(4)}` },
    ]);
    expect(out.json().results[0].outcome).toBe('applied');
    expect(out.json().children[0]).toMatchObject({ status: 'left', pickedUpBy: kid.allowedAdultName });
    const refusedRows = await t.database.db
      .select()
      .from(attendanceEvents)
      .where(and(eq(attendanceEvents.childId, kid.id), eq(attendanceEvents.kind, 'refused_check_out')));
    expect(refusedRows.map((r) => r.reason).sort()).toEqual(
      ['not_allowed', 'not_authorised', 'revoked_code', 'revoked_code', 'unknown_code'].sort(),
    );
  });

  it('parents report absence in advance; a checked-in day cannot be marked absent', async () => {
    const kid = rc.children[4] as RunningClass['children'][number];
    const parent = await rc.guardian(4).login();
    const url = `/api/parent/children/${kid.id}/absences`;
    const r = await parent.post(url, {
      classId: rc.classId,
      from: '2026-06-02',
      to: '2026-06-03',
      reason: 'sick',
      note: '发烧',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().days.map((d: { status: string }) => d.status)).toEqual(['sick', 'sick']);
    // Idempotent.
    await parent.post(url, { classId: rc.classId, from: '2026-06-02', to: '2026-06-03', reason: 'sick' });
    const evs = await t.database.db
      .select()
      .from(attendanceEvents)
      .where(and(eq(attendanceEvents.childId, kid.id), eq(attendanceEvents.kind, 'absence')));
    expect(evs).toHaveLength(2);
    expect(
      (await door.get(`/api/classes/${rc.classId}/door?day=2026-06-02`))
        .json()
        .children.find((c: { childId: number }) => c.childId === kid.id),
    ).toMatchObject({ status: 'sick', absenceNote: '发烧' });
    expect(
      (await parent.del(`/api/parent/children/${kid.id}/absences/2026-06-03?classId=${rc.classId}`)).statusCode,
    ).toBe(204);
    const days = (await parent.get(`/api/parent/children/${kid.id}/attendance?classId=${rc.classId}`)).json().days;
    expect(days.find((d: { day: string }) => d.day === '2026-06-03').status).toBe('expected');
    expect(days.find((d: { day: string }) => d.day === '2026-06-02').status).toBe('sick');
    // Checked in today: today cannot be marked absent.
    await post(door, [{ classId: rc.classId, childId: kid.id, kind: 'check_in', occurredAt: minutesAgo(60) }]);
    const clash = await parent.post(url, {
      classId: rc.classId,
      from: '2026-06-01',
      to: '2026-06-01',
      reason: 'personal',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toContain('已签到');
    // Past days are not "in advance"; the door staff cannot use the parent routes for others' children.
    expect(
      (await parent.post(url, { classId: rc.classId, from: '2026-05-29', to: '2026-06-01', reason: 'sick' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await door.post(url, { classId: rc.classId, from: '2026-06-04', to: '2026-06-04', reason: 'sick' })).statusCode,
    ).toBe(404);
  });

  it('corrections keep the original, are refused outside the window for the head, allowed for the district', async () => {
    const kid = rc.children[1] as RunningClass['children'][number];
    const r = await door.post(`/api/classes/${rc.classId}/attendance/corrections`, {
      childId: kid.id,
      day: '2026-06-01',
      set: { status: 'absent' },
      reason: '误签到，孩子当天未到',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'absent', corrected: true });
    const evs = (await door.get(`/api/classes/${rc.classId}/attendance/events?childId=${kid.id}`)).json().items;
    expect(evs.filter((e: { kind: string }) => e.kind === 'check_in')).toHaveLength(3);
    const corr = evs.find((e: { kind: string }) => e.kind === 'correction');
    expect(corr).toMatchObject({
      note: '误签到，孩子当天未到',
      actorName: rc.head.displayName,
      data: { status: 'absent' },
    });
    expect(corr.targetEventId).toBeTypeOf('number');
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'attendance.correct'));
    expect(audit).toHaveLength(1);
    // A staff member who is not the class head may not correct.
    const other = await rc.otherStaff.login();
    const no = await other.post(`/api/classes/${rc.classId}/attendance/corrections`, {
      childId: kid.id,
      day: '2026-06-01',
      set: { status: 'present' },
      reason: '更正',
    });
    expect(no.statusCode).toBe(403);

    // Five days later the window (3 days) has passed for the head, not for the district.
    t.clock.advance(5 * 86_400_000);
    const head = await rc.head.login();
    const late = await head.post(`/api/classes/${rc.classId}/attendance/corrections`, {
      childId: kid.id,
      day: '2026-06-01',
      set: { status: 'present', checkInAt: '2026-06-01T00:30:00.000Z' },
      reason: '更正为出勤',
    });
    expect(late.statusCode).toBe(403);
    expect(late.json().message).toContain('3 天');
    const district = await rc.districtAdmin.login();
    const ok = await district.post(`/api/classes/${rc.classId}/attendance/corrections`, {
      childId: kid.id,
      day: '2026-06-01',
      set: { status: 'present', checkInAt: '2026-06-01T00:30:00.000Z' },
      reason: '更正为出勤',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'present', checkInAt: '2026-06-01T00:30:00.000Z' });
    // The grid tells each what they may correct, so the console offers only that.
    expect((await head.get(`/api/classes/${rc.classId}/attendance`)).json().abilities).toEqual({
      correct: true,
      correctFrom: '2026-06-03',
    });
    expect((await district.get(`/api/classes/${rc.classId}/attendance`)).json().abilities).toEqual({
      correct: true,
      correctFrom: null,
    });
    const other2 = await rc.otherStaff.login();
    expect((await other2.get(`/api/classes/${rc.classId}/attendance`)).json().abilities.correct).toBe(false);
    t.clock.advance(-5 * 86_400_000);
    door = await rc.head.login();
    rc.head.agent = door;
  });
});

describe('attendance alerts, grid, export and the engine', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('09:30: one alert for children neither in nor absent; closing time: one critical alert', async () => {
    // 2026-06-01 00:00 China.
    t.clock.now = new Date('2026-05-31T16:00:00Z');
    const rc = await buildRunningClass(t, { children: 4 });
    const parent = await rc.guardian(3).login();
    await parent.post(`/api/parent/children/${rc.children[3]?.id}/absences`, {
      classId: rc.classId,
      from: '2026-06-01',
      to: '2026-06-01',
      reason: 'personal',
    });
    t.clock.now = new Date('2026-06-01T00:10:00Z'); // 08:10
    const ev = (i: number, kind: 'check_in' | 'check_out', extra = {}) => ({
      clientId: randomUUID(),
      classId: rc.classId,
      childId: rc.children[i]?.id as number,
      kind,
      occurredAt: t.clock.now.toISOString(),
      ...extra,
    });
    const door = await rc.head.login();
    const morning = await door.post('/api/attendance/events', { events: [ev(0, 'check_in'), ev(1, 'check_in')] });
    expect(morning.statusCode).toBe(200);
    expect(await raiseAttendanceAlerts(t.database.db, t.clock.now)).toEqual({ arrival: 0, pickup: 0 });
    t.clock.now = new Date('2026-06-01T01:31:00Z'); // 09:31
    expect(await raiseAttendanceAlerts(t.database.db, t.clock.now)).toEqual({ arrival: 1, pickup: 0 });
    expect(await raiseAttendanceAlerts(t.database.db, t.clock.now)).toEqual({ arrival: 0, pickup: 0 });
    const headInbox = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, rc.head.userId), eq(notifications.kind, 'attendance.arrival_missing')));
    expect(headInbox).toHaveLength(1);
    expect(headInbox[0]?.body).toContain(rc.children[2]?.name);
    const adminInbox = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, rc.unitAdmin.userId), eq(notifications.kind, 'attendance.arrival_missing')));
    expect(adminInbox).toHaveLength(1);
    const guardianInbox = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, rc.children[2]?.guardianUserId as number));
    expect(guardianInbox.map((n) => n.kind)).toEqual(['attendance.arrival_missing']);

    // Child 0 leaves; child 1 is still there after 17:30.
    t.clock.now = new Date('2026-06-01T08:00:00Z'); // 16:00
    const head = await rc.head.login();
    await head.post('/api/attendance/events', {
      events: [ev(0, 'check_out', { pickupAdultId: rc.children[0]?.allowedAdultId })],
    });
    t.clock.now = new Date('2026-06-01T09:35:00Z'); // 17:35
    expect(await raiseAttendanceAlerts(t.database.db, t.clock.now)).toEqual({ arrival: 0, pickup: 1 });
    expect(await raiseAttendanceAlerts(t.database.db, t.clock.now)).toEqual({ arrival: 0, pickup: 0 });
    const critical = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, rc.head.userId), eq(notifications.kind, 'attendance.not_picked_up')));
    expect(critical).toHaveLength(1);
    expect(critical[0]).toMatchObject({ severity: 'critical' });
    expect(critical[0]?.body).toContain(rc.children[1]?.name);
    // Saturday: no class day, no alerts.
    t.clock.now = new Date('2026-06-06T02:00:00Z');
    expect(await raiseAttendanceAlerts(t.database.db, t.clock.now)).toEqual({ arrival: 0, pickup: 0 });
    // Tuesday, first run at 21:40 (a server started late): the day is over, so no "截至 09:30" alert for a day that
    // has closed, and nobody is still checked in to be picked up.
    t.clock.now = new Date('2026-06-02T13:40:00Z');
    expect(await raiseAttendanceAlerts(t.database.db, t.clock.now)).toEqual({ arrival: 0, pickup: 0 });
  });

  it('the grid, the staffing ratio, the xlsx export and the engine rate after a few days', async () => {
    t.clock.now = new Date('2026-06-01T00:00:00Z'); // Monday 08:00 China
    const rc = await buildRunningClass(t, {
      children: 4,
      paperwork: true,
      campaign: { staffing: { maxChildrenPerAdult: 2 } },
    });
    const days = ['2026-06-01', '2026-06-02', '2026-06-03'];
    // Day 1: all four; day 2: three; day 3: two (one sick, reported in advance).
    const present = [
      [0, 1, 2, 3],
      [0, 1, 2],
      [0, 1],
    ];
    const parent = await rc.guardian(3).login();
    await parent.post(`/api/parent/children/${rc.children[3]?.id}/absences`, {
      classId: rc.classId,
      from: '2026-06-03',
      to: '2026-06-03',
      reason: 'sick',
    });
    for (let d = 0; d < days.length; d++) {
      t.clock.now = new Date(`${days[d]}T00:30:00Z`);
      const head = await rc.head.login();
      const r = await head.post('/api/attendance/events', {
        events: (present[d] ?? []).map((i) => ({
          clientId: randomUUID(),
          classId: rc.classId,
          childId: rc.children[i]?.id,
          kind: 'check_in',
          occurredAt: t.clock.now.toISOString(),
        })),
      });
      expect(r.json().results.every((x: { outcome: string }) => x.outcome === 'applied')).toBe(true);
    }
    const admin = await rc.unitAdmin.login();
    const grid = (await admin.get(`/api/classes/${rc.classId}/attendance`)).json();
    expect(grid.days).toEqual(days);
    expect(grid.children).toHaveLength(4);
    const c3 = grid.children.find((c: { childId: number }) => c.childId === rc.children[3]?.id);
    expect(c3.cells['2026-06-03'].status).toBe('sick');
    expect(grid.summary.today).toMatchObject({ enrolled: 4, present: 2, absent: 1, missing: 1 });
    // While today's class is on, the rate so far counts whole days: 7 present of 8 scheduled child-days.
    expect(grid.summary.presentChildDays).toBe(7);
    expect(grid.summary.scheduledChildDays).toBe(8);
    expect(grid.summary.forecast).toBeTypeOf('number');
    // After closing, today counts: 9 present of 12 (sick counts as absence by default).
    const closing = t.clock.now;
    t.clock.now = new Date('2026-06-03T10:00:00Z'); // 18:00 in China
    const evening = (await (await rc.unitAdmin.login()).get(`/api/classes/${rc.classId}/attendance`)).json();
    expect(evening.summary.presentChildDays).toBe(9);
    expect(evening.summary.scheduledChildDays).toBe(12);
    expect(evening.summary.rate).toBeCloseTo(0.75);
    t.clock.now = closing;
    // One head on the roster, at most 2 children per adult.
    expect(grid.summary.staffByDay).toEqual([
      { day: '2026-06-01', present: 4, staff: 1, ratio: 4, short: true },
      { day: '2026-06-02', present: 3, staff: 1, ratio: 3, short: true },
      { day: '2026-06-03', present: 2, staff: 1, ratio: 2, short: false },
    ]);
    expect(grid.summary.staffToday).toMatchObject({ day: '2026-06-03', present: 2 });

    const x = await admin.get(`/api/classes/${rc.classId}/attendance.xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('出勤表');
    if (!ws) throw new Error('no sheet');
    expect(String(ws.getCell(1, 1).value)).toContain(rc.className);
    expect(String(ws.getCell(1, 1).value)).toContain(rc.unitName);
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '姓名', '06-01', '06-02', '06-03', '出勤天数']);
    for (let i = 0; i < 4; i++) {
      const row = (ws.getRow(4 + i).values as unknown[]).slice(1);
      const child = grid.children[i];
      const marks = days.map((d) => {
        const s = child.cells[d].status;
        return s === 'present' || s === 'left' ? '✓' : s === 'sick' ? '病' : s === 'absent' ? '事' : '缺';
      });
      expect(row).toEqual([i + 1, child.name, ...marks, marks.filter((m) => m === '✓').length]);
    }
    expect((ws.getRow(8).values as unknown[]).slice(3)).toEqual([4, 3, 2, 9]);
    // Printed while today's class is on: the rate counts the whole days before today, and says so.
    expect(String((ws.getRow(10).values as unknown[])[2])).toBe('出勤率（截至 2026-06-02）');
    expect(String((ws.getRow(10).values as unknown[])[3])).toContain('87.5%');

    // The engine: re-evaluated by the daily job, the verdict carries the same rate.
    expect(await reevaluateRunning(t.database.db, t.clock.now)).toBeGreaterThanOrEqual(1);
    const [v] = await t.database.db
      .select()
      .from(ruleVerdicts)
      .where(eq(ruleVerdicts.classId, rc.classId))
      .orderBy(desc(ruleVerdicts.id))
      .limit(1);
    const rule = ((v?.results ?? []) as { id: string; status: string; facts: Record<string, number> }[]).find(
      (r) => r.id === 'scale.attendanceRate',
    );
    expect(rule?.facts.rate).toBeCloseTo(0.75);
    expect(rule?.facts.presentChildDays).toBe(9);
    expect(rule?.status).toBe('pass');
    const rates = (await admin.get(`/api/attendance/rates?campaignId=${rc.campaignId}`)).json().items;
    expect(rates).toEqual([expect.objectContaining({ classId: rc.classId, todayPresent: 2, enrolled: 4, rate: 0.75 })]);
  });
});
