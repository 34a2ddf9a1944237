import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/db/schema.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

describe('/api/campaigns', () => {
  let t: TestApp;
  let city: Agent;
  let unitAdmin: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    city = await t.agent((await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    const d = await buildOrg(t.database.db, { parentId: t.rootId });
    const u = await buildOrg(t.database.db, { parentId: d.id });
    unitAdmin = await t.agent((await buildUser(t.database.db, { role: 'unit_admin', orgId: u.id })).username, PASSWORD);
  });
  afterAll(() => t.close());

  it('401 anonymous; 403 for a unit admin creating; 400 for a bad body', async () => {
    expect((await t.anonymous().get('/api/campaigns')).statusCode).toBe(401);
    expect(
      (await unitAdmin.post('/api/campaigns', { from: 'template', year: 2026, name: '越权项目' })).statusCode,
    ).toBe(403);
    expect((await city.post('/api/campaigns', { from: 'template', year: 'next', name: '坏' })).statusCode).toBe(400);
  });

  it('creates from the 2021 template rolled to the year; everyone in the tree reads the rules in force', async () => {
    const r = await city.post('/api/campaigns', { from: 'template', year: 2026, name: '2026年暑期爱心托管' });
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({ year: 2026, holidayType: 'summer', status: 'draft', abilities: { update: true } });
    expect(c.season.start.startsWith('2026-')).toBe(true);
    expect((c.params as { scale: { minAttendanceRate: number } }).scale.minAttendanceRate).toBe(0.75);
    expect(c.rules).toHaveLength(20);
    expect(c.rules.find((x: { id: string }) => x.id === 'scale.attendanceRate').zh).toContain('75');
    expect(c.deadlines.some((d: { due: string }) => d.due === '2026-04-20')).toBe(true);
    const seen = await unitAdmin.get(`/api/campaigns/${c.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities.update).toBe(false);
    expect(
      (await unitAdmin.patch(`/api/campaigns/${c.id}`, { params: { scale: { minChildren: 1 } }, version: 1 }))
        .statusCode,
    ).toBe(403);
  });

  it('edits a parameter with validation naming the field; the change is audited with before and after', async () => {
    const c = (await city.post('/api/campaigns', { from: 'template', year: 2027, name: '2027年暑期' })).json();
    const bad = await city.patch(`/api/campaigns/${c.id}`, {
      params: { scale: { minAttendanceRate: 7 } },
      version: c.version,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('params.scale.minAttendanceRate');
    const typo = await city.patch(`/api/campaigns/${c.id}`, {
      params: { scale: { minAttendence: 0.7 } },
      version: c.version,
    });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().message).toContain('minAttendence');
    const ok = await city.patch(`/api/campaigns/${c.id}`, {
      params: { scale: { minAttendanceRate: 0.7, minChildren: 15 } },
      reason: '本市要求 70%',
      version: c.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().rules.find((x: { id: string }) => x.id === 'scale.attendanceRate').zh).toContain('70');
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'campaign.update'), eq(auditLog.entityId, String(c.id))));
    expect(row?.before).toMatchObject({ 'scale.minAttendanceRate': 0.75, 'scale.minChildren': 20 });
    expect(row?.after).toMatchObject({
      'scale.minAttendanceRate': 0.7,
      'scale.minChildren': 15,
      reason: '本市要求 70%',
    });
    expect((await city.patch(`/api/campaigns/${c.id}`, { params: {}, version: c.version })).statusCode).toBe(409);
  });

  it('creates next year from last year, and closes a campaign for good', async () => {
    const base = (
      await city.post('/api/campaigns', {
        from: 'template',
        year: 2028,
        name: '2028年寒假',
        overrides: { holidayType: 'winter', season: { start: '2028-01-20', end: '2028-02-25' } },
      })
    ).json();
    expect(base.holidayType).toBe('winter');
    const next = await city.post('/api/campaigns', { from: base.id, year: 2029, name: '2029年寒假' });
    expect(next.statusCode).toBe(201);
    expect(next.json().season).toEqual({ start: '2029-01-20', end: '2029-02-25' });
    const id = next.json().id;
    expect((await city.post(`/api/campaigns/${id}/status`, { status: 'closed', reason: '跳过' })).statusCode).toBe(409);
    expect((await city.post(`/api/campaigns/${id}/status`, { status: 'active', reason: '启动' })).statusCode).toBe(200);
    const closed = await city.post(`/api/campaigns/${id}/status`, { status: 'closed', reason: '结束' });
    expect(closed.json().abilities.update).toBe(false);
    expect(
      (
        await city.patch(`/api/campaigns/${id}`, {
          params: { scale: { minChildren: 10 } },
          version: closed.json().version,
        })
      ).statusCode,
    ).toBe(409);
    const dup = await city.post('/api/campaigns', { from: 'template', year: 2029, name: '2029年寒假' });
    expect(dup.statusCode).toBe(409);
  });
});
