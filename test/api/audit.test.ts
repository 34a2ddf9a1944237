import { count, desc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/db/schema.js';
import { sealAuditLog } from '../../src/server/events/seal.js';
import { verifyAuditChain } from '../../src/server/events/verify.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

describe('audit log', () => {
  let t: TestApp;
  let city: Agent;
  let districtId: number;
  const rows = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]?.n ?? 0;
  beforeAll(async () => {
    t = await createTestApp();
    city = await t.agent((await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    districtId = (await buildOrg(t.database.db, { parentId: t.rootId })).id;
  });
  afterAll(() => t.close());

  it('401 anonymous, 403 for roles other than city admin and auditor', async () => {
    expect((await t.anonymous().get('/api/audit')).statusCode).toBe(401);
    const da = await t.agent(
      (await buildUser(t.database.db, { role: 'district_admin', orgId: districtId })).username,
      PASSWORD,
    );
    expect((await da.get('/api/audit')).statusCode).toBe(403);
    expect((await da.get('/api/audit/verify')).statusCode).toBe(403);
  });

  it('400 for a bad filter', async () => {
    expect((await city.get('/api/audit?from=not-a-date')).statusCode).toBe(400);
  });

  it('a change writes exactly one row: who, what, which record, before/after with personal data masked', async () => {
    const unit = await buildOrg(t.database.db, { parentId: districtId });
    const o = (await city.get(`/api/orgs/${unit.id}`)).json();
    const before = await rows();
    const r = await city.patch(`/api/orgs/${unit.id}`, {
      contactPhone: '13512345678',
      contactName: '王工',
      version: o.version,
    });
    expect(r.statusCode).toBe(200);
    expect(await rows()).toBe(before + 1);
    const [last] = await t.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(last).toMatchObject({
      action: 'org.update',
      entity: 'org',
      entityId: String(unit.id),
      actorName: expect.any(String),
      requestId: expect.any(String),
      ip: expect.any(String),
      orgPath: unit.path,
      before: { contactPhone: null, contactName: null },
      after: { contactPhone: '135****5678', contactName: '王工' },
    });
    expect(JSON.stringify(last)).not.toContain('13512345678');
    // A no-op edit writes nothing.
    await city.patch(`/api/orgs/${unit.id}`, { contactName: '王工', version: o.version + 1 });
    expect(await rows()).toBe(before + 1);
  });

  it('a refused or failed request writes nothing', async () => {
    const before = await rows();
    await city.post('/api/orgs', { parentId: districtId, kind: 'unit', name: '坏', unitType: 'other' });
    await city.post('/api/orgs', { parentId: 999999, kind: 'unit', name: '不存在的上级', unitType: 'other' });
    expect(await rows()).toBe(before);
  });

  it('is browsable and filterable by city admins and scoped for a district auditor', async () => {
    const list = (await city.get('/api/audit?action=org.&pageSize=200')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((r: { action: string }) => r.action.startsWith('org.'))).toBe(true);
    const other = await buildOrg(t.database.db, { parentId: t.rootId });
    await city.patch(`/api/orgs/${other.id}`, { address: '别的区', version: 1 });
    await city.patch(`/api/orgs/${districtId}`, { address: '本区', version: 1 });
    const auditor = await t.agent(
      (await buildUser(t.database.db, { role: 'auditor', orgId: districtId })).username,
      PASSWORD,
    );
    const seen = (await auditor.get('/api/audit?pageSize=200')).json().items as { entityId: string; action: string }[];
    expect(seen.some((r) => r.entityId === String(districtId))).toBe(true);
    expect(seen.some((r) => r.entityId === String(other.id))).toBe(false);
    expect(seen.some((r) => r.action.startsWith('auth.'))).toBe(false); // city-wide rows stay at the city
  });

  it('rows join the chain after commit: the sealer links them once; nothing else may change a row', async () => {
    await city.patch(`/api/orgs/${districtId}`, {
      address: '封存前',
      version: (await city.get(`/api/orgs/${districtId}`)).json().version,
    });
    const [fresh] = await t.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(fresh?.hash).toBeNull(); // appended without touching the chain inside the request's transaction
    await expect(t.database.rows(sql`UPDATE audit_log SET actor_name = 'x' WHERE id = ${fresh?.id}`)).rejects.toThrow();
    expect(await sealAuditLog(t.database.db)).toBeGreaterThan(0);
    expect(await sealAuditLog(t.database.db)).toBe(0);
    const [sealed] = await t.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(sealed?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sealed?.seq).toBeGreaterThan(0);
    // A sealed row cannot be sealed again, nor can an unsealed row be given a forged seal while changing content.
    await expect(
      t.database.rows(sql`UPDATE audit_log SET hash = ${'f'.repeat(64)} WHERE id = ${sealed?.id}`),
    ).rejects.toThrow();
    await expect(t.database.rows(sql`DELETE FROM audit_log WHERE id = ${sealed?.id}`)).rejects.toThrow();
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('tampering with a row, or removing one, breaks the chain at that row', async () => {
    expect((await city.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
    const all = await t.database.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id);
    const victim = all[3]?.id ?? 0;
    await t.database.rows(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await t.database.rows(sql`UPDATE audit_log SET actor_name = 'someone-else' WHERE id = ${victim}`);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: false, brokenId: victim, reason: 'hash' });
    expect((await city.get('/api/audit/verify')).json()).toMatchObject({ ok: false, brokenId: victim });
    // Drop the tampered tail (only possible with the trigger off), then delete a row in the middle of a new
    // tail: the next row's link no longer matches.
    await t.database.rows(sql`DELETE FROM audit_log WHERE id >= ${victim}`);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    await t.database.rows(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    await city.patch(`/api/orgs/${districtId}`, { address: '再改一次', version: 2 });
    await city.patch(`/api/orgs/${districtId}`, { address: '又改一次', version: 3 });
    await sealAuditLog(t.database.db); // rows join the chain after commit; removing a row waiting to be sealed is
    // what the append-only trigger alone guards
    const tail = await t.database.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(2);
    await t.database.rows(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await t.database.rows(sql`DELETE FROM audit_log WHERE id = ${tail[1]?.id}`);
    await t.database.rows(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: false, brokenId: tail[0]?.id, reason: 'link' });
  });
});
