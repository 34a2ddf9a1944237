/**
 * Reading the money (经费): a class's ledger and budget (callers load and authorise the class first), the ledger
 * facts the policy engine reads (`ledgerFactsOf`, internal: no scoping, the compliance snapshot's input), and the
 * per-unit figures the stats layer adds up (`fundingFigures`).
 */
import { and, asc, count, desc, eq, inArray, lte } from 'drizzle-orm';
import {
  FUNDING_SOURCES,
  type FundingPurpose,
  type FundingSource,
  type LedgerEntryFacts,
  type LedgerKind,
  ledgerTotals,
} from '../../../domain/funding/index.js';
import type { Db } from '../../db/client.js';
import { attendanceDays, budgetLines, careClasses, classUnits, ledgerEntries, users } from '../../db/schema.js';

export type LedgerRow = typeof ledgerEntries.$inferSelect;
export type BudgetLineRow = typeof budgetLines.$inferSelect;

export const asFacts = (r: LedgerRow): LedgerEntryFacts => ({
  id: r.id,
  kind: r.kind as LedgerKind,
  source: r.source as FundingSource,
  purpose: r.purpose as FundingPurpose,
  amountFen: r.amountFen,
  reversesEntryId: r.reversesEntryId,
});

export async function ledgerOf(db: Db, classId: number) {
  return db
    .select({ e: ledgerEntries, createdByName: users.displayName })
    .from(ledgerEntries)
    .leftJoin(users, eq(users.id, ledgerEntries.createdBy))
    .where(eq(ledgerEntries.classId, classId))
    .orderBy(asc(ledgerEntries.date), asc(ledgerEntries.id));
}

/** The ledger as the policy engine reads it (the class was loaded by its caller). */
export async function ledgerFactsOf(db: Db, classId: number): Promise<LedgerEntryFacts[]> {
  return (await db.select().from(ledgerEntries).where(eq(ledgerEntries.classId, classId))).map(asFacts);
}

export async function entryOf(db: Db, classId: number, entryId: number): Promise<LedgerRow | undefined> {
  const [row] = await db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.classId, classId), eq(ledgerEntries.id, entryId)));
  return row;
}

/** The current budget (the highest version) with who set it. */
export async function budgetOf(db: Db, classId: number) {
  const [last] = await db
    .select({ version: budgetLines.version })
    .from(budgetLines)
    .where(eq(budgetLines.classId, classId))
    .orderBy(desc(budgetLines.version))
    .limit(1);
  if (!last) return { version: 0, lines: [] as BudgetLineRow[], setByName: null };
  const lines = await db
    .select()
    .from(budgetLines)
    .where(and(eq(budgetLines.classId, classId), eq(budgetLines.version, last.version)))
    .orderBy(asc(budgetLines.id));
  const by = lines[0]?.createdBy;
  const [u] = by ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, by)) : [];
  return { version: last.version, lines, setByName: u?.name ?? null };
}

/** Child-days attended (present or left after being present), for the cost per child-day. */
export async function childDaysOf(db: Db, classId: number): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(attendanceDays)
    .where(and(eq(attendanceDays.classId, classId), inArray(attendanceDays.status, ['present', 'left'])));
  return Number(r?.n ?? 0);
}

export interface UnitFunding {
  unitId: number;
  incomeFen: number;
  expenseFen: number;
  bySource: Record<FundingSource, { incomeFen: number; expenseFen: number }>;
}

/**
 * Per owning unit, the ledger's income and expense by source in 分, net of reversals, for the entries dated up to
 * `asOf` of the campaign's classes owned by `unitIds`. Internal (no scoping): the stats layer decides which units
 * a caller may see and passes them in.
 */
export async function fundingFigures(
  db: Db,
  q: { campaignId: number; unitIds: readonly number[]; asOf: string },
): Promise<UnitFunding[]> {
  if (q.unitIds.length === 0) return [];
  const rows = await db
    .select({ unitId: classUnits.orgId, e: ledgerEntries })
    .from(ledgerEntries)
    .innerJoin(careClasses, eq(careClasses.id, ledgerEntries.classId))
    .innerJoin(classUnits, and(eq(classUnits.classId, careClasses.id), eq(classUnits.isOwner, true)))
    .where(
      and(
        eq(careClasses.campaignId, q.campaignId),
        inArray(classUnits.orgId, [...q.unitIds]),
        lte(ledgerEntries.date, q.asOf),
      ),
    );
  const byUnit = new Map<number, LedgerEntryFacts[]>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), asFacts(r.e)]);
  return q.unitIds.map((unitId) => {
    const t = ledgerTotals(byUnit.get(unitId) ?? []);
    return {
      unitId,
      incomeFen: t.incomeFen,
      expenseFen: t.expenseFen,
      bySource: Object.fromEntries(FUNDING_SOURCES.map((s) => [s, t.bySource[s]])) as UnitFunding['bySource'],
    };
  });
}
