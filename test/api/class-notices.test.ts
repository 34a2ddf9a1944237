/**
 * Issue 18: a class's approval steps reach the people who act next — the union above the unit when the class is
 * submitted, the unit's administrators when it is approved or returned (with the reason).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildApprovableClass } from '../support/classes.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

interface Notice {
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

describe('class approval notices', () => {
  let t: TestApp;
  let district: Agent;
  let unitAdmin: Agent;
  let unitId: number;
  let campaignId: number;
  const fields = (name: string) => ({
    campaignId,
    name,
    mode: 'standalone' as const,
    management: 'union' as const,
    startDate: '2026-07-06',
    endDate: '2026-08-14',
    capacity: 40,
    gradesOffered: [1, 2, 3, 4, 5, 6],
    meals: 'self' as const,
  });
  const inbox = async (a: Agent) => ((await a.get('/api/inbox')).json().items ?? []) as Notice[];

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    const districtId = (await buildOrg(db, { parentId: t.rootId })).id;
    unitId = (await buildOrg(db, { parentId: districtId })).id;
    district = await t.agent((await buildUser(db, { role: 'district_admin', orgId: districtId })).username, PASSWORD);
    unitAdmin = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitId })).username, PASSWORD);
    campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '2026年暑期' })).json().id;
  });
  afterAll(() => t.close());

  it('401 without a session', async () => {
    expect((await t.anonymous().get('/api/inbox')).statusCode).toBe(401);
  });

  it('the district hears of a submitted class; the unit of its approval', async () => {
    const c = await buildApprovableClass({ unitAdmin, district, unitId }, fields('电力公司暑期托管班'));
    const submitted = (await inbox(district)).filter((n) => n.kind === 'class.submitted');
    expect(submitted).toHaveLength(1);
    expect(submitted[0]?.body).toContain('电力公司暑期托管班');
    expect(submitted[0]?.link).toContain(`/classes/${c.id}`);
    expect((await inbox(unitAdmin)).some((n) => n.kind === 'class.submitted')).toBe(false);
    const r = await district.post(`/api/classes/${c.id}/transition`, { action: 'approve' });
    expect(r.statusCode, r.body).toBe(200);
    expect((await inbox(unitAdmin)).filter((n) => n.kind === 'class.approved')).toHaveLength(1);
  });

  it('a returned class tells the unit why', async () => {
    const c = await buildApprovableClass({ unitAdmin, district, unitId }, fields('退回测试班'));
    const r = await district.post(`/api/classes/${c.id}/transition`, {
      action: 'return',
      comment: '场地平面图不清晰',
    });
    expect(r.statusCode, r.body).toBe(200);
    const returned = (await inbox(unitAdmin)).filter((n) => n.kind === 'class.returned');
    expect(returned).toHaveLength(1);
    expect(returned[0]?.body).toContain('退回原因：场地平面图不清晰');
  });
});
