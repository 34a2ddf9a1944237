/**
 * /api/funding/summary (经费汇总): budget against actual for a campaign under an organisation — per class, per unit,
 * per district and in total — with income and expense by source, cost per child-day and the union subsidy approved
 * and paid. Every number comes from the read layer's reads (`classFacts` for the classes and their present
 * child-days, `classFunding` for the money), so it agrees with the dashboard's figures. Scoped by the organisation's
 * subtree (`inScope`); .xlsx export beside it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { FUNDING_SOURCES, formatFen, SOURCE_LABELS } from '../../../domain/funding/index.js';
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import { addFunding, emptyFundingTally, type FundingTally } from '../../../domain/stats/funding.js';
import { authorize } from '../../auth/policy.js';
import { inScope } from '../../auth/scope.js';
import type { App, Deps } from '../../deps.js';
import type { Db } from '../../db/client.js';
import { campaigns, organizations } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { actorOf } from '../../request.js';
import { classFacts } from '../stats/stats.classes.js';
import { endOfDay } from '../stats/stats.read.js';
import { unsafeUnitsUnder } from '../stats/stats.repo.js';
import { classFunding } from '../funding/funding.figures.js';

export const SUMMARY_READERS: readonly Role[] = [...ADMIN_ROLES, 'inspector', 'auditor'];

const query = z.object({ campaignId: z.coerce.number().int().positive(), orgId: z.coerce.number().int().positive() });
const money = z.object({
  budgetFen: z.number(),
  incomeFen: z.number(),
  expenseFen: z.number(),
  balanceFen: z.number(),
  bySource: z.record(z.string(), z.object({ incomeFen: z.number(), expenseFen: z.number() })),
  childDays: z.number(),
  /** Net expense ÷ present child-days, rounded half up; null without child-days. */
  costPerChildDayFen: z.number().nullable(),
  subsidyComputedFen: z.number(),
  subsidyPaidFen: z.number(),
});
const row = money.extend({ id: z.number(), name: z.string() });
const summaryResponse = z.object({
  campaignId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  asOf: z.string(),
  total: money,
  districts: z.array(row),
  units: z.array(row.extend({ districtId: z.number().nullable() })),
  classes: z.array(row.extend({ unitId: z.number(), status: z.string() })),
});
export type FundingSummaryDto = z.infer<typeof summaryResponse>;

interface Acc {
  f: FundingTally;
  childDays: number;
}
const acc = (): Acc => ({ f: emptyFundingTally(), childDays: 0 });
const add = (into: Acc, a: Acc) => {
  addFunding(into.f, a.f);
  into.childDays += a.childDays;
};
const present = (a: Acc) => ({
  budgetFen: a.f.budgetFen,
  incomeFen: a.f.incomeFen,
  expenseFen: a.f.expenseFen,
  balanceFen: a.f.incomeFen - a.f.expenseFen,
  bySource: a.f.bySource,
  childDays: a.childDays,
  costPerChildDayFen: a.childDays > 0 ? Math.round(a.f.expenseFen / a.childDays) : null,
  subsidyComputedFen: a.f.subsidyComputedFen,
  subsidyPaidFen: a.f.subsidyPaidFen,
});

export async function fundingSummary(
  db: Db,
  q: { campaignId: number; org: { id: number; name: string; kind: string; path: string }; asOf: string },
): Promise<FundingSummaryDto> {
  const unitIds = q.org.kind === 'unit' ? [q.org.id] : await unsafeUnitsUnder(db, q.org.path);
  const facts = await classFacts(db, { campaignId: q.campaignId, unitIds, asOf: q.asOf });
  const money = await classFunding(
    db,
    facts.map((f) => f.id),
    q.asOf,
    endOfDay(q.asOf),
  );
  const orgs = unitIds.length
    ? await db
        .select({ id: organizations.id, name: organizations.name, parentId: organizations.parentId })
        .from(organizations)
        .where(inArray(organizations.id, unitIds))
    : [];
  const parentIds = [...new Set(orgs.map((o) => o.parentId).filter((x): x is number => x !== null))];
  const parents = parentIds.length
    ? await db
        .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
        .from(organizations)
        .where(inArray(organizations.id, parentIds))
    : [];
  const districtOf = new Map(
    orgs.map((o) => [o.id, parents.find((p) => p.id === o.parentId && p.kind !== 'city')?.id ?? null]),
  );
  const total = acc();
  const byUnit = new Map<number, Acc>();
  const byDistrict = new Map<number, Acc>();
  const classes = facts.map((c) => {
    const a: Acc = { f: money.get(c.id) ?? emptyFundingTally(), childDays: c.present };
    add(total, a);
    const u = byUnit.get(c.unitId) ?? acc();
    byUnit.set(c.unitId, u);
    add(u, a);
    const d = districtOf.get(c.unitId);
    if (d != null) {
      const da = byDistrict.get(d) ?? acc();
      byDistrict.set(d, da);
      add(da, a);
    }
    return { id: c.id, name: c.name, unitId: c.unitId, status: c.status, ...present(a) };
  });
  const nameOf = new Map([...orgs, ...parents].map((o) => [o.id, o.name]));
  return {
    campaignId: q.campaignId,
    orgId: q.org.id,
    orgName: q.org.name,
    asOf: q.asOf,
    total: present(total),
    districts: [...byDistrict].map(([id, a]) => ({ id, name: nameOf.get(id) ?? '', ...present(a) })),
    units: [...byUnit].map(([id, a]) => ({
      id,
      name: nameOf.get(id) ?? '',
      districtId: districtOf.get(id) ?? null,
      ...present(a),
    })),
    classes,
  };
}

