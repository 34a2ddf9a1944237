/**
 * Demonstration-class selection: the application's gate (422 listing each unmet condition), the dossier frozen at
 * submission, the district quota, automatic recusal (a reviewer from the applicant's district is never assigned and
 * gets 404), declared recusal, append-only scores, and the ranking contract.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/db/schema.js';
import { selectionScores } from '../../src/server/db/tables/selection.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { buildReportingCampaign } from '../support/reports.js';
import { eligibleClass } from '../support/selection.js';

describe('/api/…/selection', () => {
  let t: TestApp;
  let campaignId: number;
  let city: Agent;
  let districtA: Agent;
  let unitA1: Agent;
  let unitB1: Agent;
  let revCity: Agent;
  let revA: Agent;
  let revCityId: number;
  let revAId: number;
  const classes: Record<string, number> = {};
  const apps: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const now = t.clock.now;
    const dA = await buildOrg(db, { parentId: t.rootId, name: '甲区总工会' });
    const dB = await buildOrg(db, { parentId: t.rootId, name: '乙区总工会' });
    const units = {
      a1: await buildOrg(db, { parentId: dA.id, name: '甲一单位' }),
      a2: await buildOrg(db, { parentId: dA.id, name: '甲二单位' }),
      a3: await buildOrg(db, { parentId: dA.id, name: '甲三单位' }),
      b1: await buildOrg(db, { parentId: dB.id, name: '乙一单位' }),
    };
    const camp = await buildReportingCampaign(db, t.rootId, now);
    campaignId = camp.id;
    for (const [k, u] of Object.entries(units)) {
      const c = await eligibleClass(db, {
        campaignId,
        unitId: u.id,
        now,
        name: `${u.name}托管班`,
        verdict: {
          results:
            k === 'a3'
              ? [
                  {
                    id: 'venue.ventilationLighting',
                    policyRefs: [],
                    status: 'fail',
                    message: { zh: '场地通风采光不达标', en: 'Ventilation and lighting fall short' },
                    facts: {},
                  },
                ]
              : [],
          failing: k === 'a3' ? ['venue.ventilationLighting'] : [],
        },
        reportStatus: k === 'a3' ? 'draft' : 'submitted',
      });
      classes[k] = c.id;
    }
    const mk = async (role: Parameters<typeof buildUser>[1]['role'], orgId: number) => {
      const u = await buildUser(db, { role, orgId });
      return { id: u.id, agent: await t.agent(u.username, PASSWORD) };
    };
    city = (await mk('city_admin', t.rootId)).agent;
    districtA = (await mk('district_admin', dA.id)).agent;
    unitA1 = (await mk('unit_admin', units.a1.id)).agent;
    // one admin over a2 and a3 too, to apply for them
    const ua = await buildUser(db, { role: 'unit_admin', orgId: units.a2.id });
    const { roleGrants } = await import('../../src/server/db/schema.js');
    await db.insert(roleGrants).values({ userId: ua.id, role: 'unit_admin', orgId: units.a3.id });
    const unitA23 = await t.agent(ua.username, PASSWORD);
    unitB1 = (await mk('unit_admin', units.b1.id)).agent;
    const rc = await mk('reviewer', t.rootId);
    revCity = rc.agent;
    revCityId = rc.id;
    const ra = await mk('reviewer', dA.id);
    revA = ra.agent;
    revAId = ra.id;

    const apply = async (agent: Agent, k: string) => {
      const r = await agent.post(`/api/campaigns/${campaignId}/selection/applications`, { classId: classes[k] });
      expect(r.statusCode, r.body).toBe(201);
      apps[k] = r.json().id;
      const p = await agent.patch(`/api/selection/applications/${apps[k]}`, {
        practices: '职工子女托管与志愿服务结合',
        outcomes: '服务 30 名儿童，家长满意',
        version: r.json().version,
      });
      expect(p.statusCode, p.body).toBe(200);
    };
    await apply(unitA1, 'a1');
    await apply(unitA23, 'a2');
    await apply(unitA23, 'a3');
    await apply(unitB1, 'b1');
    for (const [agent, k] of [
      [unitA1, 'a1'],
      [unitA23, 'a2'],
      [unitB1, 'b1'],
    ] as const) {
      const s = await agent.post(`/api/selection/applications/${apps[k]}/submit`);
      expect(s.statusCode, s.body).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('401 signed out, 403 for a district asking for the ranking, 400 on a bad body', async () => {
    expect((await t.anonymous().get(`/api/campaigns/${campaignId}/selection/ranking`)).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/selection/assignments/mine')).statusCode).toBe(401);
    expect((await districtA.get(`/api/campaigns/${campaignId}/selection/ranking`)).statusCode).toBe(403);
    expect(
      (await unitA1.post(`/api/campaigns/${campaignId}/selection/applications`, { classId: 'x' })).statusCode,
    ).toBe(400);
    const bad = await city.put(`/api/campaigns/${campaignId}/selection/settings`, {
      gate: { classFinished: true },
      rubric: [],
      defaultQuota: 1,
      blind: false,
      threshold: { range: 20, stdDev: 10 },
      version: 0,
    });
    expect(bad.statusCode).toBe(400);
    // a unit cannot apply for another unit's class: not found
    expect(
      (await unitB1.post(`/api/campaigns/${campaignId}/selection/applications`, { classId: classes.a1 })).statusCode,
    ).toBe(404);
  });

  it('the gate refuses with 422 and lists every unmet condition in Chinese', async () => {
    const r = await city.post(`/api/selection/applications/${apps.a3}/submit`);
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('SELECTION_GATE_UNMET');
    expect(r.json().message).toContain('结班时有 1 条规则未通过：场地通风采光不达标');
    expect(r.json().message).toContain('尚未提交 8/30 总结报告');
    expect(r.json().details.map((d: { key: string }) => d.key)).toEqual(['requiredRulesPassed', 'summarySubmitted']);
    const detail = await city.get(`/api/selection/applications/${apps.a3}`);
    expect(detail.json().gate.unmet).toHaveLength(2);
    expect(detail.json().frozen).toBe(false);
  });

  it('the dossier is frozen at submission', async () => {
    const d = (await unitA1.get(`/api/selection/applications/${apps.a1}`)).json();
    expect(d.frozen).toBe(true);
    expect(d.dossier.class.name).toBe('甲一单位托管班');
    expect(d.dossier.verdicts).toHaveLength(1);
    expect(d.dossier.figures.satisfactionIndex).toBeNull();
    expect(d.gate.unmet).toEqual([]);
  });

  it('a district recommends within the quota; one more answers 422', async () => {
    const put = await city.put(`/api/campaigns/${campaignId}/selection/settings`, {
      ...((await city.get(`/api/campaigns/${campaignId}/selection/settings`)).json() as Record<string, unknown>),
      abilities: undefined,
      campaignId: undefined,
      districts: undefined,
      rubric: (await city.get(`/api/campaigns/${campaignId}/selection/settings`))
        .json()
        .rubric.map(({ formula: _f, ...c }: Record<string, unknown>) => c),
      defaultQuota: 1,
      quotas: {},
      version: 0,
    });
    expect(put.statusCode, put.body).toBe(200);
    const ok = await districtA.post(`/api/selection/applications/${apps.a1}/recommend`, { recommended: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().recommended).toBe(true);
    const over = await districtA.post(`/api/selection/applications/${apps.a2}/recommend`, { recommended: true });
    expect(over.statusCode).toBe(422);
    expect(over.json().message).toContain('推荐名额已用完');
    // the district cannot recommend another district's application
    expect(
      (await districtA.post(`/api/selection/applications/${apps.b1}/recommend`, { recommended: true })).statusCode,
    ).toBe(404);
    const list = (await districtA.get(`/api/campaigns/${campaignId}/selection/applications`)).json();
    expect(list.quotas).toEqual([expect.objectContaining({ quota: 1, used: 1 })]);
  });

  it('a reviewer from the applicant’s district is never assigned and cannot open it (404)', async () => {
    const panel = await city.post(`/api/campaigns/${campaignId}/selection/panels`, { name: '第一评审组' });
    expect(panel.statusCode).toBe(201);
    const r = await city.post(`/api/campaigns/${campaignId}/selection/panels/${panel.json().id}/assign`, {
      reviewerIds: [revCityId, revAId],
      applicationIds: [apps.a1, apps.a2, apps.b1],
    });
    expect(r.statusCode, r.body).toBe(200);
    const skipped = r
      .json()
      .skipped.map((s: { applicationId: number; reviewerId: number }) => [s.applicationId, s.reviewerId]);
    expect(skipped).toEqual([
      [apps.a1, revAId],
      [apps.a2, revAId],
    ]);
    expect(r.json().assigned).toHaveLength(4);
    expect((await revA.get(`/api/selection/review/${apps.a1}`)).statusCode).toBe(404);
    expect(
      (await revA.post(`/api/selection/review/${apps.a1}/scores`, { scores: [{ criterion: 'safety', score: 99 }] }))
        .statusCode,
    ).toBe(404);
    expect((await revA.get(`/api/selection/review/${apps.b1}`)).statusCode).toBe(200);
    const mine = (await revA.get('/api/selection/assignments/mine')).json().items;
    expect(mine.map((m: { applicationId: number }) => m.applicationId)).toEqual([apps.b1]);
    // a unit admin is no reviewer
    expect((await unitA1.get(`/api/selection/review/${apps.a1}`)).statusCode).toBe(404);
  });

  it('scores are append-only; a declared recusal closes the application to the reviewer', async () => {
    const s1 = await revCity.post(`/api/selection/review/${apps.a1}/scores`, {
      scores: [
        { criterion: 'safety', score: 80, comment: '制度健全' },
        { criterion: 'features', score: 85 },
        { criterion: 'exemplary', score: 90 },
      ],
    });
    expect(s1.statusCode, s1.body).toBe(200);
    const s2 = await revCity.post(`/api/selection/review/${apps.a1}/scores`, {
      scores: [{ criterion: 'safety', score: 70, comment: '复核后下调' }],
    });
    expect(s2.json().items.find((x: { criterion: string }) => x.criterion === 'safety').score).toBe(70);
    const rows = await t.database.db
      .select()
      .from(selectionScores)
      .where(and(eq(selectionScores.applicationId, apps.a1 as number), eq(selectionScores.criterion, 'safety')));
    expect(rows.map((r) => r.score).sort()).toEqual([70, 80]);
    const bad = await revCity.post(`/api/selection/review/${apps.a1}/scores`, {
      scores: [{ criterion: 'attendance', score: 50 }],
    });
    expect(bad.statusCode).toBe(400);

    const rec = await revCity.post(`/api/selection/review/${apps.a2}/recuse`, { reason: '曾为该单位做过培训' });
    expect(rec.statusCode, rec.body).toBe(200);
    expect((await revCity.get(`/api/selection/review/${apps.a2}`)).statusCode).toBe(404);
    const mine = (await revCity.get('/api/selection/assignments/mine')).json().items;
    expect(mine.find((m: { applicationId: number }) => m.applicationId === apps.a2).status).toBe('recused');
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'selection.recuse'));
    expect(audits).toHaveLength(1);
  });

  it('the ranking endpoint gives the contract, city only', async () => {
    const r = await city.get(`/api/campaigns/${campaignId}/selection/ranking`);
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items;
    expect(items.map((i: { rank: number }) => i.rank)).toEqual([1, 2, 3]);
    const a1 = items.find((i: { applicationId: number }) => i.applicationId === apps.a1);
    expect(a1).toMatchObject({
      classId: classes.a1,
      className: '甲一单位托管班',
      unitName: '甲一单位',
      districtName: '甲区总工会',
      recommended: true,
      flagged: false,
    });
    expect(a1.rank).toBe(1);
    expect(typeof a1.score).toBe('number');
  });

  it('blind mode hides the applicant from reviewers', async () => {
    const cur = (await city.get(`/api/campaigns/${campaignId}/selection/settings`)).json();
    const put = await city.put(`/api/campaigns/${campaignId}/selection/settings`, {
      gate: cur.gate,
      rubric: cur.rubric.map(({ formula: _f, ...c }: Record<string, unknown>) => c),
      defaultQuota: cur.defaultQuota,
      quotas: cur.quotas,
      blind: true,
      threshold: cur.threshold,
      version: cur.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    const v = (await revCity.get(`/api/selection/review/${apps.b1}`)).json();
    expect(v.blind).toBe(true);
    expect(JSON.stringify(v.dossier)).not.toContain('乙一单位');
    const mine = (await revCity.get('/api/selection/assignments/mine')).json().items;
    expect(mine.every((m: { className: string | null }) => m.className === null)).toBe(true);
  });
});
