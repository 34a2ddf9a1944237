/**
 * Issue 12: the city edits the custody-agreement template per campaign, every version kept. Units start their own
 * text from the campaign's latest template; a new template version never changes what a unit already published (and
 * families signed).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/db/schema.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

const clause = (n: number) => `第${n}条 本条约定托管期间双方的权利义务，甲方按公布的时间提供看护、学习辅导和文体活动。`;
const text = (extra: string) => [`职工子女爱心托管服务协议（${extra}）`, ...[1, 2, 3, 4, 5, 6].map(clause)].join('\n');

describe('agreement templates per campaign', () => {
  let t: TestApp;
  let city: Agent;
  let unit: Agent;
  let unitId: number;
  let campaignId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    const district = await buildOrg(db, { parentId: t.rootId });
    unitId = (await buildOrg(db, { parentId: district.id })).id;
    unit = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitId })).username, PASSWORD);
    campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '协议范本测试' })).json().id;
  });
  afterAll(() => t.close());

  it('refusals first: 401 anonymous, 403 for a unit, 400 naming the field, 409 for an unchanged text', async () => {
    const url = `/api/campaigns/${campaignId}/agreement-template`;
    expect((await t.anonymous().get(url)).statusCode).toBe(401);
    expect((await unit.post(url, { title: '协议', body: text('单位') })).statusCode).toBe(403);
    const short = await city.post(url, { title: '协议', body: '太短' });
    expect(short.statusCode).toBe(400);
    expect(short.json().details[0].path).toBe('body.body');
    const before = (await unit.get(url)).json();
    expect(before.current).toBeNull();
    expect(before.abilities.publish).toBe(false);
    // Publishing the built-in text unchanged is not a new version.
    const same = await city.post(url, { title: before.builtIn.title, body: before.builtIn.body });
    expect(same.statusCode).toBe(409);
  });

  it('versions are kept, units start from the latest, and a unit’s published text does not move', async () => {
    const url = `/api/campaigns/${campaignId}/agreement-template`;
    // Before the city writes one, units start from the built-in default.
    const builtIn = (await unit.get('/api/agreements/template')).json();
    expect(builtIn.body).toMatch(/第十一条/);

    const v1 = await city.post(url, { title: '托管服务协议', body: text('第一版'), note: '初稿' });
    expect(v1.statusCode).toBe(201);
    const v2 = await city.post(url, { title: '托管服务协议', body: text('第二版'), note: '补充接送条款' });
    expect(v2.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(v2.json().current).toMatchObject({ version: 2, note: '补充接送条款' });
    expect(v2.json().abilities.publish).toBe(true);

    const start = (await unit.get('/api/agreements/template')).json();
    expect(start).toMatchObject({ title: '托管服务协议', campaignId });
    expect(start.body).toContain('第二版');
    const published = await unit.post(`/api/orgs/${unitId}/agreements`, { title: start.title, body: start.body });
    expect(published.statusCode).toBe(201);

    await city.post(url, { title: '托管服务协议', body: text('第三版') });
    const current = (await unit.get(`/api/orgs/${unitId}/agreements/current`)).json();
    expect(current.body).toContain('第二版');
    expect(current.sha256).toBe(published.json().sha256);

    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'agreement_template.publish'), eq(auditLog.entityId, String(campaignId))));
    expect(audited).toHaveLength(3);
  });
});
