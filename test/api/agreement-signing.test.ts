/**
 * Signing means something (issue 12): the verified guardian signs the exact text (the unit's agreement filled with
 * the class's facts) under their verified name, confirmed by a fresh single-use code sent to their own phone.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { agreementSignatures, auditLog, users, venues } from '../../src/server/db/schema.js';
import { careClasses } from '../../src/server/db/schema.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { addChild, buildOpenClass, registerParent } from '../support/families.js';
import { lastCode } from '../support/signing.js';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('signing the custody agreement', () => {
  let t: TestApp;
  let unitAdmin: Agent;
  let unitId: number;
  let campaignId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    const d = await buildOrg(db, { parentId: t.rootId });
    unitId = (await buildOrg(db, { parentId: d.id, name: '示例电力公司' })).id;
    unitAdmin = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitId })).username, PASSWORD);
    campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '2026暑期' })).json().id;
    const tpl = (await unitAdmin.get('/api/agreements/template')).json().body;
    expect((await unitAdmin.post(`/api/orgs/${unitId}/agreements`, { title: '托管协议', body: tpl })).statusCode).toBe(
      201,
    );
  });
  afterAll(() => t.close());

  async function placedChild(className: string) {
    const db = t.database.db;
    const cls = await buildOpenClass(db, { campaignId, orgId: unitId, capacity: 5, feeAmount: 300, name: className });
    const [venue] = await db
      .insert(venues)
      .values({
        orgId: unitId,
        name: '职工活动中心',
        address: '示例市中山路 1 号',
        location: 'unit',
        buildingUse: 'activity',
        checklist: {},
      })
      .returning();
    await db
      .update(careClasses)
      .set({ dailyStart: '08:30', dailyEnd: '17:30', venueId: venue?.id ?? null })
      .where(eq(careClasses.id, cls.id));
    const p = await registerParent(t, unitId, { verifyWith: unitAdmin });
    const kid = await addChild(p.agent);
    const e = (await p.agent.post('/api/enrolments', { classId: cls.id, childId: kid.id })).json();
    const [u] = await db.select().from(users).where(eq(users.id, p.userId));
    return { ...p, enrolmentId: e.id as number, name: u?.displayName ?? '', classId: cls.id };
  }

  it('the text covers every clause a legal adviser asks for and is filled with the class’s facts', async () => {
    const p = await placedChild('条款班');
    const text = (await p.agent.get(`/api/enrolments/${p.enrolmentId}/agreement`)).json();
    for (const clause of ['托管期间', '接送', '健康状况', '意外伤害保险', '费用', '责任', '突发', '个人信息', '解除'])
      expect(text.body, clause).toContain(clause);
    expect(text.body).toContain('甲方（托管单位）：示例电力公司');
    expect(text.body).toContain('托管班：条款班');
    expect(text.body).toContain('2026-07-06 至 2026-08-14');
    expect(text.body).toContain('08:30—17:30');
    expect(text.body).toContain('人民币 300 元');
    expect(text.body).toContain('职工活动中心（示例市中山路 1 号）');
    expect(text.body).not.toMatch(/\{[a-zA-Z]+\}/);
    expect(text.sha256).toBe(sha(text.body));
    expect(text.signerName).toBe(p.name);
  });

  it('refuses a name that is not the verified one, a wrong or missing code, and counts the attempts', async () => {
    const p = await placedChild('签名班');
    const text = (await p.agent.get(`/api/enrolments/${p.enrolmentId}/agreement`)).json();
    const sign = (body: Record<string, unknown>) =>
      p.agent.post(`/api/enrolments/${p.enrolmentId}/sign`, { typedName: p.name, textSha256: text.sha256, ...body });
    // No code field at all: the schema refuses it.
    const noCode = await p.agent.post(`/api/enrolments/${p.enrolmentId}/sign`, {
      typedName: p.name,
      textSha256: text.sha256,
    });
    expect(noCode.statusCode).toBe(400);
    // A code that was never sent.
    const never = await sign({ code: '123456' });
    expect(never.statusCode).toBe(400);
    expect(never.json().details).toEqual([{ path: 'body.code', message: expect.stringContaining('验证码') }]);

    const sent = await p.agent.post(`/api/enrolments/${p.enrolmentId}/sign-code`);
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ expiresInSeconds: 600, phone: `${p.phone.slice(0, 3)}****${p.phone.slice(-4)}` });
    expect(t.sender.lastTo(p.phone)?.text).toMatch(/签署托管协议，验证码 \d{6}/);
    // One per minute.
    expect((await p.agent.post(`/api/enrolments/${p.enrolmentId}/sign-code`)).statusCode).toBe(429);
    const code = lastCode(t, p.phone) ?? '';

    // Someone else's name is refused before the code is touched (the code still works afterwards).
    const wrongName = await sign({ typedName: '李四', code });
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json().details[0]).toMatchObject({ path: 'body.typedName' });
    expect(wrongName.json().message).toContain(p.name);
    // A changed text (another hash) is a conflict.
    expect((await sign({ textSha256: 'f'.repeat(64), code })).statusCode).toBe(409);

    // Five wrong codes use the code up: the right one no longer works.
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await sign({ code: wrong })).statusCode).toBe(400);
    const locked = await sign({ code });
    expect(locked.statusCode).toBe(400);
    expect(locked.json().message).toContain('错误次数过多');
    const [sig] = await t.database.db
      .select()
      .from(agreementSignatures)
      .where(eq(agreementSignatures.enrolmentId, p.enrolmentId));
    expect(sig).toBeUndefined();
  });

  it('a code expires after 10 minutes', async () => {
    const p = await placedChild('过期班');
    const text = (await p.agent.get(`/api/enrolments/${p.enrolmentId}/agreement`)).json();
    await p.agent.post(`/api/enrolments/${p.enrolmentId}/sign-code`);
    t.clock.advance(10 * 60_000 + 1000);
    const r = await p.agent.post(`/api/enrolments/${p.enrolmentId}/sign`, {
      typedName: p.name,
      textSha256: text.sha256,
      code: lastCode(t, p.phone),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('已过期');
  });

  it('the verified guardian signs with the code; the signature keeps the exact text, its hash and the verification', async () => {
    const p = await placedChild('签署班');
    const text = (await p.agent.get(`/api/enrolments/${p.enrolmentId}/agreement`)).json();
    await p.agent.post(`/api/enrolments/${p.enrolmentId}/sign-code`);
    const code = lastCode(t, p.phone);
    // Spacing and width do not matter: "王 大明" is "王大明".
    const typed = `${p.name.slice(0, 1)} ${p.name.slice(1)}`;
    const ok = await p.agent.post(`/api/enrolments/${p.enrolmentId}/sign`, {
      typedName: typed,
      textSha256: text.sha256,
      code,
    });
    expect(ok.statusCode).toBe(200);
    const [sig] = await t.database.db
      .select()
      .from(agreementSignatures)
      .where(eq(agreementSignatures.enrolmentId, p.enrolmentId));
    expect(sig).toMatchObject({ body: text.body, textSha256: sha(text.body), signerUserId: p.userId });
    expect(sig?.phoneVerifiedAt).toBeInstanceOf(Date);
    const [ev] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'enrolment.sign'), eq(auditLog.entityId, String(p.enrolmentId))));
    expect(ev?.after).toMatchObject({ phoneVerified: true, sha256: text.sha256 });
    // The code is single-use.
    const again = await p.agent.post(`/api/enrolments/${p.enrolmentId}/sign`, {
      typedName: p.name,
      textSha256: text.sha256,
      code,
    });
    expect(again.statusCode).toBe(400);
    expect((await p.agent.get(`/api/enrolments/${p.enrolmentId}/agreement`)).json().signed).toBe(true);

    // A new version (or a class that moves its dates) never changes what was signed: the PDF is the signed text.
    await t.database.db.update(careClasses).set({ endDate: '2026-08-21' }).where(eq(careClasses.id, p.classId));
    const moved = (await p.agent.get(`/api/enrolments/${p.enrolmentId}/agreement`)).json();
    expect(moved.sha256).not.toBe(text.sha256);
    const [kept] = await t.database.db
      .select()
      .from(agreementSignatures)
      .where(eq(agreementSignatures.enrolmentId, p.enrolmentId));
    expect(kept?.body).toBe(text.body);
    const pdf = await p.agent.get(`/api/enrolments/${p.enrolmentId}/agreement.pdf`);
    expect(pdf.statusCode).toBe(200);
  });

  it('a guardian the unit has not verified cannot ask for a code or sign', async () => {
    const db = t.database.db;
    const p = await placedChild('核验班');
    const { guardians } = await import('../../src/server/db/schema.js');
    await db.update(guardians).set({ status: 'pending' }).where(eq(guardians.userId, p.userId));
    const r = await p.agent.post(`/api/enrolments/${p.enrolmentId}/sign-code`);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('核验');
    // Staff cannot sign for a family.
    expect((await unitAdmin.post(`/api/enrolments/${p.enrolmentId}/sign-code`)).statusCode).toBe(403);
  });

  it('401 without a session', async () => {
    expect((await t.anonymous().post('/api/enrolments/1/sign-code')).statusCode).toBe(401);
  });
});
