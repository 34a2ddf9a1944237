import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, careClasses } from '../../src/server/db/schema.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { multipart } from '../support/xlsx.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const VALID = {
  patrol: { kind: 'patrol', time: '09:10', areas: ['教室', '走廊'], findings: '无异常', issuesFound: false },
  disinfection: { kind: 'disinfection', time: '08:00', area: '教室', agent: '84消毒液', method: '擦拭+开窗通风' },
  meal: { kind: 'meal', time: '11:30', supplier: 'self', menu: '米饭、番茄炒蛋', sampleKept: true, sampleAt: '11:40' },
  cleaning: { kind: 'cleaning', time: '17:00', areas: ['教室', '卫生间'], by: '王阿姨' },
  fire: { kind: 'fire', time: '08:30', extinguishersOk: true, exitsClear: true, alarmsOk: true },
  epidemic: { kind: 'epidemic', time: '08:05', temperatureChecks: 20, abnormalCount: 0, masks: true },
} as const;

describe('/api/classes/:id/daily-records', () => {
  let t: TestApp;
  let dataDir: string;
  let rc: RunningClass;
  let head: Agent;
  let url: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-daily-'));
    t = await createTestApp({ dataDir });
    rc = await buildRunningClass(t, { children: 2 });
    head = rc.head.agent;
    url = `/api/classes/${rc.classId}/daily-records`;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('401 without a session', async () => {
    const anon = t.anonymous();
    expect((await anon.get(url)).statusCode).toBe(401);
    expect((await anon.post(url, VALID.patrol)).statusCode).toBe(401);
    expect((await anon.get(`${url}/summary`)).statusCode).toBe(401);
    expect((await anon.get(`/api/classes/${rc.classId}/timetable`)).statusCode).toBe(401);
    expect((await anon.get(`/api/parent/classes/${rc.classId}/timetable`)).statusCode).toBe(401);
  });

  it('403: readers above the unit read but may not write; a forged request is refused; outsiders see nothing', async () => {
    const district = await rc.districtAdmin.login();
    expect((await district.get(url)).statusCode).toBe(200);
    const r = await district.post(url, VALID.patrol);
    expect(r.statusCode).toBe(403);
    const inspector = await t.agent(
      (await buildUser(t.database.db, { role: 'inspector', orgId: rc.districtId })).username,
      PASSWORD,
    );
    expect((await inspector.get(url)).statusCode).toBe(200);
    expect((await inspector.get(url)).json().abilities).toEqual({ write: false });
    expect((await inspector.post(url, VALID.patrol)).statusCode).toBe(403);
    // the session cookie without its CSRF token
    const forger = t.anonymous();
    forger.cookie = head.cookie;
    forger.csrf = 'forged';
    expect((await forger.post(url, VALID.patrol)).statusCode).toBe(403);
    // another unit's admin: the class is not there for them
    const otherUnit = await buildOrg(t.database.db, { parentId: rc.districtId });
    const stranger = await t.agent(
      (await buildUser(t.database.db, { role: 'unit_admin', orgId: otherUnit.id })).username,
      PASSWORD,
    );
    expect((await stranger.get(url)).statusCode).toBe(404);
    expect((await stranger.post(url, VALID.patrol)).statusCode).toBe(404);
    // a guardian of the class is no staff
    const parent = await rc.guardian(0).login();
    expect((await parent.get(url)).statusCode).toBe(404);
    expect((await parent.post(url, VALID.patrol)).statusCode).toBe(404);
  });

  it('400: each kind names its missing field, in Chinese (and English when asked)', async () => {
    const drop: Record<keyof typeof VALID, string> = {
      patrol: 'findings',
      disinfection: 'agent',
      meal: 'menu',
      cleaning: 'by',
      fire: 'exitsClear',
      epidemic: 'temperatureChecks',
    };
    for (const [kind, field] of Object.entries(drop)) {
      const body: Record<string, unknown> = { ...VALID[kind as keyof typeof VALID] };
      delete body[field];
      const r = await head.post(url, body);
      expect(r.statusCode, kind).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
      expect(r.json().message).toContain(`body.${field}`);
      expect(r.json().message).toMatch(/不能为空|输入有误/);
    }
    expect((await head.post(url, { ...VALID.patrol, kind: 'party' })).statusCode).toBe(400);
    expect((await head.post(url, { ...VALID.patrol, time: '25:00' })).json().message).toContain('body.time');
    expect((await head.post(url, { ...VALID.patrol, areas: [] })).json().message).toContain('body.areas');
    expect((await head.post(url, { ...VALID.patrol, issuesFound: true })).json().message).toContain(
      'body.actions: 发现问题时须填写处理措施',
    );
    head.lang = 'en';
    const en = await head.post(url, { ...VALID.patrol, issuesFound: true });
    head.lang = 'zh-CN';
    expect(en.json().message).toContain('body.actions: required when issues were found');
    expect((await head.post(url, { ...VALID.patrol, day: '2026-06-02' })).json().message).toContain(
      'body.day: 不能登记未来的日期',
    );
    expect((await head.get(`${url}?day=2026-02-30`)).statusCode).toBe(400);
  });

  it('the missing list: daily kinds, the weekly fire check, no meal for a meal-less class, no epidemic while off', async () => {
    const before = (await head.get(url)).json();
    expect(before).toMatchObject({ day: '2026-06-01', classDay: true, abilities: { write: true } });
    expect(before.missing).toEqual(['patrol', 'disinfection', 'cleaning', 'fire']);
    expect(before.settings.writableKinds).not.toContain('meal');
    expect(before.settings.writableKinds).not.toContain('epidemic');

    const meal = await head.post(url, VALID.meal);
    expect(meal.statusCode).toBe(409);
    expect(meal.json().message).toContain('本班不供餐');
    const epi = await head.post(url, VALID.epidemic);
    expect(epi.statusCode).toBe(409);
    expect(epi.json().message).toContain('未启用防疫措施');

    for (const k of ['patrol', 'fire'] as const) expect((await head.post(url, VALID[k])).statusCode).toBe(201);
    expect((await head.get(url)).json().missing).toEqual(['disinfection', 'cleaning']);
    expect((await head.get(`${url}/missing-today`)).json()).toEqual({
      day: '2026-06-01',
      classDay: true,
      required: ['patrol', 'disinfection', 'cleaning', 'fire'],
      missing: ['disinfection', 'cleaning'],
    });

    // The class starts serving meals: meal becomes required and writable, with the 48-hour sample.
    await t.database.db.update(careClasses).set({ meals: 'self' }).where(eq(careClasses.id, rc.classId));
    expect((await head.get(url)).json().missing).toEqual(['disinfection', 'meal', 'cleaning']);
    const m = await head.post(url, { ...VALID.meal, sampleWeightG: 125 });
    expect(m.statusCode).toBe(201);
    expect(m.json()).toMatchObject({
      kind: 'meal',
      supplier: 'self',
      sampleAt: '11:40',
      sampleKeepUntil: '2026-06-03T03:40:00.000Z',
      sampleWeightG: 125,
      recordedByName: rc.head.displayName,
    });
    expect((await head.post(url, { ...VALID.meal, sampleAt: undefined })).json().message).toContain('body.sampleAt');
    expect((await head.post(url, { ...VALID.meal, supplier: 'caterer' })).json().message).toContain('body.supplier');
    const unit = rc.unitAdmin.agent;
    for (const k of ['disinfection', 'cleaning'] as const)
      expect((await unit.post(url, VALID[k])).statusCode).toBe(201);
    expect((await head.get(url)).json().missing).toEqual([]);
    // the record is audited
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'daily_record'), eq(auditLog.action, 'daily_record.create')));
    expect(rows.length).toBe(5);
  });

  it('a correction is a new record with a reason; the original stays visible, marked superseded', async () => {
    const orig = (await head.post(url, { ...VALID.disinfection, agent: '酒精' })).json();
    const noReason = await head.post(url, { ...VALID.disinfection, supersedesId: orig.id });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('body.reason');
    const wrongKind = await head.post(url, { ...VALID.cleaning, supersedesId: orig.id, reason: '写错了' });
    expect(wrongKind.json().message).toContain('body.kind');
    const fix = await head.post(url, { ...VALID.disinfection, supersedesId: orig.id, reason: '消毒剂写错了' });
    expect(fix.statusCode).toBe(201);
    expect(fix.json()).toMatchObject({ supersedesId: orig.id, reason: '消毒剂写错了', agent: '84消毒液' });
    const again = await head.post(url, { ...VALID.disinfection, supersedesId: orig.id, reason: '再次更正' });
    expect(again.statusCode).toBe(409);
    const day = (await head.get(url)).json();
    const original = day.records.find((r: { id: number }) => r.id === orig.id);
    expect(original).toMatchObject({ agent: '酒精', supersededById: fix.json().id });
    expect(day.records.find((r: { id: number }) => r.id === fix.json().id).supersededById).toBeNull();
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'daily_record.correct'), eq(auditLog.entityId, String(fix.json().id))));
    expect(audit).toHaveLength(1);
  });

  it('photos: uploaded for the class, cited by a record; a file of another class may not be cited', async () => {
    const { body, contentType } = multipart(PNG, '巡查.png');
    const up = await head.request('POST', `/api/classes/${rc.classId}/daily-files`, body, {
      'content-type': contentType,
    });
    expect(up.statusCode).toBe(201);
    const file = up.json();
    // Read back through /api/files/:id like every other file (the daily module registers its owner type).
    expect(file.url).toBe(`/api/files/${file.id}`);
    const rec = await head.post(url, { ...VALID.patrol, photoFileIds: [file.id] });
    expect(rec.statusCode).toBe(201);
    expect(rec.json().photos).toEqual([{ id: file.id, url: file.url }]);
    const got = await (await rc.districtAdmin.login()).get(file.url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');

    const other = await buildRunningClass(t, { children: 1, unit: { unitId: rc.unitId, districtId: rc.districtId } });
    const otherUp = await other.head.agent.request('POST', `/api/classes/${other.classId}/daily-files`, body, {
      'content-type': contentType,
    });
    const foreign = await head.post(url, { ...VALID.patrol, photoFileIds: [otherUp.json().id] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().message).toContain('body.photoFileIds');
    // Staff of a class in another unit cannot read this class's photo: the same 404 as a missing file.
    const elsewhere = await buildRunningClass(t, { children: 1 });
    const outsider = await elsewhere.head.login();
    expect((await outsider.get(file.url)).statusCode).toBe(404);
    expect((await outsider.get('/api/files/999999')).statusCode).toBe(404);
    // a district admin may not upload
    const d = await rc.districtAdmin.login();
    expect(
      (await d.request('POST', `/api/classes/${rc.classId}/daily-files`, body, { 'content-type': contentType }))
        .statusCode,
    ).toBe(403);
  });

  it('epidemic records are accepted while the campaign turns measures on', async () => {
    const on = await buildRunningClass(t, {
      children: 1,
      unit: { unitId: rc.unitId, districtId: rc.districtId },
      campaign: { daily: { epidemicMeasures: true } },
    });
    const u = `/api/classes/${on.classId}/daily-records`;
    expect((await on.head.agent.get(u)).json().missing).toContain('epidemic');
    expect((await on.head.agent.post(u, { ...VALID.epidemic, abnormalCount: 21 })).json().message).toContain(
      'body.abnormalCount',
    );
    expect((await on.head.agent.post(u, VALID.epidemic)).statusCode).toBe(201);
    expect((await on.head.agent.get(u)).json().missing).not.toContain('epidemic');
  });

  it('summary per day; the weekly check covers the rest of its week; a late entry lands on its day', async () => {
    t.clock.advance(24 * 3_600_000); // Tuesday 2026-06-02
    const h = await rc.head.login();
    const tue = (await h.get(url)).json();
    expect(tue.day).toBe('2026-06-02');
    expect(tue.missing).toEqual(['patrol', 'disinfection', 'meal', 'cleaning']);
    const late = await h.post(url, { ...VALID.patrol, day: '2026-06-01', time: '16:00' });
    expect(late.statusCode).toBe(201);
    expect(late.json().day).toBe('2026-06-01');
    const s = (await h.get(`${url}/summary?from=2026-05-30&to=2026-06-03`)).json();
    expect(s.days.map((d: { day: string; classDay: boolean }) => [d.day, d.classDay])).toEqual([
      ['2026-05-30', false],
      ['2026-05-31', false],
      ['2026-06-01', true],
      ['2026-06-02', true],
      ['2026-06-03', true],
    ]);
    expect(s.days[2].missing).toEqual([]);
    expect(s.days[3].missing).toEqual(['patrol', 'disinfection', 'meal', 'cleaning']);
    expect(s.days[4].missing).toEqual([]); // still to come
    expect(s.totals).toEqual({ classDays: 2, completeDays: 1, missing: 4 });
    expect((await h.get(`${url}/summary?from=2026-06-03&to=2026-06-01`)).statusCode).toBe(400);
  });
});