const yuan = (fen: number) => Number(formatFen(fen));

export async function summaryWorkbook(s: FundingSummaryDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const unitName = new Map(s.units.map((u) => [u.id, u.name]));
  const head = [
    '预算（元）',
    '收入（元）',
    '支出（元）',
    '结余（元）',
    '预算执行率',
    '出勤人日',
    '每人日成本（元）',
    '补贴核定（元）',
    '补贴已拨付（元）',
    ...FUNDING_SOURCES.map((k) => `${SOURCE_LABELS[k].zh}收入`),
    ...FUNDING_SOURCES.map((k) => `${SOURCE_LABELS[k].zh}支出`),
  ];
  const cells = (m: z.infer<typeof money>) => [
    yuan(m.budgetFen),
    yuan(m.incomeFen),
    yuan(m.expenseFen),
    yuan(m.balanceFen),
    m.budgetFen > 0 ? `${Math.round((m.expenseFen * 1000) / m.budgetFen) / 10}%` : '—',
    m.childDays,
    m.costPerChildDayFen === null ? '—' : yuan(m.costPerChildDayFen),
    yuan(m.subsidyComputedFen),
    yuan(m.subsidyPaidFen),
    ...FUNDING_SOURCES.map((k) => yuan(m.bySource[k]?.incomeFen ?? 0)),
    ...FUNDING_SOURCES.map((k) => yuan(m.bySource[k]?.expenseFen ?? 0)),
  ];
  const sheet = (name: string, first: string[], rows: { keys: (string | number)[]; m: z.infer<typeof money> }[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([`${s.orgName} 经费汇总（${name}，截至 ${s.asOf}）`]).font = { bold: true, size: 14 };
    ws.addRow([...first, ...head]).font = { bold: true };
    for (const r of rows) ws.addRow([...r.keys, ...cells(r.m)]);
    ws.addRow([...first.map((_, i) => (i === 0 ? '合计' : '')), ...cells(s.total)]).font = { bold: true };
    ws.columns.forEach((c, i) => {
      c.width = i < first.length ? 24 : 14;
    });
    ws.views = [{ state: 'frozen', ySplit: 2, xSplit: first.length }];
  };
  sheet(
    '按班级',
    ['基层单位', '托管班'],
    s.classes.map((c) => ({ keys: [unitName.get(c.unitId) ?? '', c.name], m: c })),
  );
  sheet(
    '按单位',
    ['基层单位'],
    s.units.map((u) => ({ keys: [u.name], m: u })),
  );
  if (s.districts.length > 0)
    sheet(
      '按区县',
      ['区县（产业）工会'],
      s.districts.map((d) => ({ keys: [d.name], m: d })),
    );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function load(db: Db, req: { query: z.infer<typeof query>; ctx: { now: Date } } & Parameters<typeof actorOf>[0]) {
  const actor = actorOf(req);
  authorize(
    actor.grants.some((g) => SUMMARY_READERS.includes(g.role)),
    true,
  );
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, path: organizations.path })
    .from(organizations)
    .where(and(eq(organizations.id, req.query.orgId), inScope(organizations.path, actor, SUMMARY_READERS)));
  if (!org) throw notFound();
  const [camp] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, req.query.campaignId));
  if (!camp) throw notFound();
  return fundingSummary(db, { campaignId: camp.id, org, asOf: todayInChina(req.ctx.now) });
}

export async function fundingSummaryRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['funding'];
  app.get(
    '/api/funding/summary',
    { schema: { tags, querystring: query, response: { 200: summaryResponse } } },
    async (req) => load(db, req),
  );
  app.get('/api/funding/summary/export', { schema: { tags, querystring: query } }, async (req, reply) => {
    const s = await load(db, req);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition('attachment', `${s.orgName}-经费汇总.xlsx`))
      .send(await summaryWorkbook(s));
  });
}
