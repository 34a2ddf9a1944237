/**
 * Union subsidies (工会补贴, #16): the policy of a paying union, each finished class's subsidy computed from the
 * stats read layer with its reasons, the approved disbursement list (拨付清单, frozen, .xlsx) and payments that land
 * as income lines in the class's ledger; totals reconcile, reversals included.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../src/domain/calendar/dates.js';
import { attendanceDays, careClasses } from '../../src/server/db/schema.js';
import { subsidyLists } from '../../src/server/db/tables/subsidies.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

const rules = (o: Record<string, unknown> = {}) => ({
  source: 'countyUnion',
  tiers: [
    { minChildren: 1, maxChildren: 2, perChildDayFen: 1000 },
    { minChildren: 3, maxChildren: null, perChildDayFen: 1500 },
  ],
  demonstrationSupplementFen: 200_000,
  capFen: 5_000_000,
  conditions: { classFinished: true, attendanceMinimum: true, noOpenSeriousIncident: true },
  ...o,
});

describe('/api/subsidies', () => {
  let t: TestApp;
  let dataDir: string;
  let rc: RunningClass;
  let district: Agent;
  let city: Agent;
  let q: string;
  let body: (o?: Record<string, unknown>) => Record<string, unknown>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-subsidies-'));
    t = await createTestApp({ dataDir });
    const today = todayInChina(t.clock.now);
    rc = await buildRunningClass(t, { children: 3, startDate: addDays(today, -21), endDate: addDays(today, -1) });
    // Every child present every day but the first child absent on the class's first two days.
    const db = t.database.db;
    const rows = [];
    for (let d = rc.startDate; d <= rc.endDate; d = addDays(d, 1))
      for (const [i, c] of rc.children.entries())
        rows.push({
          classId: rc.classId,
          childId: c.id,
          day: d,
          status: i === 0 && d < addDays(rc.startDate, 2) ? 'absent' : 'present',
          updatedAt: new Date(`${d}T10:00:00+08:00`),
        });
    await db.insert(attendanceDays).values(rows);
    district = await rc.districtAdmin.login();
    city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    q = `/api/subsidies?campaignId=${rc.campaignId}&orgId=${rc.districtId}`;
    body = (o = {}) => ({ campaignId: rc.campaignId, orgId: rc.districtId, rules: rules(o) });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('401 without a session', async () => {
    const anon = t.anonymous();
    expect((await anon.get(q)).statusCode).toBe(401);
    expect((await anon.put('/api/subsidies/policy', body())).statusCode).toBe(401);
    expect(
      (await anon.post('/api/subsidies/lists', { campaignId: rc.campaignId, orgId: rc.districtId })).statusCode,
    ).toBe(401);
    expect((await anon.get('/api/subsidies/lists/1')).statusCode).toBe(401);
  });

  it('403 for readers who may not manage; 404 outside the subtree and for unit people', async () => {
    const db = t.database.db;
    const inspector = await t.agent(
      (await buildUser(db, { role: 'inspector', orgId: rc.districtId })).username,
      PASSWORD,
    );
    const seen = await inspector.get(q);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toEqual({ setPolicy: false, approve: false, pay: false });
    expect((await inspector.put('/api/subsidies/policy', body())).statusCode).toBe(403);
    expect(
      (await inspector.post('/api/subsidies/lists', { campaignId: rc.campaignId, orgId: rc.districtId })).statusCode,
    ).toBe(403);
    // The unit receives the money: its admin does not see the payer's lists.
    expect((await rc.unitAdmin.agent.get(q)).statusCode).toBe(404);
    expect((await rc.unitAdmin.agent.put('/api/subsidies/policy', body())).statusCode).toBe(404);
    const other = await buildOrg(db, { parentId: t.rootId });
    const stranger = await t.agent(
      (await buildUser(db, { role: 'district_admin', orgId: other.id })).username,
      PASSWORD,
    );
    expect((await stranger.get(q)).statusCode).toBe(404);
    expect((await stranger.put('/api/subsidies/policy', body())).statusCode).toBe(404);
    // A district admin does not set the city's policy.
    const cityQ = { campaignId: rc.campaignId, orgId: t.rootId, rules: rules({ source: 'cityUnion' }) };
    expect((await district.put('/api/subsidies/policy', cityQ)).statusCode).toBe(404);
    expect((await district.get(`/api/subsidies?campaignId=999999&orgId=${rc.districtId}`)).statusCode).toBe(404);
  });

  it('400 for overlapping tiers, a source that is not union money, bad amounts; approving without a policy', async () => {
    const noPolicy = await district.post('/api/subsidies/lists', { campaignId: rc.campaignId, orgId: rc.districtId });
    expect(noPolicy.statusCode).toBe(400);
    expect(noPolicy.json().message).toContain('请先设置补贴政策');
    const overlap = await district.put(
      '/api/subsidies/policy',
      body({
        tiers: [
          { minChildren: 1, maxChildren: 5, perChildDayFen: 1 },
          { minChildren: 3, maxChildren: null, perChildDayFen: 2 },
        ],
      }),
    );
    expect(overlap.statusCode).toBe(400);
    expect(JSON.stringify(overlap.json())).toContain('重叠');
    for (const bad of [
      body({ source: 'unit' }),
      body({ source: 'bank' }),
      body({ tiers: [] }),
      body({ capFen: 12.5 }),
      body({ demonstrationSupplementFen: -1 }),
      { ...body(), extra: 1 },
    ])
      expect((await district.put('/api/subsidies/policy', bad)).statusCode, JSON.stringify(bad)).toBe(400);
  });

  it('computes each class with its reasons; a class still running gets nothing', async () => {
    const set = await district.put('/api/subsidies/policy', body());
    expect(set.statusCode).toBe(200);
    const o = set.json();
    expect(o.policy.version).toBe(1);
    expect(o.defaultSource).toBe('countyUnion');
    const line = o.computed.classes.find((c: { classId: number }) => c.classId === rc.classId);
    expect(line.computation.eligible).toBe(false);
    expect(line.computation.conditions.find((c: { key: string }) => c.key === 'classFinished').met).toBe(false);
    expect(line.computation.amountFen).toBe(0);
  });

  let listId: number;
  let amount: number;

  it('after the class closes: tier × child-days from the read layer; approved and frozen; .xlsx', async () => {
    await t.database.db.update(careClasses).set({ status: 'closed' }).where(eq(careClasses.id, rc.classId));
    const o = (await district.get(q)).json();
    const s = o.computed.classes.find((c: { classId: number }) => c.classId === rc.classId).computation;
    // Read layer: the same present child-days as the attendance rate.
    const stats = (await district.get(`/api/stats/figures?campaignId=${rc.campaignId}&orgId=${rc.districtId}`)).json();
    const rate = stats.figures.find((f: { key: string }) => f.key === 'attendance.rate');
    expect(s).toMatchObject({ eligible: true, tier: 1, children: 3, childDays: rate.numerator, perChildDayFen: 1500 });
    expect(s.amountFen).toBe(rate.numerator * 1500);
    expect(o.computed.totalFen).toBe(s.amountFen);
    amount = s.amountFen;

    const approved = await district.post('/api/subsidies/lists', { campaignId: rc.campaignId, orgId: rc.districtId });
    expect(approved.statusCode).toBe(201);
    const l = approved.json();
    listId = l.id;
    expect(l).toMatchObject({ version: 1, totalFen: amount, paidFen: 0, pendingFen: amount, abilities: { pay: true } });
    expect(l.items).toHaveLength(1);

    const x = await district.get(`/api/subsidies/lists/${listId}/export`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('拨付清单');
    expect(ws?.getRow(4).getCell(3).value).toBe(rc.className);
    expect(String(ws?.getRow(4).getCell(12).value)).toContain('第 2 档');
    expect(ws?.getRow(4).getCell(9).value).toBe(amount / 100);

    // Frozen: the database refuses to change an approved list.
    await expect(
      t.database.db.execute(sql`UPDATE subsidy_lists SET total_fen = 0 WHERE id = ${listId}`),
    ).rejects.toThrow();
    const [kept] = await t.database.db.select().from(subsidyLists).where(eq(subsidyLists.id, listId));
    expect(kept?.totalFen).toBe(amount);
  });

  it('a payment lands in the class’s ledger from the union source; a reversal takes it out; totals reconcile', async () => {
    const l = (await district.get(`/api/subsidies/lists/${listId}`)).json();
    const itemId = l.items[0].id;
    const today = todayInChina(t.clock.now);
    const over = await district.post(`/api/subsidies/lists/${listId}/payments`, {
      itemId,
      amountFen: amount + 1,
      date: today,
    });
    expect(over.statusCode).toBe(400);
    expect(JSON.stringify(over.json())).toContain('超过');
    const part = Math.floor(amount / 3);
    const paid = await district.post(`/api/subsidies/lists/${listId}/payments`, {
      itemId,
      amountFen: part,
      date: today,
      note: '首笔',
    });
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({ paidFen: part, pendingFen: amount - part });
    const ledger = (await rc.unitAdmin.agent.get(`/api/classes/${rc.classId}/ledger`)).json();
    const income = ledger.items.find((e: { note: string | null }) => e.note?.includes('工会补贴'));
    expect(income).toMatchObject({ kind: 'income', source: 'countyUnion', amountFen: part });
    expect(ledger.totals.bySource.countyUnion.incomeFen).toBe(part);

    // No re-approval once something was paid.
    expect(
      (await district.post('/api/subsidies/lists', { campaignId: rc.campaignId, orgId: rc.districtId })).statusCode,
    ).toBe(409);

    const paymentId = paid.json().payments[0].id;
    expect(
      (await district.post(`/api/subsidies/lists/${listId}/payments/${paymentId}/reverse`, { reason: '' })).statusCode,
    ).toBe(400);
    const rev = await district.post(`/api/subsidies/lists/${listId}/payments/${paymentId}/reverse`, {
      reason: '账号有误',
    });
    expect(rev.statusCode).toBe(201);
    expect(rev.json()).toMatchObject({ paidFen: 0, pendingFen: amount });
    expect(
      (await district.post(`/api/subsidies/lists/${listId}/payments/${paymentId}/reverse`, { reason: '再冲' }))
        .statusCode,
    ).toBe(409);
    const after = (await rc.unitAdmin.agent.get(`/api/classes/${rc.classId}/ledger`)).json();
    expect(after.totals.bySource.countyUnion.incomeFen).toBe(0);

    const rest = await district.post(`/api/subsidies/lists/${listId}/payments`, {
      itemId,
      amountFen: amount,
      date: today,
    });
    expect(rest.statusCode).toBe(201);
    const final = rest.json();
    const live = final.payments.filter(
      (p: { reversesPaymentId: number | null; reversedByPaymentId: number | null }) =>
        p.reversesPaymentId === null && p.reversedByPaymentId === null,
    );
    const sumOverClasses = final.items.reduce((s: number, i: { amountFen: number }) => s + i.amountFen, 0);
    expect(sumOverClasses).toBe(final.totalFen);
    expect(live.reduce((s: number, p: { amountFen: number }) => s + p.amountFen, 0)).toBe(final.totalFen);
    expect(final.pendingFen).toBe(0);
    const ledger2 = (await rc.unitAdmin.agent.get(`/api/classes/${rc.classId}/ledger`)).json();
    expect(ledger2.totals.bySource.countyUnion.incomeFen).toBe(final.totalFen);

    // The read layer: the district's figures carry the subsidy approved and paid, and the ledger's union income.
    const figs = (await district.get(`/api/stats/figures?campaignId=${rc.campaignId}&orgId=${rc.districtId}`)).json();
    const fig = (k: string) => figs.figures.find((f: { key: string }) => f.key === k)?.value;
    expect(fig('subsidy.computed')).toBe(final.totalFen / 100);
    expect(fig('subsidy.paid')).toBe(final.totalFen / 100);
    expect(fig('funding.income.countyUnion')).toBe(final.totalFen / 100);
    expect(fig('funding.income')).toBe(ledger2.totals.incomeFen / 100);
  });

  it('经费汇总: 401/403/404 first, then budget vs actual per class, unit, district and city, with the subsidy; .xlsx', async () => {
    const url = `/api/funding/summary?campaignId=${rc.campaignId}&orgId=${t.rootId}`;
    expect((await t.anonymous().get(url)).statusCode).toBe(401);
    const parent = await rc.guardian(0).login();
    expect((await parent.get(url)).statusCode).toBe(403);
    expect((await district.get(url)).statusCode).toBe(404);
    expect((await city.get(`/api/funding/summary?campaignId=x&orgId=${t.rootId}`)).statusCode).toBe(400);
    // The budget is set before a class closes (a closed class's budget is frozen): reopen it for the write.
    await t.database.db.update(careClasses).set({ status: 'running' }).where(eq(careClasses.id, rc.classId));
    const budget = await rc.unitAdmin.agent.put(`/api/classes/${rc.classId}/budget`, {
      lines: [{ source: 'unit', purpose: 'staff', amountFen: 100000 }],
    });
    expect(budget.statusCode).toBe(200);
    await t.database.db.update(careClasses).set({ status: 'closed' }).where(eq(careClasses.id, rc.classId));
    await rc.unitAdmin.agent.post(`/api/classes/${rc.classId}/ledger`, {
      kind: 'expense',
      source: 'unit',
      purpose: 'staff',
      amountFen: 30000,
      date: rc.endDate,
    });
    const s = (await city.get(url)).json();
    const c = s.classes.find((x: { id: number }) => x.id === rc.classId);
    expect(c).toMatchObject({ expenseFen: 30000, subsidyComputedFen: amount, subsidyPaidFen: amount });
    expect(c.costPerChildDayFen).toBe(Math.round(30000 / c.childDays));
    const u = s.units.find((x: { id: number }) => x.id === rc.unitId);
    const d = s.districts.find((x: { id: number }) => x.id === rc.districtId);
    expect(u.expenseFen).toBe(c.expenseFen);
    expect(d.subsidyPaidFen).toBe(amount);
    expect(s.total.expenseFen).toBe(s.classes.reduce((n: number, x: { expenseFen: number }) => n + x.expenseFen, 0));
    // Budget against actual at every level: the class's budget is in its unit's, its district's and the city's.
    expect(c.budgetFen).toBe(100000);
    const sum = (rows: { budgetFen: number }[]) => rows.reduce((n, x) => n + x.budgetFen, 0);
    const unitClasses = s.classes.filter((x: { unitId: number }) => x.unitId === rc.unitId);
    expect(u.budgetFen).toBe(sum(unitClasses));
    expect(d.budgetFen).toBeGreaterThanOrEqual(u.budgetFen);
    expect(s.total.budgetFen).toBe(sum(s.classes));
    expect(s.total.budgetFen).toBe(sum(s.units));
    const x = await city.get(`/api/funding/summary/export?campaignId=${rc.campaignId}&orgId=${t.rootId}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('按单位')).toBeDefined();
    expect(wb.getWorksheet('按区县')).toBeDefined();
    // Class by class, with the budget and the cost per child-day in yuan; the city's total on the last line.
    const byClass = wb.getWorksheet('按班级');
    const headRow = byClass?.getRow(2).values as unknown[];
    expect(headRow).toContain('预算（元）');
    expect(headRow).toContain('每人日成本（元）');
    const classRow = byClass?.getRows(3, byClass.rowCount - 2)?.find((r) => r.getCell(2).value === c.name);
    expect(classRow?.getCell(3).value).toBe(1000);
    expect(byClass?.getRow(byClass.rowCount).getCell(1).value).toBe('合计');
  });

  it('the city pays from its own source, over the whole city', async () => {
    const set = await city.put('/api/subsidies/policy', {
      campaignId: rc.campaignId,
      orgId: t.rootId,
      rules: rules({ source: 'cityUnion' }),
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().defaultSource).toBe('cityUnion');
    expect(set.json().computed.classes.some((c: { classId: number }) => c.classId === rc.classId)).toBe(true);
  });
});
