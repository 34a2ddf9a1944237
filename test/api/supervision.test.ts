import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../src/domain/calendar/dates.js';
import { careClasses, notifications, rectificationEvents } from '../../src/server/db/schema.js';
import { escalateItems, unsafeEscalationsOf } from '../../src/server/modules/supervision/supervision.escalations.js';
import { supervisionFigures } from '../../src/server/modules/supervision/supervision.figures.js';
import { publishedCases } from '../../src/server/modules/supervision/supervision.repo.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { multipartBody } from '../support/classes.js';
import { buildUser, PASSWORD } from '../support/factories.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('/api/supervision', () => {
  let t: TestApp;
  let rc: RunningClass;
  let other: RunningClass;
  let district: Agent;
  let otherDistrict: Agent;
  let inspector: Agent;
  let inspectorId: number;
  let outsideInspectorId: number;
  let city: Agent;
  let cityUserId: number;
  let unitAdmin: Agent;
  let staff: Agent;
  let today: string;
  let overdueItemId = 0;

  const submission = (results: unknown[], extra: Record<string, unknown> = {}) => ({
    clientId: randomUUID(),
    visitedOn: today,
    visitedTime: '16:30',
    results,
    headCount: 2,
    ...extra,
  });
  const plan = (kind: 'announced' | 'unannounced', o: Record<string, unknown> = {}) =>
    district.post('/api/supervision/visits', {
      classId: rc.classId,
      kind,
      plannedDate: today,
      inspectorIds: [inspectorId],
      ...o,
    });
  const upload = (agent: Agent, url: string, fields: Record<string, string>) => {
    const { body, contentType } = multipartBody(fields, PNG, 'photo.png');
    return agent.request('POST', url, body, { 'content-type': contentType });
  };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    today = todayInChina(t.clock.now);
    rc = await buildRunningClass(t, { children: 3 });
    other = await buildRunningClass(t, { children: 1 });
    district = await rc.districtAdmin.login();
    otherDistrict = await other.districtAdmin.login();
    unitAdmin = rc.unitAdmin.agent;
    staff = rc.head.agent;
    const insp = await buildUser(db, { role: 'inspector', orgId: rc.districtId });
    inspectorId = insp.id;
    inspector = await t.agent(insp.username, PASSWORD);
    outsideInspectorId = (await buildUser(db, { role: 'inspector', orgId: other.districtId })).id;
    const cityUser = await buildUser(db, { role: 'city_admin', orgId: t.rootId });
    cityUserId = cityUser.id;
    city = await t.agent(cityUser.username, PASSWORD);
    // Two of three children at the door.
    for (const c of rc.children.slice(0, 2)) {
      const r = await staff.post('/api/attendance/events', {
        deviceId: 'door-1',
        events: [
          {
            clientId: randomUUID(),
            classId: rc.classId,
            childId: c.id,
            kind: 'check_in',
            occurredAt: t.clock.now.toISOString(),
          },
        ],
      });
      expect(r.statusCode).toBeLessThan(300);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('401 without a session', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/supervision/visits')).statusCode).toBe(401);
    expect((await anon.get('/api/supervision/items')).statusCode).toBe(401);
    expect((await anon.post('/api/supervision/visits', {})).statusCode).toBe(401);
    expect((await anon.get(`/api/classes/${rc.classId}/rectification`)).statusCode).toBe(401);
  });

  it('403 for those who see the class but may not plan; 404 outside the subtree', async () => {
    const r = await unitAdmin.post('/api/supervision/visits', {
      classId: rc.classId,
      kind: 'announced',
      plannedDate: today,
      inspectorIds: [inspectorId],
    });
    expect(r.statusCode).toBe(403);
    const inspPlans = await inspector.post('/api/supervision/visits', {
      classId: rc.classId,
      kind: 'announced',
      plannedDate: today,
      inspectorIds: [inspectorId],
    });
    expect(inspPlans.statusCode).toBe(403);
    const outside = await otherDistrict.post('/api/supervision/visits', {
      classId: rc.classId,
      kind: 'announced',
      plannedDate: today,
      inspectorIds: [inspectorId],
    });
    expect(outside.statusCode).toBe(404);
  });

  it('400 on bad input: dates out of range, inspectors not in scope, unknown fields', async () => {
    expect((await plan('announced', { plannedDate: '1999-12-31' })).statusCode).toBe(400);
    expect((await plan('announced', { plannedDate: '2026-02-30' })).statusCode).toBe(400);
    expect((await plan('announced', { kind: 'sneaky' })).statusCode).toBe(400);
    expect((await plan('announced', { inspectorIds: [] })).statusCode).toBe(400);
    expect((await plan('announced', { extra: 1 })).statusCode).toBe(400);
    const notInScope = await plan('announced', { inspectorIds: [outsideInspectorId] });
    expect(notInScope.statusCode).toBe(400);
    expect(notInScope.json().code).toBe('VALIDATION_FAILED');
  });

  it('an unannounced visit is hidden from the class staff until it is done', async () => {
    const planned = await plan('unannounced');
    expect(planned.statusCode).toBe(201);
    const id = planned.json().id;
    const announced = (await plan('announced')).json().id;
    for (const a of [staff, unitAdmin]) {
      const ids = (await a.get('/api/supervision/visits')).json().items.map((v: { id: number }) => v.id);
      expect(ids).toContain(announced);
      expect(ids).not.toContain(id);
      expect((await a.get(`/api/supervision/visits/${id}`)).statusCode).toBe(404);
    }
    // The inspector sees it and it is theirs to do; the other district does not see it at all.
    const mine = (await inspector.get('/api/supervision/visits?mine=true')).json();
    expect(mine.items.find((v: { id: number }) => v.id === id).abilities.perform).toBe(true);
    expect((await otherDistrict.get(`/api/supervision/visits/${id}`)).statusCode).toBe(404);
    // No notice of the unannounced visit reached the unit.
    const notices = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, rc.unitAdmin.userId));
    expect(notices.filter((n) => n.kind === 'supervision.visit_announced')).toHaveLength(1);

    const done = await inspector.post(
      `/api/supervision/visits/${id}/submit`,
      submission([
        { key: 'safety', result: 'pass' },
        { key: 'fire', result: 'na' },
      ]),
    );
    expect(done.statusCode).toBe(201);
    expect((await staff.get(`/api/supervision/visits/${id}`)).statusCode).toBe(200);
  });

  it('offline resend with the same clientId is idempotent; the head count is compared with the door', async () => {
    const id = (await plan('announced')).json().id;
    const photo = await upload(inspector, `/api/supervision/visits/${id}/files`, {});
    expect(photo.statusCode).toBe(201);
    const body = submission(
      [
        { key: 'safety', result: 'pass' },
        { key: 'food', result: 'fail', severity: 'high', note: '未按规定留样', fileIds: [photo.json().id] },
        { key: 'headcount', result: 'pass' },
      ],
      { headCount: 2 },
    );
    const first = await inspector.post(`/api/supervision/visits/${id}/submit`, body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'done', headCount: 2, doorPresent: 2, findings: 1 });
    const again = await inspector.post(`/api/supervision/visits/${id}/submit`, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().findings).toBe(1);
    // A different submission for a visit already done is a conflict, not a second set of findings.
    const other = await inspector.post(`/api/supervision/visits/${id}/submit`, { ...body, clientId: randomUUID() });
    expect(other.statusCode).toBe(409);
    const items = (await district.get(`/api/supervision/items?classId=${rc.classId}`)).json().items;
    expect(items.filter((i: { visitId: number }) => i.visitId === id)).toHaveLength(1);
    // A failed item without a severity is refused.
    const id2 = (await plan('announced')).json().id;
    const noSeverity = await inspector.post(
      `/api/supervision/visits/${id2}/submit`,
      submission([{ key: 'fire', result: 'fail' }]),
    );
    expect(noSeverity.statusCode).toBe(400);
    // Someone not an inspector of the visit may not submit it.
    expect((await district.post(`/api/supervision/visits/${id2}/submit`, submission([]))).statusCode).toBe(400);
    expect(
      (await district.post(`/api/supervision/visits/${id2}/submit`, submission([{ key: 'fire', result: 'pass' }])))
        .statusCode,
    ).toBe(403);
  });

  it('rectification lifecycle: respond → send back → respond → close, the history append-only', async () => {
    const id = (await plan('announced')).json().id;
    const done = await inspector.post(
      `/api/supervision/visits/${id}/submit`,
      submission([{ key: 'hygiene', result: 'fail', severity: 'medium', note: '消毒记录缺失' }]),
    );
    expect(done.statusCode).toBe(201);
    const item = (await unitAdmin.get(`/api/supervision/items?classId=${rc.classId}&status=open`))
      .json()
      .items.find((i: { visitId: number }) => i.visitId === id);
    expect(item).toMatchObject({ status: 'open', severity: 'medium', deadline: addDays(today, 7) });
    expect(item.abilities).toEqual({ respond: true, verify: false });
    // The inspector cannot respond; the unit cannot verify; staff cannot respond.
    expect((await inspector.post(`/api/supervision/items/${item.id}/respond`, { text: '已整改' })).statusCode).toBe(
      403,
    );
    expect((await staff.post(`/api/supervision/items/${item.id}/respond`, { text: '已整改' })).statusCode).toBe(403);
    expect((await otherDistrict.post(`/api/supervision/items/${item.id}/respond`, { text: '已整改' })).statusCode).toBe(
      404,
    );

    const evidence = await upload(unitAdmin, `/api/supervision/items/${item.id}/files`, {});
    expect(evidence.statusCode).toBe(201);
    const r1 = await unitAdmin.post(`/api/supervision/items/${item.id}/respond`, {
      text: '已补全消毒记录',
      fileIds: [evidence.json().id],
    });
    expect(r1.statusCode).toBe(200);
    expect(r1.json().status).toBe('responded');
    expect(
      (await unitAdmin.post(`/api/supervision/items/${item.id}/decide`, { decision: 'close', comment: '自己关闭' }))
        .statusCode,
    ).toBe(403);
    const back = await inspector.post(`/api/supervision/items/${item.id}/decide`, {
      decision: 'send_back',
      comment: '记录仍不完整',
      deadline: addDays(today, 3),
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'open', deadline: addDays(today, 3) });
    const r2 = await unitAdmin.post(`/api/supervision/items/${item.id}/respond`, { text: '已全部补齐并培训' });
    expect(r2.statusCode).toBe(200);
    const closed = await inspector.post(`/api/supervision/items/${item.id}/decide`, {
      decision: 'close',
      comment: '核查通过',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    expect(closed.json().history.map((h: { kind: string }) => h.kind)).toEqual([
      'response',
      'send_back',
      'response',
      'close',
    ]);
    // Closing twice is a conflict of state: nothing left to verify.
    expect(
      (await inspector.post(`/api/supervision/items/${item.id}/decide`, { decision: 'close', comment: '再次' }))
        .statusCode,
    ).toBe(403);
    // The history cannot be rewritten, even directly in the database.
    await expect(
      t.database.db.update(rectificationEvents).set({ text: 'x' }).where(eq(rectificationEvents.itemId, item.id)),
    ).rejects.toThrow();
  });

  it('the escalation job notifies the unit, the district and the city, each once', async () => {
    const id = (await plan('announced')).json().id;
    await inspector.post(
      `/api/supervision/visits/${id}/submit`,
      submission([{ key: 'staffing', result: 'fail', severity: 'low', deadline: addDays(today, 1) }]),
    );
    const item = (await district.get(`/api/supervision/items?classId=${rc.classId}&status=open`))
      .json()
      .items.find((i: { visitId: number }) => i.visitId === id);
    const kinds = async () => (await unsafeEscalationsOf(t.database.db, item.id)).map((e) => e.kind).sort();
    const db = t.database.db;
    const now = t.clock.now;
    const at = (days: number) => new Date(now.getTime() + days * 86_400_000);

    await escalateItems(db, now);
    expect(await kinds()).toEqual(['due_soon']);
    await escalateItems(db, now);
    expect(await kinds()).toEqual(['due_soon']);
    await escalateItems(db, at(2));
    expect(await kinds()).toEqual(['due_soon', 'overdue_district']);
    await escalateItems(db, at(3));
    expect(await kinds()).toEqual(['due_soon', 'overdue_district']);
    await escalateItems(db, at(9));
    expect(await kinds()).toEqual(['due_soon', 'overdue_city', 'overdue_district']);
    await escalateItems(db, at(10));
    expect(await kinds()).toHaveLength(3);

    const notices = await db
      .select()
      .from(notifications)
      .where(
        and(
          inArray(notifications.kind, [
            'supervision.due_soon',
            'supervision.overdue_district',
            'supervision.overdue_city',
          ]),
        ),
      );
    const forItem = notices.filter((n) => (n.data as { itemId?: number } | null)?.itemId === item.id);
    const byKind = (k: string) => forItem.filter((n) => n.kind === k).map((n) => n.userId);
    expect(byKind('supervision.due_soon')).toEqual([rc.unitAdmin.userId]);
    expect(byKind('supervision.overdue_district')).toEqual(
      expect.arrayContaining([rc.districtAdmin.userId, rc.unitAdmin.userId]),
    );
    // Every city administrator, once each.
    expect(byKind('supervision.overdue_city')).toContain(cityUserId);
    expect(new Set(byKind('supervision.overdue_city')).size).toBe(byKind('supervision.overdue_city').length);

    overdueItemId = item.id;
  });

  it('figures: visits done, coverage, open and overdue items', async () => {
    const db = t.database.db;
    const [cls] = await db.select().from(careClasses).where(eq(careClasses.id, rc.classId));
    if (!cls) throw new Error('class');
    const f = await supervisionFigures(db, { campaignId: cls.campaignId, orgId: rc.districtId, asOf: today });
    expect(f.coverage).toEqual({ visited: 1, running: 1 });
    expect(f.visitsDone).toBeGreaterThanOrEqual(4);
    expect(f.openItems).toBeGreaterThanOrEqual(2);
    const later = await supervisionFigures(db, {
      campaignId: cls.campaignId,
      orgId: rc.districtId,
      asOf: addDays(today, 5),
    });
    expect(later.overdueItems).toBeGreaterThanOrEqual(1);
    const before = await supervisionFigures(db, {
      campaignId: cls.campaignId,
      orgId: rc.districtId,
      asOf: addDays(today, -1),
    });
    expect(before).toMatchObject({ visitsDone: 0, openItems: 0, coverage: { visited: 0, running: 0 } });
    const elsewhere = await supervisionFigures(db, {
      campaignId: cls.campaignId,
      orgId: other.districtId,
      asOf: today,
    });
    expect(elsewhere.visitsDone).toBe(0);
  });

  it('meetings: the city schedules, invites and records; a district may not', async () => {
    const [cls] = await t.database.db.select().from(careClasses).where(eq(careClasses.id, rc.classId));
    if (!cls) throw new Error('class');
    const body = {
      campaignId: cls.campaignId,
      kind: 'on_site',
      title: '暑期托管现场会',
      date: today,
      classId: rc.classId,
      place: '职工之家',
      inviteeOrgIds: [rc.districtId, other.districtId],
    };
    expect((await district.post('/api/supervision/meetings', body)).statusCode).toBe(404);
    expect((await city.post('/api/supervision/meetings', { ...body, classId: null })).statusCode).toBe(400);
    const m = await city.post('/api/supervision/meetings', body);
    expect(m.statusCode).toBe(201);
    const seen = (await district.get('/api/supervision/meetings')).json().items;
    expect(seen.map((x: { id: number }) => x.id)).toContain(m.json().id);
    const rec = await city.post(`/api/supervision/meetings/${m.json().id}/record`, {
      minutes: '交流了留样做法',
      attendedOrgIds: [rc.districtId],
      version: 1,
    });
    expect(rec.statusCode).toBe(200);
    expect(rec.json().invitees.find((i: { orgId: number }) => i.orgId === other.districtId).attended).toBe(false);
    expect(
      (await district.post(`/api/supervision/meetings/${m.json().id}/record`, { minutes: 'x', version: 2 })).statusCode,
    ).toBe(403);
  });

  it('good-practice cases: photos with children need the publicity consent; the city publishes', async () => {
    const c = await inspector.post('/api/supervision/cases', {
      classId: rc.classId,
      title: '错峰接送',
      body: '分年级错峰接送，门口秩序良好。',
    });
    expect(c.statusCode).toBe(201);
    const id = c.json().id;
    expect(
      (await unitAdmin.post('/api/supervision/cases', { classId: rc.classId, title: 'xx', body: 'yy' })).statusCode,
    ).toBe(403);
    const url = `/api/supervision/cases/${id}/photos`;
    expect((await upload(inspector, url, {})).statusCode).toBe(400);
    expect((await upload(inspector, url, { showsChildren: 'true' })).statusCode).toBe(400);
    expect((await upload(inspector, url, { showsChildren: 'true', publicityConsent: 'true' })).statusCode).toBe(201);
    expect((await upload(inspector, url, { showsChildren: 'false' })).statusCode).toBe(201);
    expect((await district.post(`/api/supervision/cases/${id}/publish`, { published: true })).statusCode).toBe(403);
    expect(await publishedCases(t.database.db)).toEqual([]);
    const pub = await city.post(`/api/supervision/cases/${id}/publish`, { published: true });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().photos).toHaveLength(2);
    expect((await publishedCases(t.database.db)).map((x) => x.id)).toEqual([id]);
    await city.post(`/api/supervision/cases/${id}/publish`, { published: false });
    expect(await publishedCases(t.database.db)).toEqual([]);
  });

  it('files of a visit are readable only by those who see the visit', async () => {
    const id = (await plan('unannounced')).json().id;
    const f = await upload(inspector, `/api/supervision/visits/${id}/files`, {});
    expect(f.statusCode).toBe(201);
    expect((await inspector.get(`/api/files/${f.json().id}`)).statusCode).toBe(200);
    expect((await staff.get(`/api/files/${f.json().id}`)).statusCode).toBe(404);
    expect((await otherDistrict.get(`/api/files/${f.json().id}`)).statusCode).toBe(404);
  });

  it('the board and the class panel mark an item overdue the day after its deadline (last: moves the clock)', async () => {
    t.clock.advance(2 * 86_400_000);
    const d = await rc.districtAdmin.login();
    const overdue = (await d.get('/api/supervision/items?overdue=true')).json().items;
    expect(overdue.map((i: { id: number }) => i.id)).toContain(overdueItemId);
    expect(overdue.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    const head = await rc.head.login();
    const panel = (await head.get(`/api/classes/${rc.classId}/rectification`)).json();
    expect(panel.overdue).toBeGreaterThanOrEqual(1);
    expect(panel.items.every((i: { status: string }) => i.status !== 'closed')).toBe(true);
  });
});
