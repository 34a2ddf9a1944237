/**
 * The funding figures' reads for the stats layer (docs/FIGURES.md, "Funding"): per class, the ledger's income and
 * expense by source dated up to the day (net of reversals), the latest budget set by the day's end, and the union
 * subsidies approved on the latest list of each paying union by then and paid up to the day. Internal (no scoping):
 * modules/stats decides which classes a caller may see. A fixed handful of grouped queries.
 */
import { and, inArray, lt, lte, sql } from 'drizzle-orm';
import type { FundingSource } from '../../../domain/campaign/schema.js';
import { type FundingTally, emptyFundingTally } from '../../../domain/stats/funding.js';
import type { Db } from '../../db/client.js';
import { budgetLines, ledgerEntries } from '../../db/schema.js';
import { subsidyListItems, subsidyLists, subsidyPayments } from '../../db/tables/subsidies.js';

export async function classFunding(
  db: Db,
  classIds: readonly number[],
  asOf: string,
  bound: Date,
): Promise<Map<number, FundingTally>> {
  const out = new Map<number, FundingTally>();
  if (classIds.length === 0) return out;
  const ids = [...classIds];
  const tally = (id: number) => {
    const t = out.get(id) ?? emptyFundingTally();
    out.set(id, t);
    return t;
  };
  // Sequential: the caller may pass a transaction (one connection).
  const ledger = await db
    .select({
      classId: ledgerEntries.classId,
      kind: ledgerEntries.kind,
      source: ledgerEntries.source,
      fen: sql<number>`sum(CASE WHEN ${ledgerEntries.reversesEntryId} IS NULL THEN ${ledgerEntries.amountFen} ELSE -${ledgerEntries.amountFen} END)::bigint`,
    })
    .from(ledgerEntries)
    .where(and(inArray(ledgerEntries.classId, ids), lte(ledgerEntries.date, asOf)))
    .groupBy(ledgerEntries.classId, ledgerEntries.kind, ledgerEntries.source);
  for (const r of ledger) {
    const t = tally(r.classId);
    const fen = Number(r.fen);
    const s = t.bySource[r.source as FundingSource];
    if (r.kind === 'income') {
      t.incomeFen += fen;
      if (s) s.incomeFen += fen;
    } else {
      t.expenseFen += fen;
      if (s) s.expenseFen += fen;
    }
  }
  const latestBudget = sql`(SELECT max(b2.version) FROM ${budgetLines} b2 WHERE b2.class_id = ${budgetLines.classId}
    AND b2.created_at < ${bound.toISOString()}::timestamptz)`;
  const budgets = await db
    .select({ classId: budgetLines.classId, fen: sql<number>`sum(${budgetLines.amountFen})::bigint` })
    .from(budgetLines)
    .where(and(inArray(budgetLines.classId, ids), sql`${budgetLines.version} = ${latestBudget}`))
    .groupBy(budgetLines.classId);
  for (const b of budgets) tally(b.classId).budgetFen += Number(b.fen);
  // The latest list of each paying union approved by the day's end.
  const latestList = sql`${subsidyLists.version} = (SELECT max(l2.version) FROM ${subsidyLists} l2
    WHERE l2.campaign_id = ${subsidyLists.campaignId} AND l2.org_id = ${subsidyLists.orgId}
    AND l2.approved_at < ${bound.toISOString()}::timestamptz)`;
  const items = await db
    .select({ id: subsidyListItems.id, classId: subsidyListItems.classId, fen: subsidyListItems.amountFen })
    .from(subsidyListItems)
    .innerJoin(subsidyLists, sql`${subsidyLists.id} = ${subsidyListItems.listId}`)
    .where(and(inArray(subsidyListItems.classId, ids), lt(subsidyLists.approvedAt, bound), latestList));
  for (const i of items) tally(i.classId).subsidyComputedFen += i.fen;
  const itemIds = items.map((i) => i.id);
  if (itemIds.length > 0) {
    const paid = await db
      .select({
        classId: subsidyPayments.classId,
        fen: sql<number>`sum(CASE WHEN ${subsidyPayments.reversesPaymentId} IS NULL THEN ${subsidyPayments.amountFen} ELSE -${subsidyPayments.amountFen} END)::bigint`,
      })
      .from(subsidyPayments)
      .where(and(inArray(subsidyPayments.itemId, itemIds), lte(subsidyPayments.date, asOf)))
      .groupBy(subsidyPayments.classId);
    for (const p of paid) tally(p.classId).subsidyPaidFen += Number(p.fen);
  }
  return out;
}
