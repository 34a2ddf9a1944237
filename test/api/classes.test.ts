import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/client.js';
import { careClasses, counterparties, venues } from '../../src/server/db/schema.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { addDocuments, buildReadyVenue } from '../support/classes.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

const GOOD_CHECKLIST = {
  independent: true,
  nearHazard: false,
  ventilationLighting: true,
  fireSafety: true,
  surveillance: true,
};

async function buildVenue(db: Db, orgId: number, over: Partial<typeof venues.$inferInsert> = {}) {
  const [v] = await db
    .insert(venues)
    .values({
      orgId,
      name: '职工之家活动室',
      address: '人民路 1 号',
      location: 'ground',
      buildingUse: 'office',
      checklist: GOOD_CHECKLIST,
      ...over,
    })
    .returning();
  if (!v) throw new Error('venue');
  return v;
}

async function buildParty(
  db: Db,
  orgId: number,
  kind: 'caterer' | 'partner' | 'provider',
  over: Partial<typeof counterparties.$inferInsert> = {},
) {
  const [p] = await db
    .insert(counterparties)
    .values({ orgId, kind, name: `${kind}-测试`, ...over })
    .returning();
  if (!p) throw new Error('party');
  return p;
}

describe('/api/classes', () => {
  let t: TestApp;
  let city: Agent;
  let district: Agent;
  let unitAdmin: Agent;
  let campaignId: number;
  let districtId: number;
  let unitId: number;
  let siblingId: number;
  const base = () => ({
    campaignId,
    orgId: unitId,
    name: '电力公司暑期爱心托管班',
    mode: 'standalone' as const,
    management: 'union' as const,
    startDate: '2026-07-06',
    endDate: '2026-08-14',
    capacity: 40,
    gradesOffered: [1, 2, 3, 4, 5, 6],
    meals: 'self' as const,
  });

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    districtId = (await buildOrg(db, { parentId: t.rootId })).id;
    unitId = (await buildOrg(db, { parentId: districtId })).id;
    siblingId = (await buildOrg(db, { parentId: districtId })).id;
    district = await t.agent((await buildUser(db, { role: 'district_admin', orgId: districtId })).username, PASSWORD);
    unitAdmin = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitId })).username, PASSWORD);
    campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '2026年暑期' })).json().id;
  });
  afterAll(() => t.close());

  it('401 anonymous; 403/404 outside the unit; 400 for bad dates', async () => {
    expect((await t.anonymous().get('/api/classes')).statusCode).toBe(401);
    const other = await t.agent(
      (await buildUser(t.database.db, { role: 'unit_admin', orgId: siblingId })).username,
      PASSWORD,
    );
    expect((await other.post('/api/classes', base())).statusCode).toBe(404);
    const staff = await t.agent(
      (await buildUser(t.database.db, { role: 'class_staff', orgId: unitId })).username,
      PASSWORD,
    );
    expect([403, 404]).toContain((await staff.post('/api/classes', base())).statusCode);
    const bad = await unitAdmin.post('/api/classes', { ...base(), startDate: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('startDate');
    const backwards = await unitAdmin.post('/api/classes', {
      ...base(),
      startDate: '2026-08-14',
      endDate: '2026-07-06',
    });
    expect(backwards.statusCode).toBe(400);
  });

  describe('bad input is refused with VALIDATION_FAILED naming the field, never quietly changed (issue 12)', () => {
    const NAME = '拒绝测试班';
    const LONG = '作'.repeat(5000);
    type Detail = { path: string; message: string };
    const expectRefused = (
      r: { statusCode: number; json: () => { code: string; details?: Detail[] } },
      path: string,
    ) => {
      expect(r.statusCode).toBe(400);
      const body = r.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details?.map((d) => d.path)).toContain(path);
      for (const d of body.details ?? []) expect(d.message).toBeTruthy();
    };
    const savedNamed = async () =>
      (await t.database.db.select({ id: careClasses.id }).from(careClasses).where(sql`${careClasses.name} = ${NAME}`))
        .length;
    // A unit of its own, so the classes made here do not change the other tests' lists.
    let admin: Agent;
    let ownUnitId: number;
    const mine = () => ({ ...base(), orgId: ownUnitId });
    beforeAll(async () => {
      ownUnitId = (await buildOrg(t.database.db, { parentId: districtId })).id;
      admin = await t.agent(
        (await buildUser(t.database.db, { role: 'unit_admin', orgId: ownUnitId })).username,
        PASSWORD,
      );
    });
    const cases: [string, Record<string, unknown>, string][] = [
      ['end before start', { startDate: '2026-08-14', endDate: '2026-07-06' }, 'body.endDate'],
      ['capacity 0', { capacity: 0 }, 'body.capacity'],
      ['capacity -5', { capacity: -5 }, 'body.capacity'],
      ['start before the season', { startDate: '2026-06-20' }, 'body.startDate'],
      ['end after the season', { endDate: '2026-09-10' }, 'body.endDate'],
      ['year 1999', { startDate: '1999-07-06' }, 'body.startDate'],
      ['year 2101', { endDate: '2101-08-14' }, 'body.endDate'],
      ['a closed date in 2101', { closedDates: ['2101-07-10'] }, 'body.closedDates.0'],
      ['a 5,000-character description', { publicDescription: LONG }, 'body.publicDescription'],
      ['a 61-character name', { name: '班'.repeat(61) }, 'body.name'],
    ];

    it.each(cases)('create: %s → 400 naming the field, nothing created', async (_label, over, path) => {
      const r = await admin.post('/api/classes', { ...mine(), name: NAME, ...over });
      expectRefused(r, path);
      expect(await savedNamed()).toBe(0);
    });

    it.each(cases)('update: %s → 400 naming the field, the class unchanged', async (_label, over, path) => {
      const created = await admin.post('/api/classes', { ...mine(), name: '原样保留班' });
      expect(created.statusCode).toBe(201);
      const before = created.json();
      const r = await admin.patch(`/api/classes/${before.id}`, { ...over, version: before.version });
      expectRefused(r, path);
      const after = (await admin.get(`/api/classes/${before.id}`)).json();
      expect(after).toMatchObject({
        version: before.version,
        name: before.name,
        startDate: '2026-07-06',
        endDate: '2026-08-14',
        capacity: 40,
        closedDates: [],
        publicDescription: null,
      });
    });

    it('the details are in the request language; the message still names the field', async () => {
      admin.lang = 'en';
      try {
        const r = await admin.post('/api/classes', { ...mine(), startDate: '2026-08-14', endDate: '2026-07-06' });
        expect(r.json().details).toEqual([{ path: 'body.endDate', message: 'The end date is before the start date' }]);
        const old = await admin.post('/api/classes', { ...mine(), startDate: '1999-07-06' });
        expect(old.json().details).toEqual([
          { path: 'body.startDate', message: 'the date must be between 2000-01-01 and 2100-12-31' },
        ]);
        expect(old.json().message).toContain('body.startDate');
      } finally {
        admin.lang = 'zh-CN';
      }
      const zh = await admin.post('/api/classes', { ...mine(), endDate: '2026-09-10' });
      expect(zh.json().details).toEqual([
        { path: 'body.endDate', message: '结束日期 2026-09-10 不在项目时段（2026-07-01 – 2026-08-31）内' },
      ]);
    });

    it('a valid class inside the season with 1 place and a 2,000-character description is saved as sent', async () => {
      const r = await admin.post('/api/classes', {
        ...mine(),
        name: '边界班',
        startDate: '2026-07-01',
        endDate: '2026-08-31',
        capacity: 1,
        publicDescription: '介'.repeat(2000),
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ startDate: '2026-07-01', endDate: '2026-08-31', capacity: 1 });
      expect(r.json().publicDescription).toHaveLength(2000);
    });
  });

  it('creates a draft class with a verdict from the policy engine', async () => {
    const v = await buildVenue(t.database.db, unitId);
    const r = await unitAdmin.post('/api/classes', { ...base(), venueId: v.id });
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({ status: 'draft', abilities: { update: true, submit: true, approve: false } });
    expect(c.verdict.rules).toHaveLength(20);
    const byId = Object.fromEntries(c.verdict.rules.map((x: { id: string; status: string }) => [x.id, x.status]));
    expect(byId['venue.forbiddenLocation']).toBe('pass');
    expect(byId['scale.minWorkingDays']).toBe('pass');
    expect(byId['agreement.custody']).toBe('unknown'); // no children before enrolment
    expect(c.staffing).toMatchObject({ adults: 0, adultsNeeded: 4, short: true });
  });

  it('submission is refused while a venue rule fails, and goes through once fixed; the district approves or returns', async () => {
    const basement = await buildVenue(t.database.db, unitId, { name: '地下活动室', location: 'basement' });
    const c = (await unitAdmin.post('/api/classes', { ...base(), name: '地下室托管班', venueId: basement.id })).json();
    const refused = await unitAdmin.post(`/api/classes/${c.id}/transition`, { action: 'submit' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CLASS_RULES_FAILING');
    expect(refused.json().details.map((d: { id: string }) => d.id)).toContain('venue.forbiddenLocation');
    expect(refused.json().details[0].fix.zh).toBeTruthy();
    // A venue with its fire evidence, confirmed by the district, and the written rules: approvable (issue 12).
    const good = await buildReadyVenue(unitAdmin, unitId, { confirmWith: district });
    await addDocuments(unitAdmin, c.id);
    const fixed = await unitAdmin.patch(`/api/classes/${c.id}`, { venueId: good.id, version: c.version });
    expect(fixed.json().failingRules).not.toContain('venue.forbiddenLocation');
    const sub = await unitAdmin.post(`/api/classes/${c.id}/transition`, { action: 'submit' });
    expect(sub.statusCode).toBe(200);
    expect(sub.json().status).toBe('submitted');
    expect(
      (await unitAdmin.patch(`/api/classes/${c.id}`, { name: '改名', version: sub.json().version })).statusCode,
    ).toBe(403);
    // The unit cannot approve its own class; the district returns it with reasons.
    expect((await unitAdmin.post(`/api/classes/${c.id}/transition`, { action: 'approve' })).statusCode).toBe(403);
    expect((await district.post(`/api/classes/${c.id}/transition`, { action: 'return' })).statusCode).toBe(400);
    const ret = await district.post(`/api/classes/${c.id}/transition`, {
      action: 'return',
      comment: '请补充消防检查证明',
    });
    expect(ret.json().status).toBe('returned');
    await unitAdmin.patch(`/api/classes/${c.id}`, { capacity: 30, version: ret.json().version });
    await unitAdmin.post(`/api/classes/${c.id}/transition`, { action: 'submit' });
    const ok = await district.post(`/api/classes/${c.id}/transition`, { action: 'approve' });
    expect(ok.json().status).toBe('approved');
    await city.post(`/api/classes/${c.id}/comments`, { comment: '市总：请按时上报进展' });
    const page = (await unitAdmin.get(`/api/classes/${c.id}`)).json();
    expect(page.timeline.map((x: { toStatus: string }) => x.toStatus)).toEqual([
      'submitted',
      'returned',
      'submitted',
      'approved',
      'approved',
    ]);
    expect(page.timeline[1].comment).toBe('请补充消防检查证明');
    expect(page.timeline[4].comment).toContain('市总');
    expect((await unitAdmin.post(`/api/classes/${c.id}/transition`, { action: 'archive' })).statusCode).toBe(409);
  });

  it('a joint class is visible to each co-owner and to no other unit', async () => {
    const third = await buildOrg(t.database.db, { parentId: districtId });
    const r = await unitAdmin.post('/api/classes', {
      ...base(),
      name: '联合托管班',
      mode: 'joint',
      coUnitIds: [siblingId],
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().coUnits.map((u: { id: number }) => u.id)).toEqual([siblingId]);
    const co = await t.agent(
      (await buildUser(t.database.db, { role: 'unit_admin', orgId: siblingId })).username,
      PASSWORD,
    );
    const seen = await co.get(`/api/classes/${r.json().id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities.update).toBe(false);
    const outsider = await t.agent(
      (await buildUser(t.database.db, { role: 'unit_admin', orgId: third.id })).username,
      PASSWORD,
    );
    expect((await outsider.get(`/api/classes/${r.json().id}`)).statusCode).toBe(404);
    expect((await outsider.get('/api/classes')).json().total).toBe(0);
  });

  it('catering, partner and provider rules follow their records', async () => {
    const caterer = await buildParty(t.database.db, unitId, 'caterer', {
      licenceNo: 'JY13701020000001',
      licenceExpiry: '2026-07-31',
    });
    const provider = await buildParty(t.database.db, unitId, 'provider', { reviewResult: 'pending' });
    const c = (
      await unitAdmin.post('/api/classes', {
        ...base(),
        name: '外包托管班',
        meals: 'contracted',
        catererId: caterer.id,
        management: 'purchased',
        providerId: provider.id,
      })
    ).json();
    expect(c.failingRules).toEqual(expect.arrayContaining(['food.catering', 'provider.qualification']));
    const wrongKind = await unitAdmin.patch(`/api/classes/${c.id}`, { partnerId: caterer.id, version: c.version });
    expect(wrongKind.statusCode).toBe(400);
  });

  it('a stored contracted class needs a catering contract covering its dates; head count is pending before enrolment closes', async () => {
    const db = t.database.db;
    const licensed = { licenceNo: 'JY13701020000002', licenceExpiry: '2027-12-31' };
    const status = async (id: number, rule: string) =>
      (await unitAdmin.get(`/api/classes/${id}`))
        .json()
        .verdict.rules.find((r: { id: string; status: string }) => r.id === rule) as {
        status: string;
        message: { zh: string };
      };
    // No agreement dates recorded for the caterer: no contract, a fail (check-class would say unknown).
    const none = await buildParty(db, unitId, 'caterer', licensed);
    const a = (
      await unitAdmin.post('/api/classes', { ...base(), name: '无协议班', meals: 'contracted', catererId: none.id })
    ).json();
    expect((await status(a.id, 'food.catering')).status).toBe('fail');
    // A contract that ends the day before the class's last day: a fail naming the dates.
    const short = await buildParty(db, unitId, 'caterer', {
      ...licensed,
      agreementStart: '2026-06-01',
      agreementEnd: '2026-08-13',
    });
    const b = (
      await unitAdmin.post('/api/classes', { ...base(), name: '协议过短班', meals: 'contracted', catererId: short.id })
    ).json();
    const bRule = await status(b.id, 'food.catering');
    expect(bRule.status).toBe('fail');
    expect(bRule.message.zh).toContain('2026-08-13');
    // A contract covering first to last day, with a valid licence: pass.
    const ok = await buildParty(db, unitId, 'caterer', {
      ...licensed,
      agreementStart: '2026-07-06',
      agreementEnd: '2026-08-14',
    });
    const c = (
      await unitAdmin.post('/api/classes', { ...base(), name: '协议齐全班', meals: 'contracted', catererId: ok.id })
    ).json();
    expect((await status(c.id, 'food.catering')).status).toBe('pass');
    // A draft has no children yet: the head count is pending (待判定), not a failure.
    expect((await status(c.id, 'scale.minChildren')).status).toBe('unknown');
    expect(c.failingRules).not.toContain('scale.minChildren');
  });

  it('changing a campaign parameter re-evaluates its classes and keeps the earlier verdict', async () => {
    const c = (await unitAdmin.post('/api/classes', { ...base(), name: '参数变更测试班' })).json();
    expect(c.failingRules).not.toContain('scale.minWorkingDays');
    const camp = (await city.get(`/api/campaigns/${campaignId}`)).json();
    const r = await city.patch(`/api/campaigns/${campaignId}`, {
      params: { scale: { minWorkingDays: 40 } },
      reason: '测试',
      version: camp.version,
    });
    expect(r.statusCode).toBe(200);
    const after = (await unitAdmin.get(`/api/classes/${c.id}`)).json();
    expect(after.failingRules).toContain('scale.minWorkingDays');
    expect(new Date(after.verdict.computedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(c.verdict.computedAt).getTime(),
    );
    const rows = await t.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM rule_verdicts WHERE class_id = ${c.id}`,
    );
    expect(rows[0]?.n).toBe(2);
    await city.patch(`/api/campaigns/${campaignId}`, {
      params: { scale: { minWorkingDays: 20 } },
      reason: '恢复',
      version: camp.version + 1,
    });
  });

  it('lists with filters for the city and exports the same list to .xlsx', async () => {
    const list = (await city.get(`/api/classes?campaignId=${campaignId}&pageSize=100`)).json();
    expect(list.total).toBeGreaterThanOrEqual(4);
    const failing = (await city.get('/api/classes?failingRule=food.catering')).json();
    expect(failing.items.every((c: { failingRules: string[] }) => c.failingRules.includes('food.catering'))).toBe(true);
    expect(failing.total).toBeGreaterThanOrEqual(1);
    const byDistrict = (await city.get(`/api/classes?orgId=${districtId}&status=approved`)).json();
    expect(byDistrict.items.every((c: { status: string }) => c.status === 'approved')).toBe(true);
    const x = await city.get(`/api/classes/export?campaignId=${campaignId}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const names = [];
    for (let r = 2; r <= (ws?.rowCount ?? 1); r++) names.push(ws?.getRow(r).getCell(1).value);
    expect(names).toEqual(list.items.map((c: { name: string }) => c.name));
    expect(ws?.getRow(1).getCell(1).value).toBe('托管班名称');
  });

  it('staff roster: phones masked, the ratio counts adults', async () => {
    const c = (await unitAdmin.get('/api/classes?pageSize=1')).json().items[0];
    const s = await unitAdmin.post(`/api/classes/${c.id}/staff`, {
      name: '刘老师',
      role: 'head',
      phone: '13711112222',
      backgroundChecked: true,
      backgroundCheckDate: '2026-06-01',
    });
    expect(s.statusCode).toBe(201);
    expect(s.json().phoneMasked).toBe('137****2222');
    const page = (await unitAdmin.get(`/api/classes/${c.id}`)).json();
    expect(page.staffing.adults).toBe(1);
    expect((await unitAdmin.del(`/api/classes/${c.id}/staff/${s.json().id}`)).statusCode).toBe(200);
    expect((await unitAdmin.get(`/api/classes/${c.id}/staff`)).json().items).toHaveLength(0);
  });
});
