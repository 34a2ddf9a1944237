/**
 * The demo's union subsidies (工会补贴, issue 16), deterministic: the city's policy on the campaign (tiers 20–29 /
 * 30–49 / ≥ 50 children at 10 / 12 / 15 元 per child-day, a demonstration supplement, a cap, all three conditions),
 * its disbursement list approved from the classes' figures as the service computes it (the finished summer classes
 * get their amounts, the others 0 with the reasons), and payments: most finished classes paid in full, one in part,
 * the rest pending — each an income line of 市级工会补贴 in the class's ledger, through the funding service.
 */
import { and, eq } from 'drizzle-orm';
import { todayInChina } from '../../domain/calendar/dates.js';
import { computeSubsidy, type SubsidyRules } from '../../domain/funding/index.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import { campaigns, organizations } from '../db/schema.js';
import { subsidyListItems, subsidyLists, subsidyPayments, subsidyPolicies } from '../db/tables/subsidies.js';
import { recordEvent } from '../events/audit.js';
import { addIncomeFor } from '../modules/funding/funding.service.js';
import { coveredClasses } from '../modules/subsidies/subsidies.repo.js';

export const DEMO_SUBSIDY_RULES: SubsidyRules = {
  source: 'cityUnion',
  tiers: [
    { minChildren: 20, maxChildren: 29, perChildDayFen: 1000 },
    { minChildren: 30, maxChildren: 49, perChildDayFen: 1200 },
    { minChildren: 50, maxChildren: null, perChildDayFen: 1500 },
  ],
  demonstrationSupplementFen: 500000,
  capFen: 3000000,
  conditions: { classFinished: true, attendanceMinimum: true, noOpenSeriousIncident: true },
};

export async function loadDemoSubsidies(
  tx: Db,
  ctx: RequestContext,
  o: { campaignName: string; cityId: number; cityUserId: number },
): Promise<{ rows: number; classes: number; totalFen: number; paidFen: number }> {
  const [camp] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, o.cityId), eq(campaigns.name, o.campaignName)));
  if (!camp) throw new Error('demo subsidies: no campaign');
  const [city] = await tx
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, path: organizations.path })
    .from(organizations)
    .where(eq(organizations.id, o.cityId));
  if (!city) throw new Error('demo subsidies: no city');
  const today = todayInChina(ctx.now);
  const [policy] = await tx
    .insert(subsidyPolicies)
    .values({
      campaignId: camp.id,
      orgId: city.id,
      version: 1,
      rules: DEMO_SUBSIDY_RULES,
      createdBy: o.cityUserId,
      createdAt: ctx.now,
    })
    .returning();
  if (!policy) throw new Error('demo subsidies: policy');
  await recordEvent(tx, ctx, {
    action: 'subsidy.policy',
    entity: 'subsidy_policy',
    entityId: policy.id,
    orgPath: city.path,
    after: { campaignId: camp.id, orgId: city.id, version: 1, rules: DEMO_SUBSIDY_RULES },
  });
  let rows = 1;
  const classes = await coveredClasses(tx, camp.id, city, today);
  const computed = classes.map((c) => ({ c, s: computeSubsidy(DEMO_SUBSIDY_RULES, camp.params, c) }));
  const totalFen = computed.reduce((n, x) => n + x.s.amountFen, 0);
  const [list] = await tx
    .insert(subsidyLists)
    .values({
      campaignId: camp.id,
      orgId: city.id,
      version: 1,
      policyId: policy.id,
      asOf: today,
      totalFen,
      approvedBy: o.cityUserId,
      approvedAt: ctx.now,
    })
    .returning();
  if (!list) throw new Error('demo subsidies: list');
  const items =
    computed.length === 0
      ? []
      : await tx
          .insert(subsidyListItems)
          .values(
            computed.map(({ c, s }) => ({
              listId: list.id,
              classId: c.classId,
              unitId: c.unitId,
              amountFen: s.amountFen,
              computation: s,
            })),
          )
          .returning();
  rows += 1 + items.length;
  await recordEvent(tx, ctx, {
    action: 'subsidy.approve',
    entity: 'subsidy_list',
    entityId: list.id,
    orgPath: city.path,
    after: { campaignId: camp.id, orgId: city.id, version: 1, asOf: today, totalFen, classes: items.length },
  });
  // Paid: every eligible class but the last three in full, the one before them in part; the last three pending.
  const eligible = items.filter((i) => i.amountFen > 0);
  const unitPath = new Map(
    (await tx.select({ id: organizations.id, path: organizations.path }).from(organizations)).map((u) => [
      u.id,
      u.path,
    ]),
  );
  let paidFen = 0;
  for (const [n, item] of eligible.entries()) {
    const left = eligible.length - n;
    if (left <= 3) break;
    const amountFen = left === 4 ? Math.floor(item.amountFen / 2) : item.amountFen;
    const entry = await addIncomeFor(tx, ctx, {
      classId: item.classId,
      orgPath: unitPath.get(item.unitId) ?? city.path,
      source: 'cityUnion',
      purpose: 'other',
      amountFen,
      date: today,
      counterparty: city.name,
      note: `工会补贴（拨付清单第 1 版）${left === 4 ? '：首笔拨付' : ''}`,
      userId: o.cityUserId,
    });
    const [p] = await tx
      .insert(subsidyPayments)
      .values({
        itemId: item.id,
        listId: list.id,
        classId: item.classId,
        amountFen,
        date: today,
        note: left === 4 ? '首笔拨付' : null,
        ledgerEntryId: entry.id,
        createdBy: o.cityUserId,
        createdAt: ctx.now,
      })
      .returning();
    if (!p) continue;
    paidFen += amountFen;
    rows += 2;
    await recordEvent(tx, ctx, {
      action: 'subsidy.pay',
      entity: 'subsidy_payment',
      entityId: p.id,
      orgPath: city.path,
      after: {
        listId: list.id,
        itemId: item.id,
        classId: item.classId,
        amountFen,
        date: today,
        ledgerEntryId: entry.id,
      },
    });
  }
  return { rows, classes: items.length, totalFen, paidFen };
}
