import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/db/schema.js';
import { venueSnapshot } from '../../src/server/modules/venues/venues.checklist.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { multipart } from '../support/xlsx.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const FULL_CHECKLIST = {
  independent: true,
  nearHazard: false,
  ventilationLighting: true,
  fireSafety: true,
  surveillance: false,
};

const venueBody = (orgId: number, extra: Record<string, unknown> = {}) => ({
  orgId,
  name: '工会活动室',
  address: '建设路 8 号',
  location: 'ground',
  buildingUse: 'office',
  areaM2: 120,
  capacity: 40,
  ...extra,
});

describe('/api/venues', () => {
  let t: TestApp;
  let dataDir: string;
  let unitA: number;
  let unitB: number;
  let districtId: number;
  let adminA: Agent;
  let adminB: Agent;
  let district: Agent;
  let inspector: Agent;
  let venueA: number;
  let venueB: number;

  const audits = async (entityId: number) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'venue'), eq(auditLog.entityId, String(entityId))))
      .orderBy(desc(auditLog.id));

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-venues-'));
    t = await createTestApp({ dataDir });
    const db = t.database.db;
    districtId = (await buildOrg(db, { parentId: t.rootId, name: '甲区总工会' })).id;
    unitA = (await buildOrg(db, { parentId: districtId, name: '甲单位' })).id;
    unitB = (await buildOrg(db, { parentId: districtId, name: '乙单位' })).id;
    adminA = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitA })).username, PASSWORD);
    adminB = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitB })).username, PASSWORD);
    district = await t.agent((await buildUser(db, { role: 'district_admin', orgId: districtId })).username, PASSWORD);
    inspector = await t.agent((await buildUser(db, { role: 'inspector', orgId: districtId })).username, PASSWORD);
    venueA = (await adminA.post('/api/venues', venueBody(unitA))).json().id;
    venueB = (await adminB.post('/api/venues', venueBody(unitB, { name: '乙单位食堂楼上' }))).json().id;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('401 without a session', async () => {
    expect((await t.anonymous().get('/api/venues')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/venues', venueBody(unitA))).statusCode).toBe(401);
    expect((await t.anonymous().post(`/api/venues/${venueA}/confirm-checklist`, { version: 1 })).statusCode).toBe(401);
  });

  it('403 for those who see a venue but may not act; 404 for those who cannot see it', async () => {
    expect((await inspector.post('/api/venues', venueBody(unitA))).statusCode).toBe(403);
    expect((await inspector.patch(`/api/venues/${venueA}`, { name: '改名', version: 1 })).statusCode).toBe(403);
    expect((await adminA.post(`/api/venues/${venueA}/confirm-checklist`, { version: 1 })).statusCode).toBe(403);
    expect((await adminA.post('/api/venues', venueBody(unitB))).statusCode).toBe(404);
    expect((await adminA.patch(`/api/venues/${venueB}`, { name: '改名', version: 1 })).statusCode).toBe(404);
    const parent = await t.agent((await buildUser(t.database.db, { role: 'parent', orgId: unitA })).username, PASSWORD);
    expect((await parent.get(`/api/venues/${venueA}`)).statusCode).toBe(404);
    expect((await parent.get('/api/venues')).json().total).toBe(0);
  });

  it('400 for bad input, naming the field', async () => {
    const noAddress = await adminA.post('/api/venues', { ...venueBody(unitA), address: undefined });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().message).toContain('address');
    expect((await adminA.post('/api/venues', venueBody(unitA, { location: 'roof' }))).statusCode).toBe(400);
    expect((await adminA.post('/api/venues', venueBody(unitA, { buildingUse: 'mine' }))).statusCode).toBe(400);
    const partial = await adminA.post('/api/venues', venueBody(unitA, { checklist: { independent: true } }));
    expect(partial.statusCode).toBe(400);
    expect(partial.json().message).toContain('checklist');
    const unknownKey = await adminA.post(
      '/api/venues',
      venueBody(unitA, { checklist: { ...FULL_CHECKLIST, cameras: true } }),
    );
    expect(unknownKey.statusCode).toBe(400);
    // Venues belong to grassroots units, not to a district.
    expect((await district.post('/api/venues', venueBody(districtId))).statusCode).toBe(400);
    expect((await adminA.patch(`/api/venues/${venueA}`, { name: 'x' })).statusCode).toBe(400);
  });

  it('creates a venue with the P-R4 checklist; forbidden sites follow from location and building use', async () => {
    const r = await adminA.post(
      '/api/venues',
      venueBody(unitA, { name: '地下活动室', location: 'basement', checklist: FULL_CHECKLIST, divisionCode: '370102' }),
    );
    expect(r.statusCode).toBe(201);
    const v = r.json();
    expect(v).toMatchObject({
      orgId: unitA,
      orgName: '甲单位',
      active: true,
      version: 1,
      confirmation: null,
      checklistComplete: true,
    });
    expect(v.checklistStatus).toEqual({
      independent: 'met',
      forbiddenLocation: 'unmet',
      hazards: 'met',
      ventilationLighting: 'met',
      fireSafety: 'met',
      surveillance: 'unmet',
    });
    expect(v.abilities).toEqual({
      update: true,
      deactivate: true,
      reactivate: false,
      upload: true,
      confirmChecklist: false,
    });
    const fresh = (await adminA.get(`/api/venues/${venueA}`)).json();
    expect(fresh.checklistComplete).toBe(false);
    expect(fresh.checklistStatus.independent).toBe('unknown');
    expect(venueSnapshot({ checklist: v.checklist, location: 'basement', buildingUse: 'office' })).toEqual({
      ...FULL_CHECKLIST,
      location: 'basement',
      buildingUse: 'office',
    });
  });

  it('a unit admin sees only their unit’s venues; the district sees all of its units', async () => {
    const mine = (await adminA.get('/api/venues')).json();
    expect(mine.items.every((v: { orgId: number }) => v.orgId === unitA)).toBe(true);
    expect(mine.items.map((v: { id: number }) => v.id)).toContain(venueA);
    expect((await adminA.get(`/api/venues/${venueB}`)).statusCode).toBe(404);
    expect((await adminA.get(`/api/venues?orgId=${unitB}`)).statusCode).toBe(404);
    const all = (await district.get('/api/venues')).json();
    expect(all.items.map((v: { id: number }) => v.id)).toEqual(expect.arrayContaining([venueA, venueB]));
    const onlyB = (await district.get(`/api/venues?orgId=${unitB}`)).json();
    expect(onlyB.items.map((v: { id: number }) => v.id)).toEqual([venueB]);
    expect((await district.get('/api/venues?q=食堂')).json().items.map((v: { id: number }) => v.id)).toEqual([venueB]);
    const fromDistrict = (await district.get(`/api/venues/${venueA}`)).json();
    expect(fromDistrict.abilities).toMatchObject({ update: true, confirmChecklist: true });
  });

  it('edits with optimistic versioning', async () => {
    const v = (await adminA.get(`/api/venues/${venueA}`)).json();
    const r = await adminA.patch(`/api/venues/${venueA}`, { capacity: 50, version: v.version });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ capacity: 50, version: v.version + 1 });
    const stale = await adminA.patch(`/api/venues/${venueA}`, { capacity: 60, version: v.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
  });

  it('the district confirms a complete checklist; an edit afterwards clears the confirmation, audited', async () => {
    let v = (await adminA.get(`/api/venues/${venueA}`)).json();
    const incomplete = await district.post(`/api/venues/${venueA}/confirm-checklist`, { version: v.version });
    expect(incomplete.statusCode).toBe(400);
    v = (await adminA.patch(`/api/venues/${venueA}`, { checklist: FULL_CHECKLIST, version: v.version })).json();
    expect(
      (await district.post(`/api/venues/${venueA}/confirm-checklist`, { version: v.version - 1 })).statusCode,
    ).toBe(409);
    const ok = await district.post(`/api/venues/${venueA}/confirm-checklist`, { version: v.version });
    expect(ok.statusCode).toBe(200);
    const confirmed = ok.json();
    expect(confirmed.confirmation).toMatchObject({ byName: expect.stringContaining('测试用户') });
    expect(new Date(confirmed.confirmation.at).getTime()).toBe(t.clock.now.getTime());
    expect((await audits(venueA))[0]?.action).toBe('venue.confirmChecklist');

    // A change elsewhere (the name), with the same answers resent as a form would, keeps the confirmation;
    // a changed answer voids it.
    const renamed = (
      await adminA.patch(`/api/venues/${venueA}`, {
        name: '工会活动室（一楼）',
        checklist: { ...FULL_CHECKLIST, notes: {}, evidence: {} },
        version: confirmed.version,
      })
    ).json();
    expect(renamed.confirmation).not.toBeNull();
    const edited = await adminA.patch(`/api/venues/${venueA}`, {
      checklist: { ...FULL_CHECKLIST, surveillance: true },
      version: renamed.version,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().confirmation).toBeNull();
    const [last] = await audits(venueA);
    expect(last?.action).toBe('venue.update');
    expect(last?.before).toMatchObject({ checklistConfirmedBy: confirmed.confirmation.byId });
    expect(last?.after).toMatchObject({
      checklistConfirmedBy: null,
      checklistConfirmedAt: null,
      checklist: { surveillance: true },
    });
  });

  it('inspectors over the unit may confirm too; a unit admin of another unit may not even see it', async () => {
    const v = (await inspector.get(`/api/venues/${venueA}`)).json();
    expect(v.abilities).toMatchObject({ update: false, confirmChecklist: true });
    const r = await inspector.post(`/api/venues/${venueA}/confirm-checklist`, { version: v.version });
    expect(r.statusCode).toBe(200);
    expect(
      (await adminB.post(`/api/venues/${venueA}/confirm-checklist`, { version: r.json().version })).statusCode,
    ).toBe(404);
  });

  it('evidence: an uploaded photo may be cited for an item; another venue’s file may not', async () => {
    const { body, contentType } = multipart(PNG, '消防通道.png');
    const boundary = contentType.split('boundary=')[1];
    const field = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nphoto\r\n`);
    const send = (a: Agent, id: number) =>
      a.request('POST', `/api/venues/${id}/files`, Buffer.concat([field, body]), { 'content-type': contentType });
    const own = (await send(adminA, venueA)).json();
    const foreign = (await send(adminB, venueB)).json();
    let v = (await adminA.get(`/api/venues/${venueA}`)).json();
    const bad = await adminA.patch(`/api/venues/${venueA}`, {
      checklist: { ...FULL_CHECKLIST, evidence: { fireSafety: [foreign.id] } },
      version: v.version,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain(String(foreign.id));
    v = (
      await adminA.patch(`/api/venues/${venueA}`, {
        checklist: { ...FULL_CHECKLIST, notes: { fireSafety: '消防通道畅通' }, evidence: { fireSafety: [own.id] } },
        version: v.version,
      })
    ).json();
    expect(v.checklist.evidence).toEqual({ fireSafety: [own.id] });
    expect(v.checklist.notes).toEqual({ fireSafety: '消防通道畅通' });
  });

  it('deactivates instead of deleting; an inactive venue is read-only until reactivated', async () => {
    const v = (await adminB.post('/api/venues', venueBody(unitB, { name: '临时场地' }))).json();
    expect((await adminB.post(`/api/venues/${v.id}/deactivate`, {})).statusCode).toBe(400);
    const off = await adminB.post(`/api/venues/${v.id}/deactivate`, { reason: '租约到期' });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, abilities: { update: false, reactivate: true, upload: false } });
    expect((await adminB.get('/api/venues')).json().items.map((x: { id: number }) => x.id)).not.toContain(v.id);
    expect(
      (await adminB.get('/api/venues?includeInactive=true')).json().items.map((x: { id: number }) => x.id),
    ).toContain(v.id);
    expect((await adminB.patch(`/api/venues/${v.id}`, { name: '再用', version: off.json().version })).statusCode).toBe(
      403,
    );
    expect((await adminB.post(`/api/venues/${v.id}/reactivate`, { reason: '续租' })).json().active).toBe(true);
    expect((await audits(v.id)).map((a) => a.action)).toEqual(['venue.reactivate', 'venue.deactivate', 'venue.create']);
  });
});
