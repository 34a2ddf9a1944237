/**
 * Volunteers (#17, P-F): a class posts a call for help; a person applies on the public site with a phone verified
 * by code; the unit reviews (phones masked, reveals audited) and accepts them into the class's staff only when the
 * staff checks pass; the accepted volunteer has an account, checks in and out at the class, and their hours come
 * from those marks only. The public pages carry class-level facts, never a phone, an ID number or a child's name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, children, classStaff, roleGrants, users } from '../../src/server/db/schema.js';
import { staffDoorEvents } from '../../src/server/db/tables/volunteers.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

const call = (classId: number, o: Record<string, unknown> = {}) => ({
  classId,
  title: '暑期作业辅导志愿者',
  description: '陪伴孩子完成暑假作业，组织课外阅读。',
  skills: ['homework', 'reading'],
  volunteerKind: 'either',
  startDate: '2026-06-01',
  endDate: '2026-06-20',
  schedule: '每周二、四 14:00–17:00',
  hoursPerWeek: 6,
  wanted: 3,
  ...o,
});

const application = (o: Record<string, unknown> = {}) => ({
  name: '赵志愿',
  phone: '13912345678',
  code: '000000',
  kind: 'employee',
  employer: '市电力公司',
  skills: ['homework'],
  availability: '6 月每周二、四下午',
  ...o,
});

describe('/api/volunteers and /public/volunteers', () => {
  let t: TestApp;
  let dataDir: string;
  let rc: RunningClass;
  let admin: Agent;
  let callId: number;

  const codeFor = async (phone: string, id = callId) => {
    const r = await t.anonymous().post(`/api/public/volunteers/calls/${id}/code`, { phone });
    expect(r.statusCode).toBe(200);
    return /(\d{6})/.exec(t.sender.lastTo(phone)?.text ?? '')?.[1] ?? '';
  };
  const apply = async (o: Record<string, unknown> = {}) => {
    const phone = String(o.phone ?? '13912345678');
    const code = await codeFor(phone);
    t.clock.advance(61_000); // one code a minute per number
    return t.anonymous().post(`/api/public/volunteers/calls/${callId}/apply`, application({ ...o, phone, code }));
  };
  const applicationsOf = async (id = callId) =>
    (await admin.get(`/api/volunteers/calls/${id}/applications`)).json().items;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-volunteers-'));
    t = await createTestApp({ dataDir });
    rc = await buildRunningClass(t, { children: 2, startDate: '2026-06-01', endDate: '2026-06-28' });
    admin = rc.unitAdmin.agent;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('401 without a session', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/volunteers/calls')).statusCode).toBe(401);
    expect((await anon.post('/api/volunteers/calls', call(rc.classId))).statusCode).toBe(401);
    expect((await anon.post('/api/volunteers/applications/1/accept', {})).statusCode).toBe(401);
    expect((await anon.get('/api/volunteers/me/hours')).statusCode).toBe(401);
    expect((await anon.get(`/api/volunteers/hours?classId=${rc.classId}`)).statusCode).toBe(401);
  });

  it('403 for staff who are not the head; 404 for another unit; the head may post', async () => {
    const other = await rc.otherStaff.login();
    expect((await other.post('/api/volunteers/calls', call(rc.classId))).statusCode).toBe(403);
    const elsewhere = await buildOrg(t.database.db, { parentId: rc.districtId });
    const stranger = await t.agent(
      (await buildUser(t.database.db, { role: 'unit_admin', orgId: elsewhere.id })).username,
      PASSWORD,
    );
    expect((await stranger.post('/api/volunteers/calls', call(rc.classId))).statusCode).toBe(404);
    const posted = await rc.head.agent.post('/api/volunteers/calls', call(rc.classId));
    expect(posted.statusCode).toBe(201);
    callId = posted.json().id;
    expect(posted.json()).toMatchObject({ status: 'open', takingApplications: true, abilities: { update: true } });
    expect((await stranger.get(`/api/volunteers/calls/${callId}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/volunteers/calls/${callId}/applications`)).statusCode).toBe(404);
    expect((await other.get(`/api/volunteers/calls/${callId}/applications`)).statusCode).toBe(403);
    expect((await stranger.get(`/api/volunteers/hours?classId=${rc.classId}`)).statusCode).toBe(404);
  });

  it('400 with the reason in Chinese for a bad call', async () => {
    const backwards = await admin.post('/api/volunteers/calls', call(rc.classId, { endDate: '2026-05-20' }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toContain('结束日期不能早于开始日期');
    const outside = await admin.post('/api/volunteers/calls', call(rc.classId, { endDate: '2026-07-30' }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('托管班开班期间');
    expect((await admin.post('/api/volunteers/calls', call(rc.classId, { skills: [] }))).statusCode).toBe(400);
    expect((await admin.post('/api/volunteers/calls', call(rc.classId, { wanted: 0 }))).statusCode).toBe(400);
  });

  it('applying needs the phone verified by code', async () => {
    const anon = t.anonymous();
    const url = `/api/public/volunteers/calls/${callId}/apply`;
    const unverified = await anon.post(url, application({ phone: '13700000001' }));
    expect(unverified.statusCode).toBe(400);
    expect(unverified.json().message).toContain('验证码');
    const code = await codeFor('13700000001');
    const wrong = await anon.post(
      url,
      application({ phone: '13700000001', code: code === '111111' ? '222222' : '111111' }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('验证码错误');
    const badPhone = await anon.post(`/api/public/volunteers/calls/${callId}/code`, { phone: '12345' });
    expect(badPhone.statusCode).toBe(400);
    const noEmployer = await anon.post(url, application({ phone: '13700000001', code, employer: '' }));
    expect(noEmployer.statusCode).toBe(400);
    expect(noEmployer.json().message).toContain('工作单位');
    const ok = await anon.post(url, application({ phone: '13700000001', code }));
    expect(ok.statusCode).toBe(201);
    // The code is spent: the same code again is refused, and a second application from the phone is a conflict.
    t.clock.advance(61_000);
    const again = await apply({ phone: '13700000001' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已报名');
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'volunteer_application.submit'));
    expect(audit.length).toBe(1);
    expect(JSON.stringify(audit[0]?.after)).not.toContain('13700000001');
  });

  it('the public form refuses bad input with Chinese reasons, and takes a good one', async () => {
    const form = (fields: Record<string, string | string[]>) =>
      new URLSearchParams(
        Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
      ).toString();
    const post = (url: string, body: string) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const bad = await post(`/public/volunteers/${callId}/apply`, form({ name: '', phone: '1391', skills: [] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请修改以下内容');
    expect(bad.body).toContain('姓名：请填写');
    expect(bad.body).toContain('特长：请至少选择一项');
    const sent = await post(`/public/volunteers/${callId}/code`, form({ name: '钱多多', phone: '13800001111' }));
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('验证码已发送至 138****1111');
    expect(sent.body).toContain('value="钱多多"');
    const code = /(\d{6})/.exec(t.sender.lastTo('13800001111')?.text ?? '')?.[1] ?? '';
    const fields = {
      name: '钱多多',
      phone: '13800001111',
      code,
      kind: 'social',
      skills: ['sports', 'arts'],
      availability: '每周三上午',
    };
    const done = await post(`/public/volunteers/${callId}/apply`, form(fields));
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('报名已提交');
  });

  it('the unit sees phones masked; a reveal is the admin’s and is audited', async () => {
    const items = await applicationsOf();
    expect(items.length).toBe(2);
    for (const a of items) expect(a.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const head = await rc.head.agent.get(`/api/volunteers/calls/${callId}/applications`);
    expect(head.statusCode).toBe(200);
    expect(head.json().items[0].abilities).toEqual({ decide: false, revealPhone: false });
    const id = items[0].id;
    expect((await rc.head.agent.post(`/api/volunteers/applications/${id}/reveal-phone`)).statusCode).toBe(403);
    const revealed = await admin.post(`/api/volunteers/applications/${id}/reveal-phone`);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().phone).toBe('13700000001');
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'volunteer_application.reveal_phone'), eq(auditLog.entityId, String(id))));
    expect(row?.actorId).toBe(rc.unitAdmin.userId);
  });

  it('acceptance applies the staff checks, adds the roster row and makes an account that can sign in', async () => {
    const [a] = await applicationsOf();
    const url = `/api/volunteers/applications/${a.id}/accept`;
    expect(
      (
        await rc.head.agent.post(url, {
          version: a.version,
          healthCertDate: '2026-05-01',
          backgroundCheckDate: '2026-05-01',
        })
      ).statusCode,
    ).toBe(403);
    const none = await admin.post(url, { version: a.version, healthCertDate: null, backgroundCheckDate: null });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('健康证');
    expect(none.json().message).toContain('背景审查');
    const expired = await admin.post(url, {
      version: a.version,
      healthCertDate: '2025-01-10',
      backgroundCheckDate: '2026-05-01',
    });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().message).toContain('健康证已过期');
    const ok = await admin.post(url, {
      version: a.version,
      healthCertDate: '2026-05-01',
      backgroundCheckDate: '2026-05-02',
    });
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(body.application.status).toBe('accepted');
    expect(body.account.linkedExisting).toBe(false);
    expect(body.account.initialPassword).toMatch(/^.{12}$/);
    const [staff] = await t.database.db
      .select()
      .from(classStaff)
      .where(eq(classStaff.id, body.application.classStaffId));
    expect(staff).toMatchObject({
      classId: rc.classId,
      role: 'employee_volunteer',
      userId: body.account.userId,
      healthCertDate: '2026-05-01',
      backgroundChecked: true,
    });
    const grants = await t.database.db.select().from(roleGrants).where(eq(roleGrants.userId, body.account.userId));
    expect(grants.map((g) => [g.role, g.orgId])).toEqual([['volunteer', rc.unitId]]);
    const login = await t.anonymous().post('/api/auth/login', {
      username: '13700000001',
      password: body.account.initialPassword,
    });
    expect(login.statusCode).toBe(200);
    expect(t.sender.lastTo('13700000001')?.text).toContain('初始密码');
    // Decided once.
    expect(
      (
        await admin.post(url, {
          version: body.application.version,
          healthCertDate: '2026-05-01',
          backgroundCheckDate: '2026-05-02',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('a phone with an account is linked, and hours come from that volunteer’s own check-ins', async () => {
    const db = t.database.db;
    const vol = await buildUser(db, { role: 'volunteer', orgId: rc.unitId, phone: '13600002222' });
    expect((await apply({ phone: '13600002222', kind: 'social', employer: '' })).statusCode).toBe(201);
    const a = (await applicationsOf()).find((x: { phone: string }) => x.phone === '136****2222');
    const ok = await admin.post(`/api/volunteers/applications/${a.id}/accept`, {
      version: a.version,
      healthCertDate: '2026-03-01',
      backgroundCheckDate: '2026-03-01',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().account).toMatchObject({ userId: vol.id, linkedExisting: true, initialPassword: null });

    const me = await t.agent(vol.username, PASSWORD);
    const mine = (await me.get('/api/volunteers/me/classes')).json().items;
    expect(mine.map((c: { classId: number }) => c.classId)).toEqual([rc.classId]);
    expect((await me.post('/api/volunteers/me/check', { classId: rc.classId, kind: 'out' })).statusCode).toBe(409);
    expect((await me.post('/api/volunteers/me/check', { classId: rc.classId, kind: 'sideways' })).statusCode).toBe(400);
    // Someone else's class: not on its roster.
    expect((await me.post('/api/volunteers/me/check', { classId: rc.classId + 999, kind: 'in' })).statusCode).toBe(404);
    expect((await me.post('/api/volunteers/me/check', { classId: rc.classId, kind: 'in' })).statusCode).toBe(200);
    expect((await me.post('/api/volunteers/me/check', { classId: rc.classId, kind: 'in' })).statusCode).toBe(409);
    t.clock.advance(3 * 3_600_000 + 30 * 60_000);
    const me2 = await t.agent(vol.username, PASSWORD);
    expect((await me2.post('/api/volunteers/me/check', { classId: rc.classId, kind: 'out' })).statusCode).toBe(200);
    const hours = (await me2.get('/api/volunteers/me/hours')).json();
    expect(hours.total).toMatchObject({ days: 1, minutes: 210, hours: 3.5, openDays: 0 });
    const marks = await db.select().from(staffDoorEvents).where(eq(staffDoorEvents.userId, vol.id));
    expect(marks.map((m) => m.kind)).toEqual(['in', 'out']);
    // The marks are evidence: never changed.
    await expect(
      db.update(staffDoorEvents).set({ kind: 'in' }).where(eq(staffDoorEvents.userId, vol.id)),
    ).rejects.toThrow();

    const unit = (await (await rc.unitAdmin.login()).get(`/api/volunteers/hours?classId=${rc.classId}`)).json().items;
    const row = unit.find((r: { userId: number | null }) => r.userId === vol.id);
    expect(row).toMatchObject({ role: 'social_volunteer', minutes: 210, hours: 3.5, days: 1 });
    expect(unit.find((r: { role: string }) => r.role === 'head')).toMatchObject({ minutes: 0 });

    const pdf = await me2.get('/api/volunteers/me/hours.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('a closed call takes no more applications', async () => {
    admin = await rc.unitAdmin.login(); // the clock moved past the session's idle limit
    const c = (await admin.get(`/api/volunteers/calls/${callId}`)).json();
    const closed = await admin.patch(`/api/volunteers/calls/${callId}`, {
      ...call(rc.classId),
      classId: undefined,
      status: 'closed',
      version: c.version,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().takingApplications).toBe(false);
    const refused = await t.anonymous().post(`/api/public/volunteers/calls/${callId}/code`, { phone: '13500003333' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('已结束');
    const page = await t.anonymous().get(`/public/volunteers/${callId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('本次招募已结束');
  });

  it('public pages carry class-level facts only: no phone, ID number or child name', async () => {
    const db = t.database.db;
    const c2 = await admin.post(
      '/api/volunteers/calls',
      call(rc.classId, { title: '体育活动志愿者', skills: ['sports'] }),
    );
    expect(c2.statusCode).toBe(201);
    const kids = await db.select({ name: children.name }).from(children);
    const phones = (await db.select({ phone: users.phone }).from(users)).map((u) => u.phone).filter(Boolean);
    const pages = [
      await t.anonymous().get('/public/volunteers'),
      await t.anonymous().get(`/public/volunteers/${c2.json().id}`),
      await t.anonymous().get(`/public/volunteers/${callId}`),
    ];
    expect(pages[0]?.body).toContain('体育活动志愿者');
    expect(pages[0]?.body).not.toContain('暑期作业辅导志愿者'); // closed: not listed
    for (const p of pages) {
      expect(p.statusCode).toBe(200);
      expect(p.body).toContain(rc.className);
      expect(p.body).not.toMatch(/1[3-9]\d{9}/);
      expect(p.body).not.toMatch(/\d{17}[\dXx]/);
      for (const k of kids) expect(p.body).not.toContain(k.name);
      for (const ph of phones) expect(p.body).not.toContain(ph as string);
      expect(p.body).not.toContain('赵志愿');
      expect(p.body).not.toContain('钱多多');
    }
    expect((await t.anonymous().get('/public/volunteers/999999')).statusCode).toBe(404);
    expect((await t.anonymous().get('/public/volunteers/abc')).statusCode).toBe(404);
  });
});
