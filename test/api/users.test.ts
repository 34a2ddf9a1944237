import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/db/schema.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

describe('/api/users: people and roles', () => {
  let t: TestApp;
  let city: Agent;
  let districtId: number;
  let unitId: number;
  beforeAll(async () => {
    t = await createTestApp();
    city = await t.agent((await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    districtId = (await buildOrg(t.database.db, { parentId: t.rootId })).id;
    unitId = (await buildOrg(t.database.db, { parentId: districtId })).id;
  });
  afterAll(() => t.close());

  it('401 without a session', async () => {
    expect((await t.anonymous().get('/api/users')).statusCode).toBe(401);
  });

  it('403 when a unit admin grants a role above their level; 400 for a bad username', async () => {
    const ua = await t.agent(
      (await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId })).username,
      PASSWORD,
    );
    const r = await ua.post('/api/users', {
      username: 'up.grade',
      displayName: '越级',
      role: 'inspector',
      orgId: unitId,
    });
    expect(r.statusCode).toBe(403);
    // The district is outside the unit admin's view altogether: not found, not forbidden.
    const hidden = await ua.post('/api/users', {
      username: 'up.grade',
      displayName: '越级',
      role: 'district_admin',
      orgId: districtId,
    });
    expect(hidden.statusCode).toBe(404);
    const bad = await city.post('/api/users', {
      username: '中文名',
      displayName: '甲',
      role: 'unit_admin',
      orgId: unitId,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('username');
  });

  it('creates a person with a first role; the initial password is shown once and must be changed', async () => {
    const r = await city.post('/api/users', {
      username: 'unit.chair',
      displayName: '张主席',
      phone: '13812345678',
      role: 'unit_admin',
      orgId: unitId,
    });
    expect(r.statusCode).toBe(201);
    const u = r.json();
    expect(u.initialPassword).toMatch(/^.{12}$/);
    expect(u.phoneMasked).toBe('138****5678');
    expect(JSON.stringify(u)).not.toContain('13812345678');
    expect(u.grants).toEqual([expect.objectContaining({ role: 'unit_admin', orgId: unitId })]);
    const again = await city.get(`/api/users/${u.id}`);
    expect(again.json()).not.toHaveProperty('initialPassword');
    const a = await t.agent('unit.chair', u.initialPassword);
    expect((await a.get('/api/orgs')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const dup = await city.post('/api/users', {
      username: 'UNIT.CHAIR',
      displayName: '重名',
      role: 'unit_admin',
      orgId: unitId,
    });
    expect(dup.statusCode).toBe(409);
  });

  it('a unit admin sees only their unit, and manages only its people', async () => {
    const other = await buildOrg(t.database.db, { parentId: districtId });
    const outsider = await buildUser(t.database.db, { role: 'class_staff', orgId: other.id });
    const ua = await t.agent(
      (await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId })).username,
      PASSWORD,
    );
    const tree = (await ua.get('/api/orgs/tree')).json().nodes;
    expect(tree.map((n: { id: number }) => n.id)).toEqual([unitId]);
    const staff = await ua.post('/api/users', {
      username: `staff${Date.now()}`,
      displayName: '刘老师',
      role: 'class_staff',
      orgId: unitId,
    });
    expect(staff.statusCode).toBe(201);
    const list = (await ua.get('/api/users?pageSize=100')).json().items.map((u: { id: number }) => u.id);
    expect(list).toContain(staff.json().id);
    expect(list).not.toContain(outsider.id);
    expect((await ua.get(`/api/users/${outsider.id}`)).statusCode).toBe(404);
  });

  it('grants and revokes roles on a subtree; the last role cannot be revoked', async () => {
    const p = (
      await city.post('/api/users', {
        username: 'multi.role',
        displayName: '多角色',
        role: 'inspector',
        orgId: districtId,
      })
    ).json();
    const g = await city.post(`/api/users/${p.id}/grants`, { role: 'volunteer', orgId: unitId });
    expect(g.statusCode).toBe(200);
    expect(g.json().grants).toHaveLength(2);
    const wrongNode = await city.post(`/api/users/${p.id}/grants`, { role: 'unit_admin', orgId: districtId });
    expect(wrongNode.statusCode).toBe(403);
    const volunteerGrant = g.json().grants.find((x: { role: string }) => x.role === 'volunteer');
    const rev = await city.del(`/api/users/${p.id}/grants/${volunteerGrant.id}`);
    expect(rev.statusCode).toBe(200);
    const last = rev.json().grants[0];
    expect((await city.del(`/api/users/${p.id}/grants/${last.id}`)).statusCode).toBe(400);
  });

  it('a district admin cannot manage a city-level person, nor grant auditor', async () => {
    const da = await t.agent(
      (await buildUser(t.database.db, { role: 'district_admin', orgId: districtId })).username,
      PASSWORD,
    );
    const cityPerson = await buildUser(t.database.db, { role: 'inspector', orgId: t.rootId });
    expect((await da.post(`/api/users/${cityPerson.id}/deactivate`, { reason: '越权' })).statusCode).toBe(404);
    const r = await da.post('/api/users', {
      username: `aud${Date.now()}`,
      displayName: '审计',
      role: 'auditor',
      orgId: districtId,
    });
    expect(r.statusCode).toBe(403);
    const ok = await da.post('/api/users', {
      username: `insp${Date.now()}`,
      displayName: '督导',
      role: 'inspector',
      orgId: districtId,
    });
    expect(ok.statusCode).toBe(201);
  });

  it('revealing a phone is allowed to a manager and audited', async () => {
    const u = await buildUser(t.database.db, { role: 'class_staff', orgId: unitId, phone: '13698765432' });
    const r = await city.post(`/api/users/${u.id}/reveal-phone`);
    expect(r.json()).toEqual({ phone: '13698765432' });
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.reveal_phone'), eq(auditLog.entityId, String(u.id))));
    expect(rows).toHaveLength(1);
  });

  it('reset password ends sessions and forces a change; edits are versioned', async () => {
    const u = await buildUser(t.database.db, { role: 'class_staff', orgId: unitId });
    const s = await t.agent(u.username, PASSWORD);
    const r = await city.post(`/api/users/${u.id}/reset-password`);
    expect(r.json().temporaryPassword).toHaveLength(12);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
    const cur = (await city.get(`/api/users/${u.id}`)).json();
    const e = await city.patch(`/api/users/${u.id}`, {
      displayName: '新名字',
      phone: '13700001111',
      version: cur.version,
    });
    expect(e.statusCode).toBe(200);
    expect(e.json().displayName).toBe('新名字');
    expect((await city.patch(`/api/users/${u.id}`, { displayName: '旧版本', version: cur.version })).statusCode).toBe(
      409,
    );
  });
});
