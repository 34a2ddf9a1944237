/**
 * A class's money (#16): budget and ledger, the refusal of union money for insurance (P-R7), reversals that keep
 * the totals exact, parents' fees flowing in from enrolment, and the engine rule reading the ledger.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNDING_PURPOSES, FUNDING_SOURCES } from '../../src/domain/funding/index.js';
import { auditLog, campaigns, careClasses, enrolments, ledgerEntries } from '../../src/server/db/schema.js';
import { systemContext } from '../../src/server/context.js';
import { evaluateClassById } from '../../src/server/modules/compliance/compliance.service.js';
import { fundingFigures } from '../../src/server/modules/funding/funding.repo.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { multipart } from '../support/xlsx.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const entry = (o: Record<string, unknown> = {}) => ({
  kind: 'expense',
  source: 'unit',
  purpose: 'meals',
  amountFen: 12345,
  date: '2026-07-10',
  note: '午餐',
  ...o,
});

describe('/api/classes/:id/ledger and /budget', () => {
  let t: TestApp;
  let dataDir: string;
  let rc: RunningClass;
  let admin: Agent;
  let url: string;

  const fundingVerdict = async (classId: number, who: Agent = admin) => {
    const d = (await who.get(`/api/classes/${classId}`)).json();
    return d.verdict.rules.find((r: { id: string }) => r.id === 'funding.noUnionFundsForInsurance');
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-funding-'));
    t = await createTestApp({ dataDir });
    rc = await buildRunningClass(t, { children: 2 });
    admin = rc.unitAdmin.agent;
    url = `/api/classes/${rc.classId}/ledger`;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('401 without a session', async () => {
    const anon = t.anonymous();
    expect((await anon.get(url)).statusCode).toBe(401);
    expect((await anon.post(url, entry())).statusCode).toBe(401);
    expect((await anon.get(`/api/classes/${rc.classId}/budget`)).statusCode).toBe(401);
    expect((await anon.put(`/api/classes/${rc.classId}/budget`, { lines: [] })).statusCode).toBe(401);
  });

  it('403 for readers who may not write; 404 outside the subtree and for volunteers and parents', async () => {
    const inspector = await t.agent(
      (await buildUser(t.database.db, { role: 'inspector', orgId: rc.districtId })).username,
      PASSWORD,
    );
    const seen = await inspector.get(url);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toEqual({ record: false, reverse: false, setBudget: false });
    expect((await inspector.post(url, entry())).statusCode).toBe(403);
    expect((await inspector.put(`/api/classes/${rc.classId}/budget`, { lines: [] })).statusCode).toBe(403);
    // class staff record entries but do not set the budget
    const head = rc.head.agent;
    expect((await head.put(`/api/classes/${rc.classId}/budget`, { lines: [] })).statusCode).toBe(403);
    const otherUnit = await buildOrg(t.database.db, { parentId: rc.districtId });
    const stranger = await t.agent(
      (await buildUser(t.database.db, { role: 'unit_admin', orgId: otherUnit.id })).username,
      PASSWORD,
    );
    expect((await stranger.get(url)).statusCode).toBe(404);
    expect((await stranger.post(url, entry())).statusCode).toBe(404);
    expect((await stranger.get(`/api/classes/${rc.classId}/budget`)).statusCode).toBe(404);
    const volunteer = await t.agent(
      (await buildUser(t.database.db, { role: 'volunteer', orgId: rc.unitId })).username,
      PASSWORD,
    );
    expect((await volunteer.get(url)).statusCode).toBe(404);
    const parent = await rc.guardian(0).login();
    expect((await parent.get(url)).statusCode).toBe(404);
    expect((await admin.get('/api/classes/999999/ledger')).statusCode).toBe(404);
  });

  it('400 for money that is not a positive integer of 分, unknown sources and dates out of range', async () => {
    for (const bad of [
      entry({ amountFen: 0 }),
      entry({ amountFen: -5 }),
      entry({ amountFen: 12.5 }),
      entry({ amountFen: '100' }),
      entry({ amountFen: 1e12 }),
      entry({ source: 'bank' }),
      entry({ purpose: 'party' }),
      entry({ kind: 'gift' }),
      entry({ date: '1999-12-31' }),
      entry({ date: '2026-02-30' }),
      entry({ extra: 1 }),
    ])
      expect((await admin.post(url, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    expect((await admin.post(`${url}/1/reverse`, { reason: '' })).statusCode).toBe(400);
    const dup = { lines: [0, 1].map(() => ({ source: 'unit', purpose: 'meals', amountFen: 100 })) };
    expect((await admin.put(`/api/classes/${rc.classId}/budget`, dup)).statusCode).toBe(400);
  });

  it('the rule is 待判定 with no ledger, 通过 with one; union money for insurance is refused with the rule text and audited', async () => {
    // The factory inserts the class directly: judge it once, as its first class event would.
    await t.database.db.transaction((tx) => evaluateClassById(tx, systemContext(t.clock.now), rc.classId, 'test'));
    expect((await fundingVerdict(rc.classId)).status).toBe('unknown');
    const r = await rc.head.agent.post(url, entry());
    expect(r.statusCode).toBe(201);
    expect(r.json().totals.expenseFen).toBe(12345);
    expect((await fundingVerdict(rc.classId)).status).toBe('pass');

    const refused = await rc.head.agent.post(url, entry({ purpose: 'insurance', source: 'grassrootsUnion' }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('UNION_FUNDS_FOR_INSURANCE');
    expect(refused.json().message).toContain('不得用于购买托管对象人身意外伤害保险');
    expect(refused.json().message).toContain('资金不得用于意外伤害保险');
    const en = await rc.head.agent.request('POST', url, entry({ purpose: 'insurance', source: 'cityUnion' }), {
      'accept-language': 'en',
    });
    expect(en.json().message).toContain('Union money');
    // Nothing was booked; the attempt is in the audit log.
    expect((await admin.get(url)).json().items).toHaveLength(1);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'ledger.refuse'), eq(auditLog.actorId, rc.head.userId)));
    expect(audits.length).toBeGreaterThanOrEqual(1);
    // Insurance from the unit's own money is fine.
    expect((await admin.post(url, entry({ purpose: 'insurance', source: 'unit' }))).statusCode).toBe(201);
  });

  it('the rule fails when the campaign later makes a booked source union money, and passes again once reversed', async () => {
    const c2 = await buildRunningClass(t, { children: 1 });
    const u2 = `/api/classes/${c2.classId}/ledger`;
    const a2 = c2.unitAdmin.agent;
    const booked = await a2.post(u2, entry({ purpose: 'insurance', source: 'other' }));
    expect(booked.statusCode).toBe(201);
    const id = booked.json().items[0].id;
    // The city restricts "other" money too (a campaign change re-judges its classes).
    const [camp] = await t.database.db.select().from(campaigns).where(eq(campaigns.id, c2.campaignId));
    if (!camp) throw new Error('campaign');
    const params = structuredClone(camp.params);
    params.funding.sources.other = { union: true, mayNotPayFor: ['insurance'] };
    await t.database.db.update(campaigns).set({ params }).where(eq(campaigns.id, camp.id));
    // A ledger event re-judges the class: a small income line.
    expect((await a2.post(u2, entry({ kind: 'income', source: 'unit', purpose: 'other' }))).statusCode).toBe(201);
    const v = await (async () => {
      const d = (await a2.get(`/api/classes/${c2.classId}`)).json();
      return d.verdict.rules.find((r: { id: string }) => r.id === 'funding.noUnionFundsForInsurance');
    })();
    expect(v.status).toBe('fail');
    const rev = await a2.post(`${u2}/${id}/reverse`, { reason: '误用工会资金，改由单位行政列支' });
    expect(rev.statusCode).toBe(201);
    const d = (await a2.get(`/api/classes/${c2.classId}`)).json();
    expect(d.verdict.rules.find((r: { id: string }) => r.id === 'funding.noUnionFundsForInsurance').status).toBe(
      'pass',
    );
    // A reversal is reversed once, and never itself.
    expect((await a2.post(`${u2}/${id}/reverse`, { reason: '再次' })).statusCode).toBe(409);
    const revId = rev.json().items.find((e: { reversesEntryId: number | null }) => e.reversesEntryId === id).id;
    expect((await a2.post(`${u2}/${revId}/reverse`, { reason: 'x' })).statusCode).toBe(409);
    // Another class's entry is not found through this class.
    expect((await admin.post(`${url}/${id}/reverse`, { reason: 'x' })).statusCode).toBe(404);
  });

  it('entries are append-only in the database', async () => {
    await expect(t.database.db.update(ledgerEntries).set({ amountFen: 1 })).rejects.toThrow();
    await expect(t.database.db.delete(ledgerEntries)).rejects.toThrow();
  });

  it('reversals keep totals exact: totals equal the sum of the amounts not reversed (any sequence)', async () => {
    const op = fc.record({
      reverse: fc.boolean(),
      pick: fc.nat(),
      kind: fc.constantFrom('income', 'expense'),
      source: fc.constantFrom(...FUNDING_SOURCES.filter((s) => s === 'unit' || s === 'parents' || s === 'other')),
      purpose: fc.constantFrom(...FUNDING_PURPOSES),
      amountFen: fc.integer({ min: 1, max: 100_000_00 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const c = await buildRunningClass(t, { children: 0, unit: { unitId: rc.unitId, districtId: rc.districtId } });
        const u = `/api/classes/${c.classId}/ledger`;
        for (const o of ops) {
          const list = (await admin.get(u)).json().items as { id: number; abilities: { reverse: boolean } }[];
          const open = list.filter((e) => e.abilities.reverse);
          const target = open[o.pick % Math.max(1, open.length)];
          if (o.reverse && target)
            expect((await admin.post(`${u}/${target.id}/reverse`, { reason: '录入有误' })).statusCode).toBe(201);
          else
            expect(
              (
                await admin.post(
                  u,
                  entry({ kind: o.kind, source: o.source, purpose: o.purpose, amountFen: o.amountFen }),
                )
              ).statusCode,
            ).toBe(201);
        }
        const l = (await admin.get(u)).json();
        type E = {
          kind: string;
          source: string;
          amountFen: number;
          reversesEntryId: number | null;
          reversedByEntryId: number | null;
        };
        const live = (l.items as E[]).filter((e) => e.reversesEntryId === null && e.reversedByEntryId === null);
        const sum = (k: string) => live.filter((e) => e.kind === k).reduce((s, e) => s + e.amountFen, 0);
        expect(l.totals.incomeFen).toBe(sum('income'));
        expect(l.totals.expenseFen).toBe(sum('expense'));
        expect(l.totals.balanceFen).toBe(sum('income') - sum('expense'));
        for (const s of FUNDING_SOURCES)
          expect(l.totals.bySource[s].incomeFen + l.totals.bySource[s].expenseFen).toBe(
            live.filter((e) => e.source === s).reduce((n, e) => n + e.amountFen, 0),
          );
      }),
      { numRuns: 6 },
    );
  });

  it("parents' fees flow in from enrolment once per enrolment, and a waived fee is reversed", async () => {
    const db = t.database.db;
    const c = await buildRunningClass(t, { children: 2 });
    await db.update(careClasses).set({ feeAmount: 300 }).where(eq(careClasses.id, c.classId));
    const [e0, e1] = c.children;
    if (!e0 || !e1) throw new Error('children');
    await db.update(enrolments).set({ feeStatus: 'due' }).where(eq(enrolments.classId, c.classId));
    const a = c.unitAdmin.agent;
    const u = `/api/classes/${c.classId}/ledger`;
    expect(
      (await a.post(`/api/enrolments/${e0.enrolmentId}/fee`, { status: 'paid', receipt: 'R-001' })).statusCode,
    ).toBe(200);
    // The same fee recorded again (a double click, a correction of the receipt number): still one entry.
    expect(
      (await a.post(`/api/enrolments/${e0.enrolmentId}/fee`, { status: 'paid', receipt: 'R-001b' })).statusCode,
    ).toBe(200);
    expect(
      (await a.post(`/api/enrolments/${e1.enrolmentId}/fee`, { status: 'paid', receipt: 'R-002' })).statusCode,
    ).toBe(200);
    let l = (await a.get(u)).json();
    expect(l.items).toHaveLength(2);
    expect(
      l.items.every((e: { source: string; fromEnrolment: boolean }) => e.source === 'parents' && e.fromEnrolment),
    ).toBe(true);
    expect(l.totals.bySource.parents.incomeFen).toBe(60000);
    expect((await fundingVerdict(c.classId, a)).status).toBe('pass');
    // Waived afterwards: the fee's entry is reversed, the totals drop.
    expect(
      (await a.post(`/api/enrolments/${e1.enrolmentId}/fee`, { status: 'waived', receipt: null })).statusCode,
    ).toBe(200);
    l = (await a.get(u)).json();
    expect(l.items).toHaveLength(3);
    expect(l.totals.incomeFen).toBe(30000);
    // Paid again after the waiver: one new standing entry.
    expect(
      (await a.post(`/api/enrolments/${e1.enrolmentId}/fee`, { status: 'paid', receipt: 'R-003' })).statusCode,
    ).toBe(200);
    expect(
      (await a.post(`/api/enrolments/${e1.enrolmentId}/fee`, { status: 'paid', receipt: 'R-003' })).statusCode,
    ).toBe(200);
    l = (await a.get(u)).json();
    expect(l.totals.incomeFen).toBe(60000);
    expect(l.items).toHaveLength(4);
  });

  it('budget versions, budget against actual, receipts and the .xlsx export', async () => {
    const b = `/api/classes/${rc.classId}/budget`;
    expect((await admin.get(b)).json().version).toBe(0);
    const lines = [
      { source: 'unit', purpose: 'meals', amountFen: 500000, note: '午餐' },
      { source: 'grassrootsUnion', purpose: 'staff', amountFen: 300000 },
      { source: 'parents', purpose: 'materials', amountFen: 20050 },
    ];
    const put = await admin.put(b, { lines });
    expect(put.statusCode).toBe(200);
    expect(put.json().version).toBe(1);
    expect(put.json().totalFen).toBe(820050);
    expect(put.json().byPurpose.meals).toEqual({ budgetFen: 500000, expenseFen: 12345 });
    const again = await admin.put(b, { lines: lines.slice(0, 1) });
    expect(again.json().version).toBe(2);
    expect(again.json().totalFen).toBe(500000);
    // Receipt: uploaded, then referenced by an entry; a file of another owner is refused.
    const { body, contentType } = multipart(PNG, '收据.png');
    const up = await rc.head.agent.request('POST', `${url}/receipts`, body, { 'content-type': contentType });
    expect(up.statusCode).toBe(201);
    const withReceipt = await rc.head.agent.post(url, entry({ receiptFileId: up.json().id, amountFen: 1 }));
    expect(withReceipt.statusCode).toBe(201);
    expect((await rc.head.agent.get(up.json().url)).statusCode).toBe(200);
    expect((await rc.head.agent.post(url, entry({ receiptFileId: 999999 }))).statusCode).toBe(400);
    // The export: Chinese headers, yuan with 2 decimals.
    const x = await admin.get(`${url}/export`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(2).getCell(6).value).toBe('金额（元）');
    expect(ws?.getRow(3).getCell(6).value).toBe(123.45);
  });

  it('at approval the district reads the budget by source and purpose with its planned cost per child-day', async () => {
    const other = await buildRunningClass(t, { children: 1 });
    // 2026-07-06 (Mon) to 2026-07-17 (Fri): 10 working days, one closure → 9; capacity 20 → 180 planned child-days.
    await t.database.db
      .update(careClasses)
      .set({
        status: 'submitted',
        startDate: '2026-07-06',
        endDate: '2026-07-17',
        closedDates: ['2026-07-08'],
        capacity: 20,
      })
      .where(eq(careClasses.id, other.classId));
    const b = `/api/classes/${other.classId}/budget`;
    const none = (await other.unitAdmin.agent.get(b)).json();
    expect(none).toMatchObject({ totalFen: 0, plannedChildDays: 180, plannedCostPerChildDayFen: 0 });
    const put = await other.unitAdmin.agent.put(b, {
      lines: [
        { source: 'unit', purpose: 'staff', amountFen: 400000 },
        { source: 'cityUnion', purpose: 'meals', amountFen: 100000 },
        { source: 'unit', purpose: 'meals', amountFen: 50000 },
      ],
    });
    expect(put.statusCode).toBe(200);
    const district = await t.agent(
      (await buildUser(t.database.db, { role: 'district_admin', orgId: other.districtId })).username,
      PASSWORD,
    );
    const seen = await district.get(b);
    expect(seen.statusCode).toBe(200);
    const d = seen.json();
    expect(d.totalFen).toBe(550000);
    expect(d.bySource.unit.budgetFen).toBe(450000);
    expect(d.bySource.cityUnion.budgetFen).toBe(100000);
    expect(d.byPurpose.meals.budgetFen).toBe(150000);
    expect(d.byPurpose.staff.budgetFen).toBe(400000);
    expect(d.plannedChildDays).toBe(180);
    // 550000 ÷ 180 = 3055.6 分, rounded half up.
    expect(d.plannedCostPerChildDayFen).toBe(3056);
    // Without a capacity there is nothing to divide by.
    await t.database.db.update(careClasses).set({ capacity: null }).where(eq(careClasses.id, other.classId));
    expect((await district.get(b)).json()).toMatchObject({ plannedChildDays: null, plannedCostPerChildDayFen: null });
  });

  it('fundingFigures: per unit, income and expense by source in 分 as the ledger totals them, up to a day', async () => {
    const l = (await admin.get(url)).json();
    const [u] = await fundingFigures(t.database.db, {
      campaignId: rc.campaignId,
      unitIds: [rc.unitId],
      asOf: '2100-12-31',
    });
    expect(u?.incomeFen).toBe(l.totals.incomeFen);
    expect(u?.expenseFen).toBe(l.totals.expenseFen);
    for (const s of FUNDING_SOURCES) expect(u?.bySource[s]).toEqual(l.totals.bySource[s]);
    // Before the first entry's day nothing counts; a unit without classes has zeroes.
    const before = await fundingFigures(t.database.db, {
      campaignId: rc.campaignId,
      unitIds: [rc.unitId, rc.districtId],
      asOf: '2026-07-09',
    });
    expect(before.map((x) => [x.incomeFen, x.expenseFen])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
});
