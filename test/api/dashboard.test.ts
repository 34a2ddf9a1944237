/**
 * The dashboard (GET /api/stats/dashboard and its .xlsx) against a real database: the 401/403/404/400 cases first,
 * then the hand-counted world of test/support/stats-world.ts as of Wednesday 2026-07-08 — targets and forecasts, a
 * row per district and union whose counts add up (families and children counted once), the risk list, the heatmap
 * — the as-of view (what happened on the 9th is not counted on the 8th), the drill-down and the scoping.
 */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/client.js';
import { campaigns, organizations } from '../../src/server/db/schema.js';
import { dashboardView } from '../../src/server/modules/dashboard/dashboard.js';
import type { DashboardDto } from '../../src/server/modules/dashboard/dashboard.schema.js';
import { orgFigures } from '../../src/server/modules/stats/stats.read.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildUser, PASSWORD } from '../support/factories.js';
import { buildStatsWorld, type StatsWorld } from '../support/stats-world.js';

describe('dashboard', { timeout: 120_000 }, () => {
  let t: TestApp;
  let db: Db;
  let w: StatsWorld;
  const asOf = '2026-07-08';
  const url = (extra = '') => `/api/stats/dashboard?campaignId=${w.campaignId}&asOf=${asOf}${extra}`;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.database.db;
    w = await buildStatsWorld(db, t.rootId);
  });
  afterAll(() => t.close());

  const agentFor = async (role: 'city_admin' | 'district_admin' | 'unit_admin' | 'class_staff', orgId: number) =>
    t.agent((await buildUser(db, { role, orgId })).username, PASSWORD);

  it('401 signed out, 403 without a reader role, 404 outside the subtree or unknown campaign, 400 bad input', async () => {
    expect((await t.anonymous().get(url())).statusCode).toBe(401);
    expect((await t.anonymous().get(url().replace('dashboard', 'dashboard.xlsx'))).statusCode).toBe(401);
    expect((await (await agentFor('class_staff', w.u1)).get(url())).statusCode).toBe(403);
    const d2 = await agentFor('district_admin', w.d2);
    expect((await d2.get(url(`&orgId=${w.d1}`))).statusCode).toBe(404);
    expect((await d2.get(url(`&orgId=${w.u1}`))).statusCode).toBe(404);
    expect((await d2.get(url(`&orgId=${t.rootId}`))).statusCode).toBe(404);
    expect((await d2.get(url(`&orgId=${w.d1}`).replace('dashboard', 'dashboard.xlsx'))).statusCode).toBe(404);
    expect((await d2.get(`/api/stats/dashboard?campaignId=999999`)).statusCode).toBe(404);
    expect((await d2.get(url().replace(asOf, '1999-12-31'))).statusCode).toBe(400);
    expect((await d2.get(url().replace(asOf, '2101-01-01'))).statusCode).toBe(400);
    expect((await d2.get(url().replace(asOf, '2026-02-30'))).statusCode).toBe(400);
    expect((await d2.get(`/api/stats/dashboard?campaignId=abc`)).statusCode).toBe(400);
  });

  it('the city: targets with forecasts, rows that add up, risks and the heatmap, as counted by hand', async () => {
    const city = await agentFor('city_admin', t.rootId);
    const r = await city.get(url());
    expect(r.statusCode).toBe(200);
    const v = r.json() as DashboardDto;
    expect(v.org.id).toBe(t.rootId);
    expect(v.asOf).toBe(asOf);
    // Units delivering: U1 (A) and U3 (C); forecast adds U2 (B, open). Families F1, F2, F3 (F4 accepted on the
    // 11th), F1 once although it has a child in each district; forecast adds B's 9 free places.
    expect(v.targets).toEqual([
      expect.objectContaining({ key: 'units', target: 30, actual: 2, forecast: 3 }),
      expect.objectContaining({ key: 'families', target: 1000, actual: 3, forecast: 12 }),
      expect.objectContaining({ key: 'demonstrationClasses', target: 10, actual: 0, forecast: 0 }),
    ]);
    const row = (id: number) => {
      const found = v.rows.find((x) => x.id === id);
      if (!found) throw new Error(`no row ${id}`);
      return found;
    };
    expect(v.rows.map((x) => x.id).sort()).toEqual([w.d1, w.d2, w.i1].sort());
    expect(row(w.d1)).toMatchObject({
      kind: 'district',
      drill: true,
      classes: { total: 3, enrolling: 1, running: 1, finished: 0, other: 1 },
      unitsDelivering: 1,
      capacity: 20,
      placesTaken: 3,
      children: 3,
      families: 3,
      attendanceRate: 66.7,
      failingClasses: 1,
      openItems: 1,
      overdueItems: 0,
    });
    expect(row(w.d2)).toMatchObject({
      classes: { total: 1, enrolling: 0, running: 1, finished: 0, other: 0 },
      unitsDelivering: 1,
      capacity: 5,
      placesTaken: 1,
      children: 1,
      families: 1,
      attendanceRate: 100,
      failingClasses: 1,
      openItems: 1,
      overdueItems: 1,
    });
    expect(row(w.i1)).toMatchObject({ kind: 'industry', classes: { total: 0 }, families: 0, attendanceRate: null });
    // Units, classes, places and children add up; families do not (F1 is in both districts) and the city counts 3.
    expect(v.totals).toMatchObject({
      classes: { total: 4 },
      unitsDelivering: 2,
      capacity: 25,
      placesTaken: 4,
      children: 4,
      families: 3,
      attendanceRate: 77.8,
      failingClasses: 2,
      openItems: 2,
      overdueItems: 1,
    });
    expect(row(w.d1).families + row(w.d2).families).toBe(4);
    // The totals are the read layer's: the same numbers as GET /api/stats/figures and the reports.
    const figures = await orgFigures(db, { campaignId: w.campaignId, orgId: t.rootId, asOf });
    const fig = (k: string) => figures.find((f) => f.key === k)?.value;
    expect(v.totals.families).toBe(fig('families.served'));
    expect(v.totals.attendanceRate).toBe(fig('attendance.rate'));
    expect(v.totals.unitsDelivering).toBe(fig('units.delivering'));

    // Risks: A below 75 % (4 / 6); A and C owe 4 records a day × 3 days and made none; C's serious incident is
    // open; C's item is overdue. A's critical incident happened on the 9th.
    const risks = v.risks.map((x) => `${x.kind}:${x.classId}:${x.value}`).sort();
    expect(risks).toEqual(
      [
        `attendance:${w.classA}:66.7`,
        `records:${w.classA}:12`,
        `records:${w.classC}:12`,
        `incident:${w.classC}:1`,
        `overdue:${w.classC}:1`,
      ].sort(),
    );
    expect(v.risks.find((x) => x.kind === 'incident')?.unitId).toBe(w.u3);
    // Most serious kind first, and how many of each kind there are in all.
    expect(v.risks.map((x) => x.kind)).toEqual(['incident', 'overdue', 'attendance', 'records', 'records']);
    expect(v.riskCounts).toEqual({ incident: 1, overdue: 1, attendance: 1, records: 2 });

    // Heatmap: D1 has 2 approved classes (A fails minChildren), D2 one (C fails both), I1 none.
    expect(v.heatmap.rules).toEqual(['scale.minChildren', 'venue.fireSafety']);
    expect(v.heatmap.rows).toEqual([
      { id: w.d1, name: row(w.d1).name, classes: 2, failing: [1, 0] },
      { id: w.d2, name: row(w.d2).name, classes: 1, failing: [1, 1] },
      { id: w.i1, name: row(w.i1).name, classes: 0, failing: [0, 0] },
    ]);
  });

  it('as of a later day: the events of the 9th count, the class created on the 15th still does not', async () => {
    const city = await agentFor('city_admin', t.rootId);
    const v = (await city.get(url().replace(asOf, '2026-07-09'))).json() as DashboardDto;
    // C's clean evaluation on the 9th: only A fails minChildren now, nobody fails fire safety.
    expect(v.heatmap.rules).toEqual(['scale.minChildren']);
    expect(v.totals.failingClasses).toBe(1);
    expect(v.totals.classes.total).toBe(4);
    // A's critical incident of the 9th is open now.
    expect(v.risks.filter((x) => x.kind === 'incident').map((x) => x.classId)).toEqual([w.classA, w.classC]);
    // Before anything: no families served, nothing at risk.
    const early = (await city.get(url().replace(asOf, '2026-05-01'))).json() as DashboardDto;
    expect(early.totals.families).toBe(0);
    expect(early.totals.classes.total).toBe(0);
    expect(early.risks).toEqual([]);
  });

  it('drill-down: a district admin sees its district by default, its units, a unit’s classes; breadcrumbs', async () => {
    const d1 = await agentFor('district_admin', w.d1);
    const v = (await d1.get(url())).json() as DashboardDto;
    expect(v.org).toMatchObject({ id: w.d1, kind: 'district' });
    expect(v.breadcrumbs.map((b) => b.id)).toEqual([w.d1]);
    expect(v.rows.map((x) => x.id).sort()).toEqual([w.u1, w.u2].sort());
    expect(v.totals.families).toBe(3);
    // Only D1's risks: A's attendance and records.
    expect(new Set(v.risks.map((x) => x.classId))).toEqual(new Set([w.classA]));

    const unit = (await d1.get(url(`&orgId=${w.u1}`))).json() as DashboardDto;
    expect(unit.breadcrumbs.map((b) => b.id)).toEqual([w.d1, w.u1]);
    expect(unit.rows.map((x) => [x.id, x.kind, x.status, x.drill])).toEqual([
      [w.classA, 'class', 'running', false],
      [w.classD, 'class', 'draft', false],
    ]);
    expect(unit.rows[0]).toMatchObject({ placesTaken: 2, children: 2, families: 2, attendanceRate: 66.7 });

    const city = await agentFor('city_admin', t.rootId);
    const deep = (await city.get(url(`&orgId=${w.u1}`))).json() as DashboardDto;
    expect(deep.breadcrumbs.map((b) => b.id)).toEqual([t.rootId, w.d1, w.u1]);
  });

  it('above a unit every row and the total show the read layer’s figures of that organisation (orgFigures)', async () => {
    const city = await agentFor('city_admin', t.rootId);
    // The figures a row shows, from the organisation's full figure list (the reports' and the figures API's).
    const shown = async (orgId: number, day: string) => {
      const f = await orgFigures(db, { campaignId: w.campaignId, orgId, asOf: day });
      const n = (k: string) => f.find((x) => x.key === k)?.value ?? 0;
      const p = (k: string) => f.find((x) => x.key === k)?.value ?? null;
      return {
        classes: {
          total: n('classes.total'),
          enrolling: n('classes.approved') + n('classes.open'),
          running: n('classes.running'),
          finished: n('classes.closed') + n('classes.archived'),
          other: n('classes.draft') + n('classes.submitted') + n('classes.returned'),
        },
        unitsDelivering: n('units.delivering'),
        capacity: n('places.capacity'),
        placesTaken: n('places.taken'),
        children: n('children.enrolled'),
        families: n('families.served'),
        attendanceRate: p('attendance.rate'),
        satisfaction: p('satisfaction.parents'),
      };
    };
    for (const day of ['2026-05-01', asOf, '2026-07-09', '2026-07-20'])
      for (const orgId of [t.rootId, w.d1]) {
        const v = (await city.get(url(`&orgId=${orgId}`).replace(asOf, day))).json() as DashboardDto;
        expect(v.totals).toMatchObject(await shown(orgId, day));
        for (const row of v.rows) expect(row).toMatchObject(await shown(row.id, day));
      }
  });

  it('a national view lists the worst of each risk kind and counts them all; the .xlsx lists them all', async () => {
    const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, w.campaignId));
    const [root] = await db.select().from(organizations).where(eq(organizations.id, t.rootId));
    if (!campaign || !root) throw new Error('world');
    const view = (riskLimit?: number) =>
      dashboardView(db, {
        campaign: { id: campaign.id, name: campaign.name, params: campaign.params },
        org: root,
        breadcrumbs: [],
        asOf,
        riskLimit,
      });
    const one = await view(1);
    // Two classes owe records (12 each): the tie goes to the lower class id; the counts still say 2.
    expect(one.risks.map((x) => `${x.kind}:${x.classId}`)).toEqual([
      `incident:${w.classC}`,
      `overdue:${w.classC}`,
      `attendance:${w.classA}`,
      `records:${Math.min(w.classA, w.classC)}`,
    ]);
    expect(one.riskCounts).toEqual({ incident: 1, overdue: 1, attendance: 1, records: 2 });
    expect(one.risks[3]?.detail).toBe('日常台账缺 12 项');
    expect((await view()).risks).toHaveLength(5);
  });

  it('exports the view as .xlsx: targets, rows with the totals, risks, heatmap', async () => {
    const city = await agentFor('city_admin', t.rootId);
    const r = await city.get(url().replace('dashboard', 'dashboard.xlsx'));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['目标', '分区统计', '风险清单', '合规热力']);
    const targets = wb.getWorksheet('目标');
    expect(targets?.getRow(3).values).toEqual(expect.arrayContaining(['参与基层单位', 30, 2, 3]));
    const rows = wb.getWorksheet('分区统计');
    const totalRow = rows?.getRow(6);
    expect(totalRow?.getCell(1).value).toBe('合计');
    expect(totalRow?.getCell(9).value).toBe(3);
    expect(wb.getWorksheet('风险清单')?.rowCount).toBe(2 + 5);
    // The heatmap's columns are the rules' Chinese names, not their ids.
    expect(wb.getWorksheet('合规热力')?.getRow(2).values).toEqual(
      expect.arrayContaining(['组织', '已批准班', '托管人数', '消防安全']),
    );
  });
});
