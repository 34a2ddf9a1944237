/**
 * One definition, one query (issue 12): the attendance tab's rate, the grid's children and totals, the rates page
 * and the policy engine's scale.attendanceRate agree on the same data — with a child who withdrew mid-class, a
 * child who joined late, and days changed by corrections.
 */
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childFigures } from '../../src/domain/attendance/figures.js';
import { enrolments, ruleVerdicts } from '../../src/server/db/schema.js';
import { reevaluateRunning } from '../../src/server/modules/compliance/compliance.service.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';

describe('attendance figures agree everywhere', () => {
  let t: TestApp;
  let rc: RunningClass;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.now = new Date('2026-06-01T00:00:00Z'); // Monday 08:00 China
    rc = await buildRunningClass(t, { children: 5, paperwork: true, startDate: '2026-06-01', endDate: '2026-06-12' });
  });
  afterAll(() => t.close());

  it('the tab, the grid, the rates page and the engine give one rate', async () => {
    const days = ['2026-06-01', '2026-06-02', '2026-06-03'];
    // Who is in the room each day (child indexes). Child 4 withdraws on the afternoon of day 2, after attending.
    const present = [
      [0, 1, 3, 4],
      [0, 1, 2, 4],
      [0, 1, 2],
    ];
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
      expect(r.json().results.map((x: { outcome: string }) => x.outcome)).toEqual(
        (present[d] ?? []).map(() => 'applied'),
      );
      if (d === 1) {
        t.clock.now = new Date('2026-06-02T07:00:00Z'); // 15:00
        const parent = await rc.guardian(4).login();
        const w = await parent.post(`/api/enrolments/${rc.children[4]?.enrolmentId}/withdraw`, {
          reason: '家里另有安排',
        });
        expect(w.statusCode).toBe(200);
      }
    }
    // Corrections: child 2 was in on day 1 (the paper sheet says so); child 3 was in fact sick on day 2.
    const head = await rc.head.login();
    for (const [i, day, status] of [
      [2, '2026-06-01', 'present'],
      [3, '2026-06-02', 'sick'],
    ] as const) {
      const c = await head.post(`/api/classes/${rc.classId}/attendance/corrections`, {
        childId: rc.children[i]?.id,
        day,
        set: { status },
        reason: '按纸质签到表更正',
      });
      expect(c.statusCode).toBe(200);
    }

    // After closing on day 3: today counts.
    t.clock.now = new Date('2026-06-03T10:00:00Z');
    const admin = await rc.unitAdmin.login();
    const grid = (await admin.get(`/api/classes/${rc.classId}/attendance`)).json();
    expect(grid.summary.rateAsOf).toBe('2026-06-03');
    // The grid lists every child the rate counts, the withdrawn one included and marked.
    expect(grid.children).toHaveLength(5);
    const withdrawn = grid.children.find((c: { childId: number }) => c.childId === rc.children[4]?.id);
    // Attended on the day of the withdrawal: scheduled through that day.
    expect(withdrawn).toMatchObject({ withdrawnOn: '2026-06-03', presentDays: 2 });
    // The grid's totals are the rate's numerator; the tab's figure is numerator ÷ denominator.
    const total = grid.children.reduce((n: number, c: { presentDays: number }) => n + c.presentDays, 0);
    // Present child-days: day 1: 0,1,2(corrected),3,4 = 5; day 2: 0,1,2,4 = 4 (3 sick); day 3: 0,1,2 = 3.
    expect(total).toBe(12);
    expect(grid.summary.presentChildDays).toBe(total);
    // Scheduled: four children × 3 days, and the withdrawn child 2 days.
    expect(grid.summary.scheduledChildDays).toBe(14);
    expect(grid.summary.rate).toBeCloseTo(12 / 14);
    // The present marks of the grid's cells, per counted day, add up to the same total.
    let marks = 0;
    for (const c of grid.children as { cells: Record<string, { status: string }> }[])
      for (const d of days) if (['present', 'left'].includes(c.cells[d]?.status ?? '')) marks++;
    expect(marks).toBe(total);

    // The engine, evaluated by the daily job on the same data.
    await reevaluateRunning(t.database.db, t.clock.now);
    const [v] = await t.database.db
      .select()
      .from(ruleVerdicts)
      .where(eq(ruleVerdicts.classId, rc.classId))
      .orderBy(desc(ruleVerdicts.id))
      .limit(1);
    const rule = ((v?.results ?? []) as { id: string; facts: Record<string, number> }[]).find(
      (r) => r.id === 'scale.attendanceRate',
    );
    expect(rule?.facts.presentChildDays).toBe(grid.summary.presentChildDays);
    expect(rule?.facts.scheduledChildDays).toBe(grid.summary.scheduledChildDays);
    expect(rule?.facts.rate).toBeCloseTo(grid.summary.rate);
    expect(rule?.facts.children).toBe(5);
    // The rates page shows the engine's figure.
    const rates = (await admin.get(`/api/attendance/rates?campaignId=${rc.campaignId}`)).json().items;
    expect(rates.find((r: { classId: number }) => r.classId === rc.classId).rate).toBeCloseTo(grid.summary.rate);
    // The withdrawn child's place is no longer held.
    const [place] = await t.database.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.id, rc.children[4]?.enrolmentId as number));
    expect(place?.status).toBe('withdrawn');
  });

  it('childFigures: scheduled from acceptance or first day seen, until the withdrawal, sick apart', () => {
    const days = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04'];
    const f = childFigures(
      days,
      [
        { enrolmentId: 1, childId: 10, status: 'accepted', acceptedOn: '2026-06-02' },
        { enrolmentId: 2, childId: 11, status: 'withdrawn', acceptedOn: '2026-05-20', withdrawnOn: '2026-06-02' },
        // Withdrawn and accepted again: one child, the live place, the earliest acceptance.
        { enrolmentId: 3, childId: 12, status: 'withdrawn', acceptedOn: '2026-05-20', withdrawnOn: '2026-06-02' },
        { enrolmentId: 4, childId: 12, status: 'accepted', acceptedOn: '2026-06-03' },
      ],
      [
        { childId: 10, day: '2026-06-01', status: 'present' }, // seen before acceptance: counts, from that day
        { childId: 10, day: '2026-06-02', status: 'sick' },
        { childId: 10, day: '2026-06-04', status: 'left' }, // after asOf
        { childId: 11, day: '2026-06-01', status: 'left' },
        { childId: 11, day: '2026-06-03', status: 'present' }, // after the withdrawal, in the room all the same
        { childId: 12, day: '2026-06-01', status: 'present' },
        { childId: 12, day: '2026-06-03', status: 'present' },
        { childId: 13, day: '2026-06-01', status: 'present' }, // no accepted place: not counted
      ],
      '2026-06-03',
    );
    expect(f).toEqual([
      { enrolmentId: 1, childId: 10, live: true, enrolledOn: '2026-06-01', presentDays: 1, sickLeaveDays: 1 },
      {
        enrolmentId: 2,
        childId: 11,
        live: false,
        enrolledOn: '2026-05-20',
        withdrawnOn: '2026-06-04',
        presentDays: 2,
        sickLeaveDays: 0,
      },
      { enrolmentId: 4, childId: 12, live: true, enrolledOn: '2026-05-20', presentDays: 2, sickLeaveDays: 0 },
    ]);
  });
});
