/**
 * 公示 and naming (issue 17): publishing a list over 5 official working days (国庆 skipped, 调休 days counted),
 * objections only during the period and only with a verified phone, responses append-only, the audited phone
 * reveal, naming only after the period with every objection answered, revocation, the certificate PDF, the public
 * pages (no phone ever shown) and the verification page (valid, unknown, revoked).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, careClasses } from '../../src/server/db/schema.js';
import { demonstrationNamings, publicityObjections } from '../../src/server/db/tables/naming.js';
import { isNamedDemonstrationClass } from '../../src/server/modules/naming/naming.lookup.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

describe('/api/naming and the public 公示 pages', () => {
  let t: TestApp;
  let cityUser: string;
  let reviewerUser: string;
  let districtUser: string;
  let unitUser: string;
  let city: Agent;
  let campaignId: number;
  const classIds: number[] = [];
  let noticeId: number;
  let u1: number;
  const PHONE = '13812345678';

  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  const login = (u: string) => t.agent(u, PASSWORD);

  async function code(phone: string, id = noticeId) {
    const anon = t.anonymous();
    const sent = await anon.post(`/api/public/publicity/${id}/code`, { phone });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().phone).toBe('138****5678');
    return /(\d{6})/.exec(t.sender.lastTo(phone)?.text ?? '')?.[1] ?? '';
  }

  beforeAll(async () => {
    t = await createTestApp();
    at('2025-09-20T02:00:00Z');
    const db = t.database.db;
    cityUser = (await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username;
    reviewerUser = (await buildUser(db, { role: 'reviewer', orgId: t.rootId })).username;
    const d = (await buildOrg(db, { parentId: t.rootId, name: '甲区总工会' })).id;
    u1 = (await buildOrg(db, { parentId: d, name: '甲一单位' })).id;
    const u2 = (await buildOrg(db, { parentId: d, name: '甲二单位' })).id;
    districtUser = (await buildUser(db, { role: 'district_admin', orgId: d })).username;
    unitUser = (await buildUser(db, { role: 'unit_admin', orgId: u1 })).username;
    city = await login(cityUser);
    const c = await city.post('/api/campaigns', { from: 'template', year: 2025, name: '2025年暑期' });
    expect(c.statusCode, c.body).toBe(201);
    campaignId = c.json().id;
    for (const [orgId, name] of [
      [u1, '甲一爱心托管班'],
      [u2, '甲二爱心托管班'],
    ] as const) {
      const [row] = await db
        .insert(careClasses)
        .values({ campaignId, orgId, name, mode: 'standalone', management: 'union', capacity: 40 })
        .returning();
      classIds.push(row?.id ?? 0);
    }
  });
  afterAll(() => t.close());

  const publish = (agent: Agent, extra: Record<string, unknown> = {}) =>
    agent.post('/api/naming/notices', {
      campaignId,
      title: '2025年度市级示范爱心托管班拟命名名单公示',
      startsOn: '2025-09-26',
      body: '公示期内如有异议，请在本页提出。',
      entries: [
        { classId: classIds[0], rank: 1, score: 92.5 },
        { classId: classIds[1], rank: 2, score: 88.25 },
      ],
      ...extra,
    });

  it('401 anonymous, 403/404 without the right, 400 for bad input', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/naming/notices')).statusCode).toBe(401);
    expect((await anon.post('/api/naming/notices', {})).statusCode).toBe(401);
    expect((await anon.post('/api/naming/namings', {})).statusCode).toBe(401);
    expect((await anon.get('/api/naming/namings/1/certificate.pdf')).statusCode).toBe(401);
    expect((await anon.post('/api/naming/objections/1/reveal-phone')).statusCode).toBe(401);
    const reviewer = await login(reviewerUser);
    expect((await publish(reviewer)).statusCode).toBe(403);
    expect((await publish(await login(districtUser))).statusCode).toBe(404);
    expect((await publish(city, { startsOn: '2025-02-30' })).statusCode).toBe(400);
    expect((await publish(city, { entries: [] })).statusCode).toBe(400);
    const past = await publish(city, { startsOn: '2025-09-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toContain('不能早于今天');
    const foreign = await publish(city, { entries: [{ classId: 999999, rank: 1 }] });
    expect(foreign.statusCode).toBe(400);
    expect((await anon.post('/api/public/publicity/1/code', { phone: '123' })).statusCode).toBe(400);
  });

  it('publishes over 5 working days: 09-26, the 调休 Sunday 09-28, 09-29, 09-30, then 10-09 after 国庆', async () => {
    const r = await publish(city);
    expect(r.statusCode, r.body).toBe(201);
    const n = r.json();
    noticeId = n.id;
    expect(n.days).toEqual(['2025-09-26', '2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09']);
    expect(n.endsOn).toBe('2025-10-09');
    expect(n.phase).toBe('scheduled');
    expect(
      n.entryList.map((e: { className: string; unitName: string; districtName: string; score: number }) => [
        e.className,
        e.unitName,
        e.districtName,
        e.score,
      ]),
    ).toEqual([
      ['甲一爱心托管班', '甲一单位', '甲区总工会', 92.5],
      ['甲二爱心托管班', '甲二单位', '甲区总工会', 88.25],
    ]);
    expect(n.abilities.publish).toBe(true);
    expect(n.namingBlockers.length).toBeGreaterThan(0);
  });

  it('refuses objections before the period with a clear message', async () => {
    const anon = t.anonymous();
    const r = await anon.post(`/api/public/publicity/${noticeId}/code`, { phone: PHONE });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('2025-09-26');
    const page = await anon.get(`/public/publicity/${noticeId}`);
    expect(page.body).toContain('届时可在此提出异议');
    // The list goes public on the period's first day.
    expect(page.body).not.toContain('甲一爱心托管班');
    expect((await anon.get('/public/publicity')).body).not.toContain(`/public/publicity/${noticeId}"`);
  });

  it('takes an objection during the period (on a 国庆 holiday too) only with the right code', async () => {
    at('2025-10-03T03:00:00Z');
    const anon = t.anonymous();
    const entryId = (await (await login(cityUser)).get(`/api/naming/notices/${noticeId}`)).json().entryList[1].id;
    const good = await code(PHONE);
    const wrong = good === '000000' ? '111111' : '000000';
    const bad = await anon.post(`/api/public/publicity/${noticeId}/objections`, {
      phone: PHONE,
      code: wrong,
      entryId,
      content: '该班暑期曾停课一周',
    });
    expect(bad.statusCode).toBe(400);
    const noCode = await anon.post(`/api/public/publicity/${noticeId}/objections`, { phone: PHONE, content: 'x' });
    expect(noCode.statusCode).toBe(400);
    const ok = await anon.post(`/api/public/publicity/${noticeId}/objections`, {
      phone: PHONE,
      code: good,
      entryId,
      content: '该班暑期曾停课一周',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().phone).toBe('138****5678');
    // The code is single use.
    const again = await anon.post(`/api/public/publicity/${noticeId}/objections`, {
      phone: PHONE,
      code: good,
      content: '再次提交',
    });
    expect(again.statusCode).toBe(400);
    const [stored] = await t.database.db.select().from(publicityObjections);
    expect(stored?.phoneSealed).not.toContain(PHONE);
    expect(stored?.phoneMasked).toBe('138****5678');
  });

  it('the HTML form takes an objection in two steps; the public page never shows a phone', async () => {
    at('2025-10-09T09:00:00Z');
    const anon = t.anonymous();
    const phone = '13900001111';
    const step1 = await t.app.inject({
      method: 'POST',
      url: `/public/publicity/${noticeId}/code`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `phone=${phone}`,
    });
    expect(step1.statusCode, step1.body).toBe(200);
    expect(step1.body).toContain('验证码已发送至 139****1111');
    const c = /(\d{6})/.exec(t.sender.lastTo(phone)?.text ?? '')?.[1] ?? '';
    const step2 = await t.app.inject({
      method: 'POST',
      url: `/public/publicity/${noticeId}/objection`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        phone,
        code: c,
        entryId: '',
        content: '名单整体无异议，但建议公开评分细则',
      }).toString(),
    });
    expect(step2.statusCode, step2.body).toBe(200);
    expect(step2.body).toContain('异议已收到');
    const page = await anon.get(`/public/publicity/${noticeId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('甲一爱心托管班');
    expect(page.body).not.toMatch(/1[3-9]\d{9}/);
    expect(page.body).not.toContain('****');
    const list = await anon.get('/public/publicity');
    expect(list.body).toContain('正在公示');
  });

  it('refuses objections after the period; masks phones in the console; reveals them to the city, audited', async () => {
    at('2025-10-10T02:00:00Z');
    const late = await t.anonymous().post(`/api/public/publicity/${noticeId}/code`, { phone: PHONE });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('已于 2025-10-09 结束');
    const lateForm = await t.app.inject({
      method: 'POST',
      url: `/public/publicity/${noticeId}/code`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `phone=${PHONE}`,
    });
    expect(lateForm.statusCode).toBe(409);
    expect(lateForm.body).toContain('不再受理异议');

    city = await login(cityUser);
    const n = (await city.get(`/api/naming/notices/${noticeId}`)).json();
    expect(n.objectionList).toHaveLength(2);
    expect(JSON.stringify(n)).not.toContain(PHONE);
    expect(n.objectionList[0].phone).toBe('138****5678');
    expect(n.objectionList[0].className).toBe('甲二爱心托管班');

    const reviewer = await login(reviewerUser);
    const oid = n.objectionList[0].id;
    expect((await reviewer.post(`/api/naming/objections/${oid}/reveal-phone`)).statusCode).toBe(403);
    expect((await (await login(unitUser)).post(`/api/naming/objections/${oid}/reveal-phone`)).statusCode).toBe(404);
    const shown = await city.post(`/api/naming/objections/${oid}/reveal-phone`);
    expect(shown.json()).toEqual({ phone: PHONE });
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'publicity.objection_reveal_phone'), eq(auditLog.entityId, String(oid))));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(PHONE);
  });

  it('names only after the period with every objection answered; responses are kept', async () => {
    const n = (await city.get(`/api/naming/notices/${noticeId}`)).json();
    const name = () =>
      city.post('/api/naming/namings', { noticeId, decisionNo: '市总工发〔2025〕18号', decisionDate: '2025-10-10' });
    const blocked = await name();
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().message).toContain('2 条异议未答复');
    const reviewer = await login(reviewerUser);
    expect(
      (
        await reviewer.post(`/api/naming/objections/${n.objectionList[0].id}/responses`, {
          outcome: 'noted',
          content: 'x',
        })
      ).statusCode,
    ).toBe(403);
    for (const o of n.objectionList) {
      const r = await city.post(`/api/naming/objections/${o.id}/responses`, {
        outcome: 'not_upheld',
        content: '经核实，该班停课系因暴雨红色预警，已按规定补课，异议不成立。',
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    expect(
      (await city.post('/api/naming/namings', { noticeId, decisionNo: 'x', decisionDate: '2025-10-09' })).statusCode,
    ).toBe(400);
    const named = await name();
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json().namings).toHaveLength(2);
    expect(named.json().named).toBe(2);
    expect((await name()).statusCode).toBe(409);
    expect(await isNamedDemonstrationClass(t.database.db, classIds[0] ?? 0)).toBe(true);
    expect(await isNamedDemonstrationClass(t.database.db, classIds[0] ?? 0, '2025-10-09')).toBe(false);
  });

  it('certificate PDF for the city and the class unit; verification valid, unknown, revoked', async () => {
    const namings = (await city.get(`/api/naming/namings?campaignId=${campaignId}`)).json().items;
    expect(namings).toHaveLength(2);
    const mine = namings.find((x: { classId: number }) => x.classId === classIds[0]);
    const other = namings.find((x: { classId: number }) => x.classId === classIds[1]);
    const pdf = await city.get(`/api/naming/namings/${mine.id}/certificate.pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5_000);
    expect(pdf.rawPayload.length).toBeLessThan(400_000);
    expect(pdf.rawPayload.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    const unit = await login(unitUser);
    expect((await unit.get(`/api/naming/namings/${mine.id}/certificate.pdf`)).statusCode).toBe(200);
    expect((await unit.get(`/api/naming/namings/${other.id}/certificate.pdf`)).statusCode).toBe(404);

    const valid = await t.anonymous().get(mine.verifyPath);
    expect(valid.statusCode).toBe(200);
    expect(valid.body).toContain('证书有效');
    expect(valid.body).toContain('甲一爱心托管班');
    expect(valid.body).toContain('市总工发〔2025〕18号');
    expect(mine.verifyPath).toMatch(/^\/public\/verify\/[a-z2-7]{24}$/);
    const unknown = await t.anonymous().get('/public/verify/abcdefghijklmnopqrstuvwx');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('未找到该证书');
    expect((await t.anonymous().get('/public/verify/%3Cscript%3E')).body).not.toContain('<script>');

    expect(
      (await unit.post(`/api/naming/namings/${other.id}/revoke`, { reason: 'x', revokedOn: '2025-10-10' })).statusCode,
    ).toBe(404);
    const rv = await city.post(`/api/naming/namings/${other.id}/revoke`, {
      reason: '复核发现申报材料中出勤数据不实',
      revokedOn: '2025-10-10',
      decisionNo: '市总工发〔2025〕21号',
    });
    expect(rv.statusCode, rv.body).toBe(200);
    expect(rv.json().items[0].revocation.reason).toContain('出勤数据不实');
    const revoked = await t.anonymous().get(other.verifyPath);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.body).toContain('该命名已被撤销');
    expect(revoked.body).toContain('出勤数据不实');
    expect((await city.get(`/api/naming/namings/${other.id}/certificate.pdf`)).statusCode).toBe(409);
    expect(await isNamedDemonstrationClass(t.database.db, classIds[1] ?? 0)).toBe(false);
    expect(await isNamedDemonstrationClass(t.database.db, classIds[1] ?? 0, '2025-10-10')).toBe(false);
    const show = await t.anonymous().get('/public/showcase');
    expect(show.body).toContain('甲一爱心托管班');
    expect(show.body).not.toContain('甲二爱心托管班');
    // The dashboard's target card counts the namings in force by the day (one read layer: stats.named.ts).
    const card = async (asOf: string) =>
      (await city.get(`/api/stats/dashboard?campaignId=${campaignId}&asOf=${asOf}`))
        .json()
        .targets.find((x: { key: string }) => x.key === 'demonstrationClasses');
    expect(await card('2025-10-09')).toMatchObject({ target: 10, actual: 0 });
    // Named on the 10th, one revoked on the 10th: one in force.
    expect(await card('2025-10-10')).toMatchObject({ target: 10, actual: 1, forecast: 1, note: null });
    // The naming row itself is untouched (append-only): the revocation is its own row.
    expect(
      await t.database.db.select().from(demonstrationNamings).where(eq(demonstrationNamings.id, other.id)),
    ).toHaveLength(1);
    await expect(
      t.database.db.update(demonstrationNamings).set({ decisionNo: 'x' }).where(eq(demonstrationNamings.id, other.id)),
    ).rejects.toThrow();
  });
});
