import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/db/schema.js';
import {
  agreementCovers,
  licenceValidThrough,
  providerQualified,
} from '../../src/server/modules/counterparties/counterparties.facts.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, makeCreditCode, PASSWORD } from '../support/factories.js';
import { multipart } from '../support/xlsx.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const caterer = (orgId: number, extra: Record<string, unknown> = {}) => ({
  kind: 'caterer',
  orgId,
  name: '放心餐饮管理有限公司',
  licenceNo: 'JY13701020012345',
  licenceExpiry: '2026-08-15',
  agreementStart: '2026-07-01',
  agreementEnd: '2026-08-31',
  ...extra,
});

describe('/api/counterparties', () => {
  let t: TestApp;
  let dataDir: string;
  let unitA: number;
  let unitB: number;
  let adminA: Agent;
  let adminB: Agent;
  let district: Agent;
  let inspector: Agent;
  let catererId: number;

  const sendFile = (a: Agent, id: number, purpose: string, file = PDF) => {
    const { body, contentType } = multipart(file, '资质证明.pdf');
    const boundary = contentType.split('boundary=')[1];
    const field = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n${purpose}\r\n`);
    return a.request('POST', `/api/counterparties/${id}/files`, Buffer.concat([field, body]), {
      'content-type': contentType,
    });
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-cp-'));
    t = await createTestApp({ dataDir });
    const db = t.database.db;
    const districtId = (await buildOrg(db, { parentId: t.rootId })).id;
    unitA = (await buildOrg(db, { parentId: districtId, name: '甲公司' })).id;
    unitB = (await buildOrg(db, { parentId: districtId, name: '乙公司' })).id;
    adminA = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitA })).username, PASSWORD);
    adminB = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitB })).username, PASSWORD);
    district = await t.agent((await buildUser(db, { role: 'district_admin', orgId: districtId })).username, PASSWORD);
    inspector = await t.agent((await buildUser(db, { role: 'inspector', orgId: districtId })).username, PASSWORD);
    const r = await adminA.post('/api/counterparties', caterer(unitA));
    expect(r.statusCode).toBe(201);
    catererId = r.json().id;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('401 without a session', async () => {
    expect((await t.anonymous().get('/api/counterparties?kind=caterer')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/counterparties', caterer(unitA))).statusCode).toBe(401);
  });

  it('403 for an inspector who sees but may not edit or review; 404 across units', async () => {
    expect((await inspector.get(`/api/counterparties/${catererId}`)).statusCode).toBe(200);
    expect((await inspector.post('/api/counterparties', caterer(unitA))).statusCode).toBe(403);
    expect((await inspector.patch(`/api/counterparties/${catererId}`, { name: '改名', version: 1 })).statusCode).toBe(
      403,
    );
    expect((await sendFile(inspector, catererId, 'licence')).statusCode).toBe(403);
    expect((await adminB.get(`/api/counterparties/${catererId}`)).statusCode).toBe(404);
    expect((await adminB.post('/api/counterparties', caterer(unitA))).statusCode).toBe(404);
  });

  it('400 for bad input: unknown kind, fields of another kind, a bad date, an agreement ending before it starts', async () => {
    expect((await adminA.post('/api/counterparties', caterer(unitA, { kind: 'bank' }))).statusCode).toBe(400);
    const partnerField = await adminA.post('/api/counterparties', caterer(unitA, { partnerType: 'school' }));
    expect(partnerField.statusCode).toBe(400);
    expect(
      (await adminA.post('/api/counterparties', { kind: 'partner', orgId: unitA, name: '实验小学' })).statusCode,
    ).toBe(400);
    const badDate = await adminA.post('/api/counterparties', caterer(unitA, { licenceExpiry: '2026-02-30' }));
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toContain('licenceExpiry');
    const reversed = await adminA.post('/api/counterparties', caterer(unitA, { agreementStart: '2026-09-01' }));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().message).toContain('agreementEnd');
    const code = await adminA.post('/api/counterparties', caterer(unitA, { creditCode: '91350100M000100Y44' }));
    expect(code.statusCode).toBe(400);
    const c = (await adminA.get(`/api/counterparties/${catererId}`)).json();
    const wrongKind = await adminA.patch(`/api/counterparties/${catererId}`, {
      partnerType: 'school',
      version: c.version,
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().message).toContain('partnerType');
  });

  it('creates each kind; lists are filtered by kind and scoped to the caller', async () => {
    const p = await adminA.post('/api/counterparties', {
      kind: 'partner',
      orgId: unitA,
      name: '实验小学',
      partnerType: 'school',
      creditCode: makeCreditCode(880001),
      agreementStart: '2026-07-01',
      agreementEnd: '2026-08-31',
      contactPhone: '138 0013 8000',
    });
    expect(p.statusCode).toBe(201);
    expect(p.json()).toMatchObject({
      kind: 'partner',
      partnerType: 'school',
      contactPhone: '13800138000',
      review: null,
    });
    const pv = await adminB.post('/api/counterparties', { kind: 'provider', orgId: unitB, name: '阳光托育服务中心' });
    expect(pv.statusCode).toBe(201);
    expect(pv.json().abilities).toEqual({
      update: true,
      deactivate: true,
      reactivate: false,
      upload: true,
      review: true,
    });
    const caterers = (await adminA.get('/api/counterparties?kind=caterer')).json();
    expect(caterers.items.map((x: { id: number }) => x.id)).toEqual([catererId]);
    expect((await adminA.get('/api/counterparties')).json().total).toBe(2);
    expect((await adminA.get('/api/counterparties?kind=provider')).json().total).toBe(0);
    expect((await district.get('/api/counterparties?kind=provider')).json().total).toBe(1);
    expect((await adminA.get(`/api/counterparties?orgId=${unitB}`)).statusCode).toBe(404);
    expect((await adminA.get(`/api/counterparties/${catererId}`)).json().abilities.review).toBe(false);
  });

  it('edits with optimistic versioning; the caterer’s licence feeds licenceValidThrough', async () => {
    const c = (await adminA.get(`/api/counterparties/${catererId}`)).json();
    const r = await adminA.patch(`/api/counterparties/${catererId}`, {
      licenceExpiry: '2026-09-30',
      version: c.version,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ licenceExpiry: '2026-09-30', version: c.version + 1 });
    expect(
      (await adminA.patch(`/api/counterparties/${catererId}`, { name: '新名', version: c.version })).statusCode,
    ).toBe(409);
    const row = { kind: 'caterer', licenceNo: 'JY1', licenceExpiry: '2026-08-15' };
    expect(licenceValidThrough(row, '2026-08-15')).toBe(true);
    expect(licenceValidThrough(row, '2026-08-16')).toBe(false);
    expect(licenceValidThrough({ ...row, licenceExpiry: null }, '2026-08-01')).toBeUndefined();
    expect(licenceValidThrough({ ...row, kind: 'partner' }, '2026-08-01')).toBe(false);
    expect(
      agreementCovers({ agreementStart: '2026-07-01', agreementEnd: '2026-08-31' }, '2026-07-05', '2026-08-20'),
    ).toBe(true);
    expect(
      agreementCovers({ agreementStart: '2026-07-10', agreementEnd: '2026-08-31' }, '2026-07-05', '2026-08-20'),
    ).toBe(false);
    expect(providerQualified({ kind: 'provider', reviewResult: 'pending' })).toBeUndefined();
  });

  it('documents: the purpose must suit the kind; files download only within scope', async () => {
    expect((await sendFile(adminA, catererId, 'partner_agreement')).statusCode).toBe(400);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
    expect((await sendFile(adminA, catererId, 'licence', exe)).statusCode).toBe(415);
    const ok = await sendFile(adminA, catererId, 'catering_agreement');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ ownerType: 'counterparty', ownerId: catererId, purpose: 'catering_agreement' });
    const d = await district.get(ok.json().url);
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('资质证明.pdf')}`);
    expect((await adminB.get(ok.json().url)).statusCode).toBe(404);
    expect((await adminA.get(`/api/counterparties/${catererId}/files`)).json().items).toHaveLength(1);
  });

  it('a provider’s qualification review records who and when; a pass needs a qualification document', async () => {
    const p = (await adminB.post('/api/counterparties', { kind: 'provider', orgId: unitB, name: '启航教育' })).json();
    expect(
      (await inspector.post(`/api/counterparties/${p.id}/review`, { result: 'passed', version: p.version })).statusCode,
    ).toBe(403);
    expect(
      (await adminA.post(`/api/counterparties/${p.id}/review`, { result: 'passed', version: p.version })).statusCode,
    ).toBe(404);
    expect(
      (await adminA.post(`/api/counterparties/${catererId}/review`, { result: 'passed', version: 1 })).statusCode,
    ).toBe(400);
    expect(
      (await adminB.post(`/api/counterparties/${p.id}/review`, { result: 'great', version: p.version })).statusCode,
    ).toBe(400);
    const early = await adminB.post(`/api/counterparties/${p.id}/review`, { result: 'passed', version: p.version });
    expect(early.statusCode).toBe(400);
    expect((await sendFile(adminB, p.id, 'qualification')).statusCode).toBe(201);
    const r = await district.post(`/api/counterparties/${p.id}/review`, {
      result: 'passed',
      note: '资质齐全',
      version: p.version,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().review).toMatchObject({
      result: 'passed',
      note: '资质齐全',
      byName: expect.stringContaining('测试用户'),
    });
    expect(new Date(r.json().review.at).getTime()).toBe(t.clock.now.getTime());
    expect(
      (await district.post(`/api/counterparties/${p.id}/review`, { result: 'failed', version: p.version })).statusCode,
    ).toBe(409);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'counterparty'), eq(auditLog.entityId, String(p.id))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit).toMatchObject({ action: 'counterparty.review', after: { reviewResult: 'passed' } });
  });

  it('deactivates instead of deleting', async () => {
    const c = (await adminA.post('/api/counterparties', caterer(unitA, { name: '旧配餐公司' }))).json();
    const off = await adminA.post(`/api/counterparties/${c.id}/deactivate`, { reason: '合同终止' });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, abilities: { update: false, reactivate: true } });
    expect(
      (await adminA.get('/api/counterparties?kind=caterer')).json().items.map((x: { id: number }) => x.id),
    ).not.toContain(c.id);
    expect((await adminA.get(`/api/counterparties/${c.id}`)).statusCode).toBe(200);
    expect((await sendFile(adminA, c.id, 'licence')).statusCode).toBe(403);
    expect((await adminA.post(`/api/counterparties/${c.id}/reactivate`, { reason: '重新合作' })).json().active).toBe(
      true,
    );
  });
});
