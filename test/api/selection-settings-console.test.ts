/**
 * What the city's selection console reads and writes (#17): the settings answer carries the campaign's districts
 * for the quota table; a refused rubric names each field (`body.rubric.1.weight`) and the weights' sum in words, in
 * Chinese and English; the criteria keep their English names; the reviewers list shows each reviewer's automatic
 * exclusions with the reason — the same pairs the assignment skips — and the declared recusals; the panels list
 * says which applications each reviewer holds; and only the city is offered the pages (me.abilities).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasConflict } from '../../src/domain/selection/conflict.js';
import { eq } from 'drizzle-orm';
import { users } from '../../src/server/db/schema.js';
import { exclusionOf } from '../../src/server/modules/selection/selection.reviewers.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { buildReportingCampaign } from '../support/reports.js';
import { eligibleClass, submittedApplication } from '../support/selection.js';

const settingsUrl = (id: number) => `/api/campaigns/${id}/selection/settings`;

describe('/api/campaigns/:id/selection: the city console', () => {
  let t: TestApp;
  let campaignId: number;
  let city: Agent;
  let districtA: Agent;
  let revCity: Agent;
  let revCityId: number;
  let revAId: number;
  let dAId: number;
  let dBId: number;
  const apps: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const now = t.clock.now;
    const dA = await buildOrg(db, { parentId: t.rootId, name: '甲区总工会' });
    const dB = await buildOrg(db, { parentId: t.rootId, name: '乙区总工会' });
    dAId = dA.id;
    dBId = dB.id;
    const units = {
      a1: await buildOrg(db, { parentId: dA.id, name: '甲一单位' }),
      b1: await buildOrg(db, { parentId: dB.id, name: '乙一单位' }),
    };
    campaignId = (await buildReportingCampaign(db, t.rootId, now)).id;
    const mk = async (role: Parameters<typeof buildUser>[1]['role'], orgId: number, displayName?: string) => {
      const u = await buildUser(db, { role, orgId });
      if (displayName) await db.update(users).set({ displayName }).where(eq(users.id, u.id));
      return { id: u.id, agent: await t.agent(u.username, PASSWORD) };
    };
    for (const [k, u] of Object.entries(units)) {
      const c = await eligibleClass(db, { campaignId, unitId: u.id, now, name: `${u.name}托管班` });
      apps[k] = await submittedApplication((await mk('unit_admin', u.id)).agent, campaignId, c.id, {
        practices: '职工子女托管与志愿服务结合',
        outcomes: '服务 30 名儿童',
      });
    }
    city = (await mk('city_admin', t.rootId)).agent;
    districtA = (await mk('district_admin', dA.id)).agent;
    const rc = await mk('reviewer', t.rootId, '市评审王老师');
    revCity = rc.agent;
    revCityId = rc.id;
    revAId = (await mk('reviewer', dA.id, '甲区评审李老师')).id;
  });
  afterAll(() => t.close());

  it('401 signed out; 403 for a district on the reviewers list and on saving settings', async () => {
    expect((await t.anonymous().get(`/api/campaigns/${campaignId}/selection/reviewers`)).statusCode).toBe(401);
    expect((await districtA.get(`/api/campaigns/${campaignId}/selection/reviewers`)).statusCode).toBe(403);
    const s = (await city.get(settingsUrl(campaignId))).json();
    const { districts: _d, abilities: _a, campaignId: _c, ...body } = s;
    body.rubric = s.rubric.map(({ formula: _f, ...c }: Record<string, unknown>) => c);
    expect((await districtA.put(settingsUrl(campaignId), body)).statusCode).toBe(403);
  });

  it('only the city is offered the settings and panels pages', async () => {
    const me = async (a: Agent) => (await a.get('/api/auth/me')).json().abilities.manageSelection;
    expect(await me(city)).toBe(true);
    expect(await me(districtA)).toBe(false);
    expect(await me(revCity)).toBe(false);
  });

  it('the settings carry the districts for the quota table; a refused rubric names each field', async () => {
    const s = (await city.get(settingsUrl(campaignId))).json();
    expect(s.abilities.manage).toBe(true);
    expect(s.districts).toEqual([
      { id: dAId, name: '甲区总工会', kind: 'district' },
      { id: dBId, name: '乙区总工会', kind: 'district' },
    ]);
    const rubric = s.rubric.map(({ formula: _f, ...c }: Record<string, unknown>) => c);
    const base = { gate: s.gate, defaultQuota: 2, quotas: {}, blind: false, threshold: s.threshold, version: 0 };

    rubric[1].weight = 5; // 服务规模 10 → 5: the weights add up to 95
    const sum = await city.put(settingsUrl(campaignId), { ...base, rubric });
    expect(sum.statusCode).toBe(400);
    expect(sum.json().details).toEqual([{ path: 'body.rubric', message: '各评分项「权重」之和须为 100，现为 95' }]);

    rubric[1].weight = 0;
    const zero = await city.put(settingsUrl(campaignId), { ...base, rubric });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().details).toContainEqual({
      path: 'body.rubric.1.weight',
      message: '第 2 项「服务规模」的权重须为 1–100 的整数',
    });
    const en = await city.request('PUT', settingsUrl(campaignId), { ...base, rubric }, { 'accept-language': 'en' });
    expect(en.json().details).toContainEqual({
      path: 'body.rubric.1.weight',
      message: 'Criterion 2 「服务规模」: the weight must be a whole number from 1 to 100',
    });

    rubric[1].weight = 10;
    rubric[4].labelEn = 'Safety and security';
    const ok = await city.put(settingsUrl(campaignId), { ...base, rubric, quotas: { [String(dAId)]: 3 } });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await city.get(settingsUrl(campaignId))).json();
    expect(after.rubric[4].labelEn).toBe('Safety and security');
    expect(after.quotas).toEqual({ [String(dAId)]: 3 });
    expect(after.version).toBe(1);
  });

  it('lists the reviewers with their automatic exclusions and reasons, the pairs the assignment skips', async () => {
    const r = await city.get(`/api/campaigns/${campaignId}/selection/reviewers`);
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as {
      id: number;
      name: string;
      affiliations: { orgName: string; role: string }[];
      excluded: { applicationId: number; reason: { zh: string } }[];
    }[];
    const cityRev = items.find((x) => x.id === revCityId);
    const aRev = items.find((x) => x.id === revAId);
    expect(cityRev?.excluded).toEqual([]);
    expect(aRev?.affiliations).toEqual([{ orgId: dAId, orgName: '甲区总工会', role: 'reviewer' }]);
    expect(aRev?.excluded.map((e) => [e.applicationId, e.reason.zh])).toEqual([
      [apps.a1, '本人在「甲区总工会」任职，申报单位在其辖下，自动回避'],
    ]);

    const panel = await city.post(`/api/campaigns/${campaignId}/selection/panels`, { name: '第一评审组' });
    const assign = await city.post(`/api/campaigns/${campaignId}/selection/panels/${panel.json().id}/assign`, {
      reviewerIds: [revCityId, revAId],
      applicationIds: [apps.a1, apps.b1],
    });
    const skipped = assign
      .json()
      .skipped.map((s: { applicationId: number; reviewerId: number }) => [s.applicationId, s.reviewerId]);
    expect(skipped).toEqual(aRev?.excluded.map((e) => [e.applicationId, revAId]));
    const panels = (await city.get(`/api/campaigns/${campaignId}/selection/panels`)).json().items;
    expect(panels[0].reviewers).toContainEqual({
      id: revAId,
      name: '甲区评审李老师',
      applications: 1,
      applicationIds: [apps.b1],
    });
  });

  it('lists a declared recusal with its reason', async () => {
    expect(
      (await revCity.post(`/api/selection/review/${apps.b1}/recuse`, { reason: '曾为该单位授课' })).statusCode,
    ).toBe(200);
    const r = (await city.get(`/api/campaigns/${campaignId}/selection/reviewers`)).json();
    expect(r.recusals).toMatchObject([
      { applicationId: apps.b1, reviewerId: revCityId, reviewerName: '市评审王老师', reason: '曾为该单位授课' },
    ]);
  });

  it('a role at another unit of the district names both', () => {
    expect(
      exclusionOf([{ orgPath: '/1/2/6/', orgName: '甲二单位' }], {
        unitPath: '/1/2/5/',
        unitName: '甲一单位',
        districtName: '甲区总工会',
      })?.zh,
    ).toBe('本人在「甲二单位」任职，与申报单位同属「甲区总工会」，自动回避');
  });

  it('the reason agrees with the conflict rule on every pairing of a small tree', () => {
    const paths = ['/1/', '/1/2/', '/1/2/5/', '/1/2/6/', '/1/3/', '/1/3/7/'];
    for (const g of paths)
      for (const unit of paths.filter((p) => p.split('/').length === 5)) {
        const reason = exclusionOf([{ orgPath: g, orgName: 'x' }], {
          unitPath: unit,
          unitName: 'u',
          districtName: 'd',
        });
        expect(reason !== null, `${g} vs ${unit}`).toBe(hasConflict([g], unit));
      }
  });
});
