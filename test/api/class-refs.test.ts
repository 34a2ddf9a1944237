/**
 * Issue 18: the class page names its venue and caterer for everyone who may read the class. Class staff cannot open
 * the venue or counterparty records (404), so the class response carries the names, never only the ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterparties, venues } from '../../src/server/db/schema.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

describe('class detail: venue and partner names', () => {
  let t: TestApp;
  let unitAdmin: Agent;
  let staff: Agent;
  let classId: number;
  let venueId: number;
  let catererId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    const districtId = (await buildOrg(db, { parentId: t.rootId })).id;
    const unitId = (await buildOrg(db, { parentId: districtId })).id;
    unitAdmin = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitId })).username, PASSWORD);
    staff = await t.agent((await buildUser(db, { role: 'class_staff', orgId: unitId })).username, PASSWORD);
    const campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '2026年暑期' })).json()
      .id;
    const [v] = await db
      .insert(venues)
      .values({
        orgId: unitId,
        name: '职工之家活动室',
        address: '人民路 1 号',
        location: 'ground',
        buildingUse: 'office',
        checklist: {},
      })
      .returning();
    const [c] = await db
      .insert(counterparties)
      .values({ orgId: unitId, kind: 'caterer', name: '阳光餐饮有限公司' })
      .returning();
    if (!v || !c) throw new Error('fixtures');
    venueId = v.id;
    catererId = c.id;
    const r = await unitAdmin.post('/api/classes', {
      campaignId,
      orgId: unitId,
      name: '电力公司暑期爱心托管班',
      mode: 'standalone',
      management: 'union',
      startDate: '2026-07-06',
      endDate: '2026-08-14',
      capacity: 40,
      gradesOffered: [1, 2, 3],
      meals: 'contracted',
      venueId,
      catererId,
    });
    expect(r.statusCode, r.body).toBe(201);
    classId = r.json().id;
  });
  afterAll(() => t.close());

  it('401 anonymous; 400 for a bad id', async () => {
    expect((await t.anonymous().get(`/api/classes/${classId}`)).statusCode).toBe(401);
    expect((await staff.get('/api/classes/abc')).statusCode).toBe(400);
  });

  it('class staff read the venue and caterer by name, though they cannot open those records', async () => {
    expect((await staff.get(`/api/venues/${venueId}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/counterparties/${catererId}`)).statusCode).toBe(404);
    const r = await staff.get(`/api/classes/${classId}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().refs).toEqual({
      venue: { name: '职工之家活动室', address: '人民路 1 号' },
      caterer: '阳光餐饮有限公司',
      partner: null,
      provider: null,
    });
  });
});
