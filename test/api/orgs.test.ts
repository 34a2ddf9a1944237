import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type Agent } from '../support/app.js';
import { buildOrg, buildUser, makeCreditCode, PASSWORD } from '../support/factories.js';

describe('/api/orgs', () => {
  let t: TestApp;
  let city: Agent;
  let districtId: number;
  let unitId: number;
  beforeAll(async () => {
    t = await createTestApp();
    const c = await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId });
    city = await t.agent(c.username, PASSWORD);
    districtId = (await buildOrg(t.database.db, { parentId: t.rootId, name: '甲区总工会' })).id;
    unitId = (await buildOrg(t.database.db, { parentId: districtId })).id;
  });
  afterAll(() => t.close());

  it('401 without a session', async () => {
    expect((await t.anonymous().get('/api/orgs')).statusCode).toBe(401);
    expect(
      (await t.anonymous().post('/api/orgs', { parentId: t.rootId, kind: 'district', name: '乙区' })).statusCode,
    ).toBe(401);
  });

  it('403 for a role that may not create (unit admin under own unit, parent under district)', async () => {
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const a = await t.agent(u.username, PASSWORD);
    const r = await a.post('/api/orgs', { parentId: unitId, kind: 'unit', name: '子单位', unitType: 'other' });
    expect(r.statusCode).toBe(403);
    const p = await buildUser(t.database.db, { role: 'parent', orgId: unitId });
    const pa = await t.agent(p.username, PASSWORD);
    expect((await pa.get(`/api/orgs/${unitId}`)).statusCode).toBe(404);
    expect((await pa.get('/api/orgs')).json().total).toBe(0);
  });

  it('400 for bad input, naming the field, in the request language', async () => {
    const r = await city.post('/api/orgs', {
      parentId: districtId,
      kind: 'unit',
      name: '坏单位',
      unitType: 'enterprise',
      creditCode: '91350100M000100Y44',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('creditCode');
    expect(r.json().message).toContain('统一社会信用代码');
    city.lang = 'en';
    const e = await city.post('/api/orgs', { parentId: districtId, kind: 'unit', unitType: 'enterprise' });
    city.lang = 'zh-CN';
    expect(e.json().message).toMatch(/name: is required/);
    const wrongKind = await city.post('/api/orgs', {
      parentId: t.rootId,
      kind: 'unit',
      name: '直属单位',
      unitType: 'agency',
    });
    expect(wrongKind.statusCode).toBe(400);
  });

  it('creates a district and a unit; the credit code is checked and unique', async () => {
    const d = await city.post('/api/orgs', {
      parentId: t.rootId,
      kind: 'district',
      name: '新区总工会',
      divisionCode: '370102',
    });
    expect(d.statusCode).toBe(201);
    expect(d.json().abilities).toMatchObject({ update: true, createChild: true, move: true, deactivate: true });
    const code = makeCreditCode(424242);
    const u = await city.post('/api/orgs', {
      parentId: d.json().id,
      kind: 'unit',
      name: '新区电力公司',
      unitType: 'enterprise',
      creditCode: code.toLowerCase(),
      contactPhone: '138 0000 1234',
    });
    expect(u.statusCode).toBe(201);
    expect(u.json()).toMatchObject({
      creditCode: code,
      contactPhone: '13800001234',
      path: `${d.json().path}${u.json().id}/`,
    });
    const dup = await city.post('/api/orgs', {
      parentId: d.json().id,
      kind: 'unit',
      name: '另一家',
      unitType: 'enterprise',
      creditCode: code,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain(code);
  });

  it('edits with optimistic versioning', async () => {
    const o = (await city.get(`/api/orgs/${unitId}`)).json();
    const r = await city.patch(`/api/orgs/${unitId}`, { address: '人民路 1 号', version: o.version });
    expect(r.statusCode).toBe(200);
    expect(r.json().version).toBe(o.version + 1);
    const stale = await city.patch(`/api/orgs/${unitId}`, { address: '人民路 2 号', version: o.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
  });

  it('moves a subtree: descendants follow, kinds are respected, a node cannot move under itself', async () => {
    const a = await buildOrg(t.database.db, { parentId: t.rootId });
    const b = await buildOrg(t.database.db, { parentId: t.rootId });
    const unit = await buildOrg(t.database.db, { parentId: a.id });
    const r = await city.post(`/api/orgs/${unit.id}/move`, { newParentId: b.id });
    expect(r.statusCode).toBe(200);
    expect(r.json().path).toBe(`${b.path}${unit.id}/`);
    expect((await city.post(`/api/orgs/${a.id}/move`, { newParentId: b.id })).statusCode).toBe(400);
    expect((await city.post(`/api/orgs/${t.rootId}/move`, { newParentId: b.id })).statusCode).toBe(403);
    const children = (await city.get(`/api/orgs?parentId=${b.id}`)).json();
    expect(children.items.map((o: { id: number }) => o.id)).toContain(unit.id);
  });

  it('deactivates a subtree (never deletes) and reactivates', async () => {
    const d = await buildOrg(t.database.db, { parentId: t.rootId });
    const u = await buildOrg(t.database.db, { parentId: d.id });
    const missingReason = await city.post(`/api/orgs/${d.id}/deactivate`, {});
    expect(missingReason.statusCode).toBe(400);
    const r = await city.post(`/api/orgs/${d.id}/deactivate`, { reason: '机构调整' });
    expect(r.statusCode).toBe(200);
    expect(r.json().active).toBe(false);
    expect((await city.get(`/api/orgs/${u.id}`)).json().active).toBe(false);
    const list = (await city.get(`/api/orgs?parentId=${t.rootId}`)).json();
    expect(list.items.map((o: { id: number }) => o.id)).not.toContain(d.id);
    const all = (await city.get(`/api/orgs?parentId=${t.rootId}&includeInactive=true`)).json();
    expect(all.items.map((o: { id: number }) => o.id)).toContain(d.id);
    expect((await city.post(`/api/orgs/${u.id}/reactivate`, { reason: '恢复' })).statusCode).toBe(400);
    expect((await city.post(`/api/orgs/${d.id}/reactivate`, { reason: '恢复' })).statusCode).toBe(200);
  });

  it('a district admin manages only their subtree and cannot close their own district', async () => {
    const other = await buildOrg(t.database.db, { parentId: t.rootId, name: '丙区总工会' });
    const da = await buildUser(t.database.db, { role: 'district_admin', orgId: districtId });
    const a = await t.agent(da.username, PASSWORD);
    const tree = (await a.get('/api/orgs/tree')).json().nodes;
    expect(tree.map((n: { id: number }) => n.id)).toContain(districtId);
    expect(tree.map((n: { id: number }) => n.id)).not.toContain(other.id);
    expect(tree.find((n: { id: number }) => n.id === districtId).parentId).toBeNull();
    expect((await a.get(`/api/orgs/${other.id}`)).statusCode).toBe(404);
    expect((await a.get(`/api/orgs/${t.rootId}`)).statusCode).toBe(404);
    const mine = (await a.get(`/api/orgs/${districtId}`)).json();
    expect(mine.abilities).toMatchObject({ update: true, createChild: true, move: false, deactivate: false });
    expect((await a.post(`/api/orgs/${districtId}/deactivate`, { reason: '测试' })).statusCode).toBe(403);
    const created = await a.post('/api/orgs', {
      parentId: districtId,
      kind: 'unit',
      name: '甲区社区',
      unitType: 'community',
    });
    expect(created.statusCode).toBe(201);
  });
});
