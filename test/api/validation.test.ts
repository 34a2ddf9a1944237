/**
 * Issue 12: every 400 VALIDATION_FAILED carries structured `details: [{ path, message }]` — a zod failure at any
 * route (body, query, params), a campaign parameter the domain refuses, an error a service raises naming a field —
 * with each message in the request's language, while the message keeps naming the fields as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

type Detail = { path: string; message: string };

describe('VALIDATION_FAILED details', () => {
  let t: TestApp;
  let city: Agent;
  let unitAdmin: Agent;
  let unitId: number;
  let campaign: { id: number; version: number };
  beforeAll(async () => {
    t = await createTestApp();
    city = await t.agent((await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    const d = await buildOrg(t.database.db, { parentId: t.rootId });
    unitId = (await buildOrg(t.database.db, { parentId: d.id })).id;
    unitAdmin = await t.agent(
      (await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId })).username,
      PASSWORD,
    );
    campaign = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '2026年暑期' })).json();
  });
  afterAll(() => t.close());

  it('a bad campaign parameter names each field in details, in the request language', async () => {
    const bad = await city.patch(`/api/campaigns/${campaign.id}`, {
      params: { scale: { minAttendanceRate: 7 }, season: { end: '2026-13-01' } },
      version: campaign.version,
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json() as { code: string; message: string; details: Detail[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toContain('params.scale.minAttendanceRate');
    const paths = body.details.map((x) => x.path);
    expect(paths).toEqual(expect.arrayContaining(['params.scale.minAttendanceRate', 'params.season.end']));
    for (const x of body.details) {
      expect(x.message).toBeTruthy();
      // The detail's message is the field's own, without the path in front.
      expect(x.message).not.toContain(x.path);
      expect(body.message).toContain(x.message);
    }
    city.lang = 'en';
    try {
      const en = await city.patch(`/api/campaigns/${campaign.id}`, {
        params: { scale: { minAttendanceRate: 7 } },
        version: campaign.version,
      });
      const detail = (en.json().details as Detail[])[0];
      expect(detail?.path).toBe('params.scale.minAttendanceRate');
      expect(detail?.message).toMatch(/[a-z]/);
      expect(detail?.message).not.toMatch(/[\u4e00-\u9fff]/);
    } finally {
      city.lang = 'zh-CN';
    }
  });

  it('a zod failure in a body, a query string or a route parameter carries details', async () => {
    const body = await city.post('/api/campaigns', { from: 'template', year: 'next', name: '坏' });
    expect(body.statusCode).toBe(400);
    expect((body.json().details as Detail[]).map((x) => x.path)).toContain('body.year');

    const query = await city.get('/api/classes?page=0');
    expect(query.statusCode).toBe(400);
    expect(query.json().code).toBe('VALIDATION_FAILED');
    expect((query.json().details as Detail[]).map((x) => x.path)).toEqual(['querystring.page']);

    const params = await city.get('/api/classes/abc');
    expect(params.statusCode).toBe(400);
    expect((params.json().details as Detail[]).map((x) => x.path)).toEqual(['params.id']);
  });

  it('an array item is named by its index', async () => {
    const r = await unitAdmin.post('/api/classes', {
      campaignId: campaign.id,
      orgId: unitId,
      name: '活动安排测试班',
      mode: 'standalone',
      management: 'union',
      activityPlan: [
        { weekday: 1, start: '09:00', end: '10:00', kind: 'homework' },
        { weekday: 2, start: '25:00', end: '10:00', kind: 'homework' },
      ],
    });
    expect(r.statusCode).toBe(400);
    expect((r.json().details as Detail[]).map((x) => x.path)).toEqual(['body.activityPlan.1.start']);
  });

  it('a refusal a service raises naming a field carries that field', async () => {
    const named = await unitAdmin.post('/api/classes', {
      campaignId: campaign.id,
      orgId: unitId,
      name: '共建单位测试班',
      mode: 'standalone',
      management: 'union',
      coUnitIds: [unitId + 1000],
    });
    expect(named.statusCode).toBe(400);
    expect(named.json().details).toEqual([{ path: 'body.coUnitIds', message: '只有联合开办的托管班才有共建单位' }]);
  });
});
