import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, incidentAddenda, notificationChannels, notifications, outbox } from '../../src/server/db/schema.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

const AT = '2026-06-01T15:10:00+08:00'; // the test clock is 2026-06-01T08:00Z = 16:00 in China

const report = (extra: Record<string, unknown> = {}) => ({
  kind: 'injury',
  severity: 'minor',
  occurredAt: AT,
  description: '课间活动时摔倒，膝盖擦伤',
  childIds: [],
  actionsTaken: '消毒包扎',
  ...extra,
});

describe('/api/incidents', () => {
  let t: TestApp;
  let rc: RunningClass;
  let head: Agent;
  let unitAdmin: Agent;
  let staff: Agent;
  let district: Agent;
  let city: Agent;
  let cityUserId: number;
  let inspector: Agent;
  let otherUnitAdmin: Agent;
  let parent: Agent;
  let channelId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    rc = await buildRunningClass(t, { children: 3 });
    head = rc.head.agent;
    unitAdmin = rc.unitAdmin.agent;
    staff = await rc.otherStaff.login();
    district = await rc.districtAdmin.login();
    const cityUser = await buildUser(db, { role: 'city_admin', orgId: t.rootId });
    cityUserId = cityUser.id;
    city = await t.agent(cityUser.username, PASSWORD);
    inspector = await t.agent((await buildUser(db, { role: 'inspector', orgId: rc.districtId })).username, PASSWORD);
    const otherUnit = await buildOrg(db, { parentId: rc.districtId, name: '隔壁单位' });
    otherUnitAdmin = await t.agent(
      (await buildUser(db, { role: 'unit_admin', orgId: otherUnit.id })).username,
      PASSWORD,
    );
    parent = await rc.guardian(0).login();
    const [ch] = await db
      .insert(notificationChannels)
      .values({
        orgId: rc.districtId,
        kind: 'wecom',
        name: '区总应急群',
        url: 'http://127.0.0.1:9/robot',
        createdAt: t.clock.now,
      })
      .returning();
    channelId = ch?.id ?? 0;
  });
  afterAll(async () => {
    await t.close();
  });

  const url = () => `/api/classes/${rc.classId}/incidents`;

  it('401 without a session', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/incidents')).statusCode).toBe(401);
    expect((await anon.get('/api/incidents/1')).statusCode).toBe(401);
    expect((await anon.get(url())).statusCode).toBe(401);
    expect((await anon.post(url(), report())).statusCode).toBe(401);
    expect((await anon.post('/api/incidents/1/addenda', { kind: 'note', note: 'x', version: 1 })).statusCode).toBe(401);
    expect((await anon.post('/api/incidents/1/close', { version: 1, note: 'x' })).statusCode).toBe(401);
    expect((await anon.post('/api/incidents/1/reopen', { version: 1, note: 'x' })).statusCode).toBe(401);
  });

  it('403 for those who see the class but may not report; 404 for those who do not see it', async () => {
    const r = await inspector.post(url(), report());
    expect(r.statusCode).toBe(403);
    expect((await otherUnitAdmin.post(url(), report())).statusCode).toBe(404);
    expect((await parent.post(url(), report())).statusCode).toBe(404);
  });

  it('400 on bad input, saying what and where', async () => {
    let r = await head.post(url(), report({ kind: 'earthquake' }));
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('kind');
    r = await head.post(url(), report({ description: '' }));
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('description');
    r = await head.post(url(), report({ occurredAt: '2026-06-02T10:00:00+08:00' }));
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('发生时间不能晚于当前时间');
    r = await head.post(url(), report({ childIds: [rc.children[0]?.id, 999999] }));
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('999999');
    expect(r.json().message).toContain('不在本班就读名单中');
    head.lang = 'en';
    r = await head.post(url(), report({ guardianNotifiedBy: '王老师' }));
    head.lang = 'zh-CN';
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('give both who notified the guardians and when');
    r = await head.post('/api/incidents/1/addenda', { kind: 'close', version: 1 });
    expect(r.statusCode).toBe(400);
  });

  it('a minor incident with a child cannot close until the guardian notice is recorded; the head closes it', async () => {
    const child = rc.children[0];
    if (!child) throw new Error('child');
    const r = await head.post(url(), report({ childIds: [child.id] }));
    expect(r.statusCode).toBe(201);
    const inc = r.json();
    expect(inc.status).toBe('open');
    expect(inc.children).toEqual([{ id: child.id, name: child.name }]);
    expect(inc.abilities.close).toBe(false);
    expect(inc.abilities.closeBlockedReason).toContain('监护人');

    let c = await unitAdmin.post(`/api/incidents/${inc.id}/close`, { version: inc.version, note: '已处理' });
    expect(c.statusCode).toBe(409);
    expect(c.json().message).toContain('须先登记监护人通知情况');
    unitAdmin.lang = 'en';
    c = await unitAdmin.post(`/api/incidents/${inc.id}/close`, { version: inc.version, note: 'done' });
    unitAdmin.lang = 'zh-CN';
    expect(c.json().message).toContain('Record who notified the guardians');

    // A minor incident alerts the unit's administrators only (info), not the district or the city.
    const notes = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.link, `/incidents/${inc.id}`));
    expect(notes.map((n) => n.userId)).toEqual([rc.unitAdmin.userId]);
    expect(notes[0]?.severity).toBe('info');

    const g = await head.post(`/api/incidents/${inc.id}/addenda`, {
      kind: 'guardian_notified',
      changes: { guardianNotifiedBy: '班主任王老师（电话）', guardianNotifiedAt: '2026-06-01T15:20:00+08:00' },
      version: inc.version,
    });
    expect(g.statusCode).toBe(201);
    expect(g.json().guardianNotifiedBy).toBe('班主任王老师（电话）');
    expect(g.json().abilities.close).toBe(true);

    // Another staff member who is not the head may not close it.
    const s = await staff.post(`/api/incidents/${inc.id}/close`, { version: g.json().version, note: '已处理' });
    expect(s.statusCode).toBe(403);
    expect(s.json().message).toContain('单位管理员或班主任');

    const done = await head.post(`/api/incidents/${inc.id}/close`, { version: g.json().version, note: '家长已接回' });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('closed');
    expect(done.json().closedByName).toBe(rc.head.displayName);
    expect(done.json().addenda.map((a: { kind: string }) => a.kind)).toEqual(['report', 'guardian_notified', 'close']);

    // Closed: no more updates until reopened.
    const u = await head.post(`/api/incidents/${inc.id}/addenda`, {
      kind: 'update',
      changes: { followUp: '复查' },
      version: done.json().version,
    });
    expect(u.statusCode).toBe(409);
  });

  it('a serious incident stays open until the district closes it; only the district reopens', async () => {
    const r = await staff.post(
      url(),
      report({ kind: 'conflict', severity: 'serious', description: '两名儿童发生推搡' }),
    );
    expect(r.statusCode).toBe(201);
    const inc = r.json();
    expect(inc.childCount).toBe(0);

    const ua = await unitAdmin.get(`/api/incidents/${inc.id}`);
    expect(ua.json().abilities.close).toBe(false);
    let c = await unitAdmin.post(`/api/incidents/${inc.id}/close`, { version: inc.version, note: '已调解' });
    expect(c.statusCode).toBe(403);
    expect(c.json().message).toContain('区县（产业）工会管理员结案');
    c = await head.post(`/api/incidents/${inc.id}/close`, { version: inc.version, note: '已调解' });
    expect(c.statusCode).toBe(403);

    const d = await district.get(`/api/incidents/${inc.id}`);
    expect(d.json().abilities.close).toBe(true);
    c = await district.post(`/api/incidents/${inc.id}/close`, { version: inc.version, note: '已调解，双方家长知情' });
    expect(c.statusCode).toBe(200);
    expect(c.json().status).toBe('closed');

    let o = await unitAdmin.post(`/api/incidents/${inc.id}/reopen`, { version: c.json().version, note: '家长投诉' });
    expect(o.statusCode).toBe(403);
    o = await district.post(`/api/incidents/${inc.id}/reopen`, { version: c.json().version, note: '家长投诉' });
    expect(o.statusCode).toBe(200);
    expect(o.json().status).toBe('open');
    expect(o.json().closedByName).toBeNull();
    o = await district.post(`/api/incidents/${inc.id}/reopen`, { version: o.json().version, note: '再次' });
    expect(o.statusCode).toBe(409);
  });

  it('addenda keep the history: nothing is deleted and the original report stays in the first record', async () => {
    const r = await head.post(url(), report({ description: '原始描述：午餐后腹痛', kind: 'illness' }));
    const inc = r.json();
    const u = await head.post(`/api/incidents/${inc.id}/addenda`, {
      kind: 'update',
      changes: { description: '更正：午餐后腹痛并呕吐一次', followUp: '明日回访' },
      note: '补充细节',
      version: inc.version,
    });
    expect(u.statusCode).toBe(201);
    expect(u.json().description).toBe('更正：午餐后腹痛并呕吐一次');
    expect(u.json().version).toBe(inc.version + 1);

    // The same version again is stale.
    const stale = await head.post(`/api/incidents/${inc.id}/addenda`, {
      kind: 'note',
      note: '再补充',
      version: inc.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');

    // Nothing differs: refused.
    const same = await head.post(`/api/incidents/${inc.id}/addenda`, {
      kind: 'update',
      changes: { followUp: '明日回访' },
      version: u.json().version,
    });
    expect(same.statusCode).toBe(400);

    const n = await inspector.post(`/api/incidents/${inc.id}/addenda`, {
      kind: 'note',
      note: '督导已知悉',
      version: u.json().version,
    });
    expect(n.statusCode).toBe(201);
    const iu = await inspector.post(`/api/incidents/${inc.id}/addenda`, {
      kind: 'update',
      changes: { followUp: 'x' },
      version: n.json().version,
    });
    expect(iu.statusCode).toBe(403);

    const detail = (await head.get(`/api/incidents/${inc.id}`)).json();
    expect(detail.addenda.map((a: { kind: string }) => a.kind)).toEqual(['report', 'update', 'note']);
    expect(detail.addenda[0].changes.description.after).toBe('原始描述：午餐后腹痛');
    expect(detail.addenda[1].changes.description).toEqual({
      before: '原始描述：午餐后腹痛',
      after: '更正：午餐后腹痛并呕吐一次',
    });
    expect(detail.addenda[1].note).toBe('补充细节');
    const rows = await t.database.db.select().from(incidentAddenda).where(eq(incidentAddenda.incidentId, inc.id));
    expect(rows).toHaveLength(3);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'incident'), eq(auditLog.entityId, String(inc.id))));
    expect(audits.map((a) => a.action).sort()).toEqual(['incident.note', 'incident.report', 'incident.update']);
  });

  it('a critical incident alerts the unit, the district and the city at once, and the district robot', async () => {
    const child = rc.children[1];
    if (!child) throw new Error('child');
    const r = await head.post(
      url(),
      report({ kind: 'lost_child', severity: 'critical', description: '放学时一名儿童未见', childIds: [child.id] }),
    );
    expect(r.statusCode).toBe(201);
    const id = r.json().id;
    const notes = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.link, `/incidents/${id}`));
    const who = new Set(notes.map((n) => n.userId));
    expect(who.has(rc.unitAdmin.userId)).toBe(true);
    expect(who.has(rc.districtAdmin.userId)).toBe(true);
    expect(who.has(cityUserId)).toBe(true);
    expect(notes.every((n) => n.severity === 'critical' && n.kind === 'incident.critical')).toBe(true);
    // Children's names never travel in alerts.
    expect(notes.some((n) => n.body.includes(child.name) || n.title.includes(child.name))).toBe(false);
    const sends = await t.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channelId, channelId), eq(outbox.source, `incident:${id}`)));
    expect(sends).toHaveLength(1);
    expect(sends[0]?.channel).toBe('webhook');
    expect((sends[0]?.payload as { link: string } | undefined)?.link).toBe(`/incidents/${id}`);

    // Escalating a minor one alerts the district too.
    const m = (await head.post(url(), report())).json();
    const up = await head.post(`/api/incidents/${m.id}/addenda`, {
      kind: 'update',
      changes: { severity: 'serious' },
      version: m.version,
    });
    expect(up.statusCode).toBe(201);
    const esc = await t.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.link, `/incidents/${m.id}`), inArray(notifications.userId, [rc.districtAdmin.userId])),
      );
    expect(esc).toHaveLength(1);
    expect(esc[0]?.title).toContain('升级');
  });

  it('scope: lists and details follow the class; another unit sees nothing; names only for those who see children', async () => {
    const other = await otherUnitAdmin.get('/api/incidents');
    expect(other.statusCode).toBe(200);
    expect(other.json().total).toBe(0);
    const any = (await unitAdmin.get('/api/incidents')).json();
    expect(any.total).toBeGreaterThan(0);
    const id = any.items[0].id;
    expect((await otherUnitAdmin.get(`/api/incidents/${id}`)).statusCode).toBe(404);
    expect((await otherUnitAdmin.post(`/api/incidents/${id}/close`, { version: 1, note: 'x' })).statusCode).toBe(404);
    expect((await parent.get(`/api/incidents/${id}`)).statusCode).toBe(404);

    // Open grave ones first.
    expect(any.items[0].status).toBe('open');
    expect(any.items[0].severity).toBe('critical');

    for (const a of [district, city, inspector, staff]) {
      const l = await a.get(`/api/incidents?classId=${rc.classId}`);
      expect(l.statusCode).toBe(200);
      expect(l.json().total).toBe(any.total);
    }
    const crit = (await district.get('/api/incidents?severity=critical&status=open')).json();
    expect(crit.items.every((i: { severity: string }) => i.severity === 'critical')).toBe(true);
    expect((await district.get(`/api/incidents?orgId=${rc.unitId}`)).json().total).toBe(any.total);
    expect((await otherUnitAdmin.get(`/api/incidents?orgId=${rc.unitId}`)).statusCode).toBe(404);

    const withChild = any.items.find((i: { childCount: number }) => i.childCount > 0);
    const insp = (await inspector.get(`/api/incidents/${withChild.id}`)).json();
    expect(insp.children).toBeNull();
    expect(insp.childIds).toBeNull();
    expect(JSON.stringify(insp)).not.toContain(rc.children[1]?.name);
    const dist = (await district.get(`/api/incidents/${withChild.id}`)).json();
    expect(dist.children.length).toBe(1);

    const tab = (await head.get(url())).json();
    expect(tab.canReport).toBe(true);
    expect(tab.children).toHaveLength(3);
    const tabI = (await inspector.get(url())).json();
    expect(tabI.canReport).toBe(false);
    expect(tabI.children).toBeNull();
  });
});
