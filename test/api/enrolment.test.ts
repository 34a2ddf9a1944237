import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyLottery } from '../../src/domain/enrolment/lottery.js';
import { isHoldingStatus } from '../../src/domain/enrolment/statuses.js';
import { systemContext } from '../../src/server/context.js';
import { auditLog, children, classEnrolment } from '../../src/server/db/schema.js';
import { expireOffers } from '../../src/server/modules/enrolments/allocation.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { addChild, buildOpenClass, PARENT_PASSWORD, registerParent } from '../support/families.js';
import { multipart } from '../support/xlsx.js';
import { signAgreementAs } from '../support/signing.js';

describe('families and enrolment', () => {
  let t: TestApp;
  let city: Agent;
  let unitAdmin: Agent;
  let unitAdminName: string;
  let unitId: number;
  let otherUnitId: number;
  let campaignId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    const d = await buildOrg(db, { parentId: t.rootId });
    unitId = (await buildOrg(db, { parentId: d.id, name: '示例电力公司' })).id;
    otherUnitId = (await buildOrg(db, { parentId: d.id })).id;
    unitAdminName = (await buildUser(db, { role: 'unit_admin', orgId: unitId })).username;
    campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '2026暑期' })).json().id;
  });
  afterAll(() => t.close());
  // Some tests move the clock by days: sign in afresh so that no session has idled out.
  beforeEach(async () => {
    unitAdmin = await t.agent(unitAdminName, PASSWORD);
    city = await t.agent((await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
  });

  it('registration: 400 for a wrong code; the unit verifies employment; pending parents cannot apply', async () => {
    const anon = t.anonymous();
    expect((await anon.post('/api/parents/phone-code', { phone: '12345' })).statusCode).toBe(400);
    await anon.post('/api/parents/phone-code', { phone: '13600000001' });
    expect(t.sender.lastTo('13600000001')?.text).toMatch(/验证码是 \d{6}/);
    expect((await anon.post('/api/parents/phone-code', { phone: '13600000001' })).statusCode).toBe(429);
    const bad = await anon.post('/api/parents/register', {
      phone: '13600000001',
      code: '000000',
      password: 'Parent-Pass-2026',
      displayName: '王',
      employerOrgId: unitId,
      privacyNoticeVersion: '2026-1',
    });
    expect(bad.statusCode).toBe(400);
    const p = await registerParent(t, unitId);
    const pending = (await unitAdmin.get('/api/guardians?status=pending')).json().items;
    expect(pending.map((g: { userId: number }) => g.userId)).toContain(p.userId);
    const kid = await addChild(p.agent);
    const cls = await buildOpenClass(t.database.db, { campaignId, orgId: unitId, capacity: 5 });
    expect((await p.agent.post('/api/enrolments', { classId: cls.id, childId: kid.id })).statusCode).toBe(403);
    // Another unit's admin cannot verify them.
    const other = await t.agent(
      (await buildUser(t.database.db, { role: 'unit_admin', orgId: otherUnitId })).username,
      PASSWORD,
    );
    expect((await other.post(`/api/guardians/${p.userId}/verify`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await unitAdmin.post(`/api/guardians/${p.userId}/verify`, { decision: 'reject' })).statusCode).toBe(400);
    expect((await unitAdmin.post(`/api/guardians/${p.userId}/verify`, { decision: 'approve' })).statusCode).toBe(200);
    const fresh = await t.agent(p.phone, 'Parent-Pass-2026');
    expect((await fresh.post('/api/enrolments', { classId: cls.id, childId: kid.id })).statusCode).toBe(201);
  });

  it('an unverified guardian sees no class to apply to', async () => {
    const db = t.database.db;
    const own = await buildOpenClass(db, { campaignId, orgId: unitId, capacity: 5, name: '本单位班' });
    // Open to the whole city: offered to every verified employee, whichever unit employs them.
    const cityWide = await buildOpenClass(db, { campaignId, orgId: otherUnitId, capacity: 5, name: '全市开放班' });
    await db.update(classEnrolment).set({ openToAll: true }).where(eq(classEnrolment.classId, cityWide.id));
    const pending = await registerParent(t, unitId);
    const rejected = await registerParent(t, unitId);
    expect(
      (await unitAdmin.post(`/api/guardians/${rejected.userId}/verify`, { decision: 'reject', reason: '非本单位职工' }))
        .statusCode,
    ).toBe(200);
    // The second guardian of a verified family, not yet verified themselves: the family may join, they may not.
    const first = await registerParent(t, unitId, { verifyWith: unitAdmin });
    const sibling = await addChild(first.agent, { name: '共同子女' });
    const code = (await first.agent.post('/api/family/invite')).json().code as string;
    const second = await registerParent(t, unitId, { familyInviteCode: code });
    expect((await first.agent.get('/api/parent/classes')).json().items.map((c: { id: number }) => c.id)).toEqual(
      expect.arrayContaining([own.id, cityWide.id]),
    );
    for (const [p, kid] of [
      [pending, await addChild(pending.agent)],
      [rejected, await addChild(rejected.agent)],
      [second, sibling],
    ] as const) {
      const open = await p.agent.get('/api/parent/classes');
      expect(open.statusCode).toBe(200);
      expect(open.json().items).toEqual([]);
      for (const cls of [own, cityWide])
        expect((await p.agent.post('/api/enrolments', { classId: cls.id, childId: kid.id })).statusCode).toBe(403);
    }
    // Once verified, the same guardian is offered both.
    await unitAdmin.post(`/api/guardians/${pending.userId}/verify`, { decision: 'approve' });
    const verified = await t.agent(pending.phone, PARENT_PASSWORD);
    const ids = (await verified.get('/api/parent/classes')).json().items.map((c: { id: number }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([own.id, cityWide.id]));
  });

  it('children: consent first, ID validated, stored encrypted, masked, revealed only with an audit row', async () => {
    const p = await registerParent(t, unitId, { verifyWith: unitAdmin });
    const noConsent = await p.agent.post('/api/family/children', { name: '小红', birthDate: '2016-05-01', grade: '4' });
    expect(noConsent.statusCode).toBe(400);
    const kg = await p.agent.post('/api/family/children', {
      name: '小小',
      birthDate: '2020-05-01',
      grade: 'K',
      consents: { privacyNoticeVersion: '2026-1', health: true, photo: false },
    });
    expect(kg.statusCode).toBe(400);
    const wrongId = await p.agent.post('/api/family/children', {
      name: '小红',
      birthDate: '2016-05-01',
      grade: '4',
      idNumber: '110105201605011235',
      consents: { privacyNoticeVersion: '2026-1', health: true, photo: false },
    });
    expect(wrongId.statusCode).toBe(400);
    expect(wrongId.json().message).toContain('idNumber');
    const { residentIdCheckChar } = await import('../../src/domain/people/residentId.js');
    const body = '11010520160501123';
    const id = body + residentIdCheckChar(body);
    const kid = await addChild(p.agent, {
      name: '小红',
      birthDate: '2016-05-01',
      grade: '4',
      idNumber: id,
      allergies: '花生',
      healthNotes: '哮喘',
    });
    const seen = (await unitAdmin.get(`/api/children/${kid.id}`)).json();
    expect(seen.idNumberMasked).toBe(`110105********${id.slice(-4)}`);
    expect(JSON.stringify(seen)).not.toContain(id);
    expect(seen.allergies).toBe('花生');
    const [row] = await t.database.db.select().from(children).where(eq(children.id, kid.id));
    expect(row?.idNumberEnc).not.toContain(id);
    const rev = await unitAdmin.post(`/api/children/${kid.id}/reveal-id`);
    expect(rev.json().idNumber).toBe(id);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'child.reveal_id'), eq(auditLog.entityId, String(kid.id))));
    expect(audits).toHaveLength(1);
    // A parent of another unit's family sees nothing.
    const stranger = await registerParent(t, otherUnitId);
    expect((await stranger.agent.get(`/api/children/${kid.id}`)).statusCode).toBe(404);
    // Withdrawing the health consent erases the health details (PIPL art. 47), not only hides them.
    expect((await p.agent.post('/api/family/consents/withdraw', { kind: 'health', childId: kid.id })).statusCode).toBe(
      200,
    );
    const after = (await unitAdmin.get(`/api/children/${kid.id}`)).json();
    expect(after.allergies).toBeNull();
    expect(after.hidden).toContain('healthNotes');
    const [erased] = await t.database.db.select().from(children).where(eq(children.id, kid.id));
    expect(erased?.allergies).toBeNull();
    expect(erased?.healthNotes).toBeNull();
    // Without the consent, an update carrying health details is refused, naming the field; nothing is saved.
    const version = (await p.agent.get('/api/family')).json().children.find((c: { id: number }) => c.id === kid.id)
      ?.version as number;
    const refused = await p.agent.patch(`/api/family/children/${kid.id}`, { version, allergies: '鸡蛋' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('allergies');
    const [unchanged] = await t.database.db.select().from(children).where(eq(children.id, kid.id));
    expect(unchanged?.allergies).toBeNull();
    // Given again later, the details can be filled in again; pickup adults are added and revoked, never deleted.
    expect(
      (
        await p.agent.post('/api/family/consents/grant', {
          kind: 'health',
          childId: kid.id,
          privacyNoticeVersion: '2026-1',
        })
      ).statusCode,
    ).toBe(200);
    expect((await unitAdmin.get(`/api/children/${kid.id}`)).json().allergies).toBeNull();
    const again = await p.agent.patch(`/api/family/children/${kid.id}`, { version, allergies: '鸡蛋' });
    expect(again.statusCode).toBe(200);
    expect((await unitAdmin.get(`/api/children/${kid.id}`)).json().allergies).toBe('鸡蛋');
    const adult = await p.agent.post(`/api/family/children/${kid.id}/pickup-adults`, {
      name: '赵某',
      relation: '邻居',
      allowed: false,
    });
    expect(adult.statusCode).toBe(201);
    expect((await unitAdmin.get(`/api/children/${kid.id}`)).json().pickupAdults).toEqual([
      expect.objectContaining({ name: '赵某', allowed: false }),
    ]);
    expect(
      (await p.agent.post(`/api/family/children/${kid.id}/pickup-adults/${adult.json().id}/revoke`)).statusCode,
    ).toBe(200);
    expect((await unitAdmin.get(`/api/children/${kid.id}`)).json().pickupAdults).toEqual([]);
    expect(
      (
        await unitAdmin.post(`/api/family/children/${kid.id}/pickup-adults`, {
          name: 'x',
          relation: 'y',
          allowed: true,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('first come first served: capacity holds, the waitlist is promoted on withdrawal, unconfirmed offers pass on', async () => {
    const cls = await buildOpenClass(t.database.db, { campaignId, orgId: unitId, capacity: 2, name: '两人班' });
    const fams = [];
    for (let i = 0; i < 4; i++) {
      const p = await registerParent(t, unitId, { verifyWith: unitAdmin });
      const kid = await addChild(p.agent, { name: `孩子${i}` });
      const r = await p.agent.post('/api/enrolments', { classId: cls.id, childId: kid.id });
      expect(r.statusCode).toBe(201);
      fams.push({ ...p, kid, enrolment: r.json() });
    }
    expect(fams.map((f) => f.enrolment.status)).toEqual(['accepted', 'accepted', 'waitlisted', 'waitlisted']);
    expect(
      (await fams[0]?.agent.post(`/api/enrolments/${fams[0]?.enrolment.id}/withdraw`, { reason: '家中有人照看' }))
        ?.statusCode,
    ).toBe(200);
    const thirdRes = await fams[2]?.agent.get('/api/parent/enrolments');
    if (thirdRes?.statusCode !== 200) throw new Error(thirdRes?.body);
    const third = thirdRes.json().items[0];
    expect(third.status).toBe('offered');
    await t.dispatch();
    expect(t.sender.lastTo(fams[2]?.phone ?? '')?.text).toContain('两人班');
    expect((await fams[2]?.agent.get('/api/inbox'))?.json().items[0]).toMatchObject({ kind: 'enrolment.offer' });
    // The offer is not confirmed in time: it passes to the fourth family.
    t.clock.advance(49 * 3_600_000);
    expect(await expireOffers(t.database.db, { ...systemContext(t.clock.now) })).toBe(1);
    const fourthRes = await (await t.agent(fams[3]?.phone ?? '', PARENT_PASSWORD)).get('/api/parent/enrolments');
    const fourth = fourthRes.json().items[0];
    expect(fourth.status).toBe('offered');
    expect(
      (await (await t.agent(fams[3]?.phone ?? '', PARENT_PASSWORD)).post(`/api/enrolments/${fourth.id}/confirm`))
        .statusCode,
    ).toBe(200);
    const list = (await (await t.agent(unitAdminName, PASSWORD)).get(`/api/classes/${cls.id}/enrolments`)).json();
    expect(list.items.filter((e: { status: string }) => isHoldingStatus(e.status))).toHaveLength(2);
  });

  it('refuses a second place in an overlapping class and a grade the class does not take', async () => {
    const a = await buildOpenClass(t.database.db, {
      campaignId,
      orgId: unitId,
      capacity: 10,
      startDate: '2026-07-06',
      endDate: '2026-07-31',
    });
    const b = await buildOpenClass(t.database.db, {
      campaignId,
      orgId: unitId,
      capacity: 10,
      startDate: '2026-07-20',
      endDate: '2026-08-14',
    });
    const p = await registerParent(t, unitId, { verifyWith: unitAdmin });
    const kid = await addChild(p.agent);
    expect((await p.agent.post('/api/enrolments', { classId: a.id, childId: kid.id })).statusCode).toBe(201);
    const clash = await p.agent.post('/api/enrolments', { classId: b.id, childId: kid.id });
    expect(clash.statusCode).toBe(409);
    const other = await buildOpenClass(t.database.db, {
      campaignId,
      orgId: otherUnitId,
      capacity: 10,
      startDate: '2026-08-20',
      endDate: '2026-08-28',
    });
    expect((await p.agent.post('/api/enrolments', { classId: other.id, childId: kid.id })).statusCode).toBe(404);
    await t.database.db.execute(sql`UPDATE care_classes SET grades_offered = '[1,2]'::jsonb WHERE id = ${a.id}`);
    const kid2 = await addChild(p.agent, { name: '老二', grade: '5', birthDate: '2015-01-01' });
    const g = await p.agent.post('/api/enrolments', { classId: a.id, childId: kid2.id });
    expect(g.statusCode).toBe(400);
    expect(g.json().message).toContain('五年级');
  });

  it('lottery: seed committed before, revealed after; priority groups first; the draw verifies', async () => {
    const cls = await buildOpenClass(t.database.db, { campaignId, orgId: unitId, capacity: 3, name: '摇号班' });
    const opens = new Date(t.clock.now.getTime() - 60_000);
    const closes = new Date(t.clock.now.getTime() + 3_600_000);
    expect(
      (
        await unitAdmin.put(`/api/classes/${cls.id}/enrolment-settings`, {
          allocation: 'lottery',
          windowOpensAt: opens,
          windowClosesAt: closes,
        })
      ).statusCode,
    ).toBe(200);
    const settings = (await unitAdmin.get(`/api/classes/${cls.id}/enrolment-settings`)).json();
    expect(settings).toMatchObject({ allocation: 'lottery', lotteryDrawnAt: null });
    const before = (await unitAdmin.get(`/api/classes/${cls.id}/lottery`)).json();
    expect(before.seedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(before.seed).toBeUndefined();
    const applicants: { phone: string; enrolment: { id: number } }[] = [];
    for (let i = 0; i < 6; i++) {
      const p = await registerParent(t, unitId, { verifyWith: unitAdmin, flags: i === 5 ? ['bothEmployed'] : [] });
      const kid = await addChild(p.agent, { name: `摇号${i}` });
      const r = await p.agent.post('/api/enrolments', { classId: cls.id, childId: kid.id });
      expect(r.json().status).toBe('applied');
      applicants.push({ ...p, enrolment: r.json() });
    }
    expect((await unitAdmin.post(`/api/classes/${cls.id}/lottery/draw`)).statusCode).toBe(409); // window still open
    t.clock.advance(2 * 3_600_000);
    unitAdmin = await t.agent(unitAdminName, PASSWORD);
    expect((await unitAdmin.post(`/api/classes/${cls.id}/lottery/draw`)).json()).toEqual({ entries: 6 });
    const family = await t.agent(applicants[0]?.phone ?? '', PARENT_PASSWORD);
    const pub = (await family.get(`/api/classes/${cls.id}/lottery`)).json();
    expect(pub.seedHash).toBe(before.seedHash);
    expect(verifyLottery(pub)).toEqual({ ok: true, entries: 6 });
    // Anyone holding the publication can check it with the CLI, and a doctored copy fails.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lottery-')), 'lottery.json');
    fs.writeFileSync(file, JSON.stringify(pub));
    const io = () => {
      const out = { text: '' };
      const w = new Writable({
        write: (c, _e, cb) => {
          out.text += String(c);
          cb();
        },
      });
      return { out, io: { stdout: w, stderr: w, stdin: process.stdin } };
    };
    const good = io();
    expect(await runCli(['lottery', 'verify', file], good.io)).toBe(0);
    expect(good.out.text).toContain('6');
    const doctored = structuredClone(pub);
    doctored.entries[0].rank = doctored.entries[1].rank;
    fs.writeFileSync(file, JSON.stringify(doctored));
    expect(await runCli(['lottery', 'verify', file], io().io)).toBe(1);
    const prio = pub.entries.find((e: { ref: string }) => e.ref === String(applicants[5]?.enrolment.id));
    expect(prio.rank).toBe(1);
    const statuses = (await unitAdmin.get(`/api/classes/${cls.id}/enrolments`))
      .json()
      .items.map((e: { status: string }) => e.status);
    expect(statuses.filter((s: string) => s === 'offered')).toHaveLength(3);
    expect(statuses.filter((s: string) => s === 'waitlisted')).toHaveLength(3);
  });

  it('before the first day: agreement, insurance and fee make a child enrolled for the policy engine', async () => {
    const cls = await buildOpenClass(t.database.db, {
      campaignId,
      orgId: unitId,
      capacity: 10,
      feeAmount: 300,
      name: '收费班',
    });
    const p = await registerParent(t, unitId, { verifyWith: unitAdmin });
    const kid = await addChild(p.agent);
    const e = (await p.agent.post('/api/enrolments', { classId: cls.id, childId: kid.id })).json();
    // Each application carries what the caller may do with it: the family acts on its place, staff on the paperwork.
    expect(e.abilities).toEqual({
      confirm: false,
      withdraw: true,
      sign: true,
      submitInsurance: true,
      reviewInsurance: false,
      recordFee: false,
    });
    const queue = (await unitAdmin.get(`/api/classes/${cls.id}/enrolments`)).json();
    expect(queue.items[0].abilities).toMatchObject({
      sign: false,
      withdraw: true,
      reviewInsurance: true,
      recordFee: true,
    });
    expect(queue.abilities).toEqual({ configure: true, drawLottery: true, sendReminders: true, importRoster: true });
    const tpl = (await unitAdmin.get('/api/agreements/template')).json().body;
    const pub = await unitAdmin.post(`/api/orgs/${unitId}/agreements`, { title: '托管协议', body: tpl });
    expect(pub.statusCode).toBe(201);
    const text = (await p.agent.get(`/api/enrolments/${e.id}/agreement`)).json();
    expect(text.body).toContain('人身意外伤害保险');
    expect(
      (
        await p.agent.post(`/api/enrolments/${e.id}/sign`, {
          typedName: '王大明',
          textSha256: 'f'.repeat(64),
          code: '000000',
        })
      ).statusCode,
    ).toBe(409);
    // Signing asks for the verified name and a fresh phone code (test/api/agreement-signing.test.ts).
    await signAgreementAs(t, p.agent, p, e.id);
    const short = await p.agent.post(`/api/enrolments/${e.id}/insurance`, {
      insurer: '中国人寿',
      policyNo: 'PL-2026-001',
      periodStart: '2026-07-10',
      periodEnd: '2026-08-31',
    });
    expect(short.statusCode).toBe(400);
    const ins = await p.agent.post(`/api/enrolments/${e.id}/insurance`, {
      insurer: '中国人寿',
      policyNo: 'PL-2026-001',
      periodStart: '2026-07-01',
      periodEnd: '2026-08-31',
    });
    expect(ins.statusCode).toBe(200);
    let ready = (await unitAdmin.get(`/api/classes/${cls.id}/enrolments`)).json().readiness[0];
    expect(ready.missing).toEqual(['insurance', 'fee']);
    expect(ready.insuranceProof).toMatchObject({ id: ins.json().proofId, insurer: '中国人寿' });
    // The unit's published text is the template; what the family signed is it filled with the class's facts.
    expect((await unitAdmin.get(`/api/orgs/${unitId}/agreements/current`)).json()).toMatchObject({
      version: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(text.version).toBe(1);
    expect(
      (await p.agent.post(`/api/insurance/${ins.json().proofId}/review`, { decision: 'confirmed' })).statusCode,
    ).toBe(403);
    // A rejection tells the guardian why; a new proof is then reviewed again.
    await unitAdmin.post(`/api/insurance/${ins.json().proofId}/review`, {
      decision: 'rejected',
      note: '保单照片不清晰',
    });
    const mine = (await p.agent.get('/api/parent/enrolments')).json().items.find((x: { id: number }) => x.id === e.id);
    expect(mine).toMatchObject({ insurance: 'rejected', insuranceNote: '保单照片不清晰' });
    const again = await p.agent.post(`/api/enrolments/${e.id}/insurance`, {
      insurer: '中国人寿',
      policyNo: 'PL-2026-001',
      periodStart: '2026-07-01',
      periodEnd: '2026-08-31',
    });
    await unitAdmin.post(`/api/insurance/${again.json().proofId}/review`, { decision: 'confirmed' });
    expect((await unitAdmin.post(`/api/enrolments/${e.id}/fee`, { status: 'paid', receipt: null })).statusCode).toBe(
      400,
    );
    await unitAdmin.post(`/api/enrolments/${e.id}/fee`, { status: 'paid', receipt: 'SJ-0001' });
    ready = (await unitAdmin.get(`/api/classes/${cls.id}/enrolments`)).json().readiness[0];
    expect(ready).toMatchObject({ enrolled: true, missing: [] });
    const detail = (await unitAdmin.get(`/api/classes/${cls.id}`)).json();
    const minChildren = detail.verdict.rules.find((r: { id: string }) => r.id === 'scale.minChildren');
    expect(JSON.stringify(minChildren.facts)).toContain('1');
    // The signed agreement downloads as a PDF with an embedded Chinese font.
    const pdf = await p.agent.get(`/api/enrolments/${e.id}/agreement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toMatch(/FontFile/);
    if (process.env.SAVE_PDF) fs.writeFileSync(process.env.SAVE_PDF, pdf.rawPayload);
    // A new agreement version needs a new signature.
    await unitAdmin.post(`/api/orgs/${unitId}/agreements`, {
      title: '托管协议（修订）',
      body: `${tpl}\n八、补充条款。`,
    });
    ready = (await unitAdmin.get(`/api/classes/${cls.id}/enrolments`)).json().readiness[0];
    expect(ready.missing).toEqual(['agreement']);
    const remind = await unitAdmin.post(`/api/classes/${cls.id}/reminders`);
    expect(remind.json().sent).toBe(1);
    // Sending reminders is a write like any other: it leaves an audit row naming the class and who was reminded.
    const [reminded] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'enrolment.remind'), eq(auditLog.entityId, String(cls.id))));
    expect(reminded?.after).toMatchObject({ enrolments: [e.id], sent: 1 });
    await t.dispatch();
    expect(t.sender.lastTo(p.phone)?.text).toContain('签署托管协议');
  });

  it('roster import: the template imports; a file with bad cells reports each one and imports nothing', async () => {
    const cls = await buildOpenClass(t.database.db, { campaignId, orgId: unitId, capacity: 5, name: '名册班' });
    const tpl = await unitAdmin.get('/api/roster/template');
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('sheet');
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const rowOf = (v: Record<string, string>) => headers.map((h) => v[h.replace(/[*＊\s]/g, '')] ?? '');
    ws.addRow(
      rowOf({
        姓名: '名册甲',
        出生日期: '2016-03-07',
        年级: '三年级',
        监护人姓名: '甲家长',
        监护人手机: '13900000101',
      }),
    );
    ws.addRow(
      rowOf({
        姓名: '名册乙',
        出生日期: '2015年9月1日',
        年级: '4',
        监护人姓名: '乙家长',
        监护人手机: '+86 139 0000 0102',
      }),
    );
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const upload = async (buf: Buffer) => {
      const { body, contentType } = multipart(buf, 'roster.xlsx');
      return unitAdmin.request('POST', `/api/classes/${cls.id}/roster`, body, { 'content-type': contentType });
    };
    const bad = new ExcelJS.Workbook();
    await bad.xlsx.load(good as unknown as ArrayBuffer);
    bad.worksheets[0]?.addRow(
      rowOf({ 姓名: '名册丙', 出生日期: '2016-02-30', 年级: '九年级', 监护人姓名: '丙家长', 监护人手机: '123' }),
    );
    const badRes = await upload(Buffer.from(await bad.xlsx.writeBuffer()));
    expect(badRes.statusCode).toBe(422);
    // The template carries formatted rows, so appended rows sit further down; every bad cell is named.
    const details = badRes.json().details as { row: number; column: string; message: string }[];
    expect(details.map((d) => d.column)).toEqual(['C', 'F', 'J']);
    expect(new Set(details.map((d) => d.row)).size).toBe(1);
    expect(details[1]?.message).toContain('九年级');
    expect((await unitAdmin.get(`/api/classes/${cls.id}/enrolments`)).json().items).toHaveLength(0);
    // A row naming another unit's registered parent is refused (row and column), and nothing is imported.
    const outsider = await registerParent(t, otherUnitId);
    const cross = new ExcelJS.Workbook();
    await cross.xlsx.load(good as unknown as ArrayBuffer);
    cross.worksheets[0]?.addRow(
      rowOf({ 姓名: '名册丁', 出生日期: '2016-05-05', 年级: '2', 监护人姓名: '丁家长', 监护人手机: outsider.phone }),
    );
    const crossRes = await upload(Buffer.from(await cross.xlsx.writeBuffer()));
    expect(crossRes.statusCode).toBe(422);
    expect(crossRes.json().details).toEqual([expect.objectContaining({ column: '监护人手机' })]);
    expect((await unitAdmin.get(`/api/classes/${cls.id}/enrolments`)).json().items).toHaveLength(0);
    expect((await outsider.agent.get('/api/family')).json().children ?? []).toHaveLength(0);
    const ok = await upload(good);
    expect(ok.json()).toEqual({ imported: 2 });
    const list = (await unitAdmin.get(`/api/classes/${cls.id}/enrolments`)).json();
    expect(list.items.map((e: { childName: string; status: string }) => [e.childName, e.status])).toEqual([
      ['名册甲', 'accepted'],
      ['名册乙', 'accepted'],
    ]);
  });
});