describe('/api/classes/:id/timetable and the parents’ view', () => {
  let t: TestApp;
  let dataDir: string;
  let rc: RunningClass;
  let other: RunningClass;
  const PLAN = [
    { weekday: 1, start: '09:00', end: '10:30', kind: 'homework', title: '暑假作业' },
    { weekday: 1, start: '12:00', end: '13:30', kind: 'rest' },
    { weekday: 1, start: '14:00', end: '15:00', kind: 'sports', title: '跳绳' },
    { weekday: 2, start: '09:00', end: '10:00', kind: 'reading' },
  ];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-timetable-'));
    t = await createTestApp({ dataDir });
    rc = await buildRunningClass(t, { children: 2 });
    other = await buildRunningClass(t, { children: 1 });
    await t.database.db.update(careClasses).set({ activityPlan: PLAN }).where(eq(careClasses.id, rc.classId));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('401/403/400 first', async () => {
    expect((await t.anonymous().post(`/api/classes/${rc.classId}/timetable/1/done`, {})).statusCode).toBe(401);
    const district = await rc.districtAdmin.login();
    const tt = (await district.get(`/api/classes/${rc.classId}/timetable`)).json();
    expect(tt.abilities.write).toBe(false);
    expect((await district.post(`/api/classes/${rc.classId}/timetable/${tt.sessions[0].id}/done`, {})).statusCode).toBe(
      403,
    );
    expect((await rc.head.agent.get(`/api/classes/${rc.classId}/timetable?day=junk`)).statusCode).toBe(400);
    expect(
      (await rc.head.agent.post(`/api/classes/${rc.classId}/timetable/${tt.sessions[0].id}/done`, { note: 5 }))
        .statusCode,
    ).toBe(400);
  });

  it("a class day's timetable comes from the weekly plan, once (idempotent), rest included", async () => {
    const u = `/api/classes/${rc.classId}/timetable`;
    const a = (await rc.head.agent.get(u)).json();
    expect(a).toMatchObject({ day: '2026-06-01', classDay: true });
    expect(a.sessions.map((s: { start: string; kind: string }) => [s.start, s.kind])).toEqual([
      ['09:00', 'homework'],
      ['12:00', 'rest'],
      ['14:00', 'sports'],
    ]);
    const b = (await rc.head.agent.get(u)).json();
    expect(b.sessions.map((s: { id: number }) => s.id)).toEqual(a.sessions.map((s: { id: number }) => s.id));
    expect((await rc.head.agent.get(`${u}?day=2026-06-02`)).json().sessions).toHaveLength(1);
    const sat = (await rc.head.agent.get(`${u}?day=2026-06-06`)).json();
    expect(sat).toMatchObject({ classDay: false, sessions: [] });
  });

  it('tick off once with a note and a photo; no untick, no second tick; notes are added', async () => {
    const u = `/api/classes/${rc.classId}/timetable`;
    const [first, second] = (await rc.head.agent.get(u)).json().sessions;
    const { body, contentType } = multipart(PNG, '活动.png');
    const photo = (
      await rc.head.agent.request('POST', `/api/classes/${rc.classId}/daily-files`, body, {
        'content-type': contentType,
      })
    ).json();
    const done = await rc.head.agent.post(`${u}/${first.id}/done`, { note: '全部完成', photoFileId: photo.id });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ done: true, note: '全部完成', doneByName: rc.head.displayName });
    expect(done.json().photo.id).toBe(photo.id);
    const twice = await rc.head.agent.post(`${u}/${first.id}/done`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('添加备注');
    const note = await rc.head.agent.post(`${u}/${first.id}/notes`, { note: '两人未完成，明天补' });
    expect(note.json().note).toBe(`全部完成\n两人未完成，明天补（${rc.head.displayName}）`);
    // a future day's slot cannot be ticked
    const tue = (await rc.head.agent.get(`${u}?day=2026-06-02`)).json().sessions[0];
    expect((await rc.head.agent.post(`${u}/${tue.id}/done`, {})).statusCode).toBe(409);
    // another class's session is not found through this class
    const otherTt = (await other.head.agent.get(`/api/classes/${other.classId}/timetable`)).json();
    expect(otherTt.sessions).toEqual([]);
    expect((await rc.head.agent.post(`${u}/999999/done`, {})).statusCode).toBe(404);
    expect((await rc.unitAdmin.agent.post(`${u}/${second.id}/done`, {})).statusCode).toBe(200);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'activity_session'), eq(auditLog.entityId, String(first.id))));
    expect(audit.map((a) => a.action).sort()).toEqual(['activity_session.done', 'activity_session.note']);
  });

  it("a guardian sees their child's class timetable, and no other", async () => {
    const parent = await rc.guardian(0).login();
    const r = await parent.get(`/api/parent/classes/${rc.classId}/timetable`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ class: { id: rc.classId, name: rc.className }, day: '2026-06-01' });
    expect(r.json().sessions[0]).toMatchObject({ kind: 'homework', done: true, title: '暑假作业' });
    expect(r.json().sessions[0]).not.toHaveProperty('photo');
    expect(r.json().sessions[0]).not.toHaveProperty('doneByName');
    expect((await parent.get(`/api/parent/classes/${other.classId}/timetable`)).statusCode).toBe(404);
    const otherParent = await other.guardian(0).login();
    expect((await otherParent.get(`/api/parent/classes/${rc.classId}/timetable`)).statusCode).toBe(404);
    // staff are no guardians
    expect((await rc.head.agent.get(`/api/parent/classes/${rc.classId}/timetable`)).statusCode).toBe(404);
    // and a guardian cannot read the staff view
    expect((await parent.get(`/api/classes/${rc.classId}/timetable`)).statusCode).toBe(404);
  });
});
