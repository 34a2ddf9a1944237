/**
 * Issue 12: the official calendar the city enters reaches attendance too — the door, the grid and the parents' app
 * count a class's days with it (bundled data, then the city's entries, then the campaign's own dates). 2027 is not
 * bundled: before the city enters its National Day holiday, Monday 2027-10-04 is a class day; after, it is not (a
 * check-in then needs the staff member's confirmation), and the make-up Saturday 2027-10-09 is one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildUser, PASSWORD } from '../support/factories.js';

describe('attendance counts class days with the entered calendar', () => {
  let t: TestApp;
  let rc: RunningClass;
  let city: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    // Monday 2027-10-04, 10:00 China.
    t.clock.now = new Date('2027-10-04T02:00:00Z');
    rc = await buildRunningClass(t, { children: 2, paperwork: true, startDate: '2027-09-27', endDate: '2027-10-22' });
    city = await t.agent((await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
  });
  afterAll(() => t.close());

  it('the door, the grid and the parents see the city’s holidays and make-up workdays', async () => {
    const door = await rc.head.login();
    const view = () => door.get(`/api/classes/${rc.classId}/door`);
    expect((await view()).json().class.classDay).toBe(true);

    const saved = await city.put('/api/calendar/2027', {
      holidays: ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
      workdays: ['2027-10-09'],
    });
    expect(saved.statusCode).toBe(200);

    expect((await view()).json().class.classDay).toBe(false);
    const tap = await door.post('/api/attendance/events', {
      deviceId: 'phone-cal',
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
    expect(tap.json().results?.[0], tap.body).toMatchObject({ outcome: 'refused', code: 'OUTSIDE_HOURS' });

    const grid = (await door.get(`/api/classes/${rc.classId}/attendance?from=2027-09-27&to=2027-10-15`)).json();
    expect(grid.days).not.toContain('2027-10-01');
    expect(grid.days).not.toContain('2027-10-04');
    expect(grid.days).toContain('2027-10-09');
    expect(grid.days).toContain('2027-09-30');

    // A parent reporting the holiday week off is told there is no class day in it (bundled-only, all weekdays).
    const parent = await rc.guardian(0).login();
    const off = await parent.post(`/api/parent/children/${rc.children[0]?.id}/absences`, {
      classId: rc.classId,
      from: '2027-10-05',
      to: '2027-10-07',
      reason: 'personal',
    });
    expect(off.statusCode, off.body).toBe(400);
    expect(off.json().message).toMatch(/没有托管日/);

    // The make-up Saturday is a class day at the door.
    t.clock.now = new Date('2027-10-09T02:00:00Z');
    const saturday = (await rc.head.login()).get(`/api/classes/${rc.classId}/door`);
    expect((await saturday).json().class.classDay).toBe(true);
  });
});
