/**
 * Keeping a class's money: ledger entries (refused at entry when the source may not pay for the purpose — P-R7:
 * union money never buys the children's accident insurance), reversals with a reason, receipts, and the budget.
 * One transaction per write with its `ledger.*` / `budget.*` event; the compliance module re-judges the class on
 * those events (`funding.noUnionFundsForInsurance` reads the ledger).
 */
import { and, eq, max, sql } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { Campaign } from '../../../domain/campaign/schema.js';
import {
  FUNDING_PURPOSES,
  FUNDING_SOURCES,
  type FundingPurpose,
  type FundingSource,
  ledgerTotals,
  refuseEntry,
  unionSources,
} from '../../../domain/funding/index.js';
import { checkPeriod, classWorkingDays } from '../../../domain/rules/class-dates.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { budgetLines, campaigns, files, ledgerEntries } from '../../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { FileStore } from '../../storage/fileStore.js';
import { checkUpload, type ReceivedUpload } from '../../storage/upload.js';
import { withEffectiveCalendar } from '../calendar/calendar.repo.js';
import type { ClassRef } from '../classes/classes.policy.js';
import type { ClassRow } from '../classes/classes.repo.js';
import { loadClass } from '../classes/classes.service.js';
import type { FileRow } from '../files/files.repo.js';
import { attachFile } from '../files/files.service.js';
import { fundingAbilities, fundingPolicy } from './funding.policy.js';
import { asFacts, budgetOf, childDaysOf, entryOf, type LedgerRow, ledgerOf } from './funding.repo.js';
import type { BudgetDto, BudgetInput, LedgerDto, LedgerEntryDto, LedgerEntryInput } from './funding.schema.js';

/** Receipts (收据/发票) are files of this owner type, owned by the class. */
export const LEDGER_RECEIPT_OWNER = 'class_ledger';

export interface FundingClass {
  row: ClassRow;
  ref: ClassRef;
  ownerPath: string;
}

/** The class, scoped, and readable as money by the actor — otherwise "not found", like any class outside scope. */
export async function loadFundingClass(db: Db, actor: Actor, id: number): Promise<FundingClass> {
  const { row, ref } = await loadClass(db, actor, id);
  if (!fundingPolicy.read(actor, ref)) throw notFound();
  return { row, ref, ownerPath: ref.units.find((u) => u.isOwner)?.path ?? ref.units[0]?.path ?? '/' };
}

async function campaignParams(db: Db, campaignId: number): Promise<Campaign> {
  const [c] = await db.select({ params: campaigns.params }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!c) throw new AppError('INTERNAL');
  return c.params;
}

const eventAfter = (e: LedgerRow) => ({
  classId: e.classId,
  kind: e.kind,
  source: e.source,
  purpose: e.purpose,
  amountFen: e.amountFen,
  date: e.date,
  receiptFileId: e.receiptFileId,
  reversesEntryId: e.reversesEntryId,
  reason: e.reason,
  feeEnrolmentId: e.feeEnrolmentId,
});

/**
 * Records one entry. A forbidden expense is refused with UNION_FUNDS_FOR_INSURANCE (or VALIDATION_FAILED for
 * another restriction the campaign sets); the refused attempt is kept in the audit log (`ledger.refuse`): someone
 * tried to spend union money on insurance, which the district wants to know even though nothing was booked.
 */
export async function addEntry(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  fc: FundingClass,
  input: LedgerEntryInput,
): Promise<LedgerRow> {
  authorize(fundingPolicy.record(actor, fc.ref), true);
  const refusal = refuseEntry(await campaignParams(db, fc.row.campaignId), input);
  if (refusal) {
    await db.transaction((tx) =>
      recordEvent(tx, ctx, {
        action: 'ledger.refuse',
        entity: 'ledger',
        entityId: fc.row.id,
        orgPath: fc.ownerPath,
        after: {
          classId: fc.row.id,
          kind: input.kind,
          source: input.source,
          purpose: input.purpose,
          amountFen: input.amountFen,
          date: input.date,
          reason: refusal.text.zh,
        },
      }),
    );
    const details = {
      zh: `${refusal.text.zh}规定：${refusal.rule.zh}`,
      en: `${refusal.text.en} Rule: ${refusal.rule.en}`,
    };
    if (refusal.unionInsurance) throw new AppError('UNION_FUNDS_FOR_INSURANCE', { details });
    throw invalid(details.zh, details.en, 'body.purpose');
  }
  return db.transaction(async (tx) => {
    if (input.receiptFileId) await checkReceipt(tx, fc.row.id, input.receiptFileId);
    const [row] = await tx
      .insert(ledgerEntries)
      .values({
        classId: fc.row.id,
        kind: input.kind,
        source: input.source,
        purpose: input.purpose,
        amountFen: input.amountFen,
        date: input.date,
        counterparty: input.counterparty,
        note: input.note,
        receiptFileId: input.receiptFileId ?? null,
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'ledger.add',
      entity: 'ledger',
      entityId: row.id,
      orgPath: fc.ownerPath,
      after: eventAfter(row),
    });
    return row;
  });
}

async function checkReceipt(tx: Db, classId: number, fileId: number) {
  const [f] = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.ownerType, LEDGER_RECEIPT_OWNER), eq(files.ownerId, classId)));
  if (!f) throw invalid('收据文件不存在，请先上传', 'No such receipt; upload it first', 'body.receiptFileId');
}

/** Writes the reversal of an entry (冲销): the same line with the opposite effect, the reason, today's date. */
export async function reverseEntry(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  fc: FundingClass,
  entryId: number,
  reason: string,
): Promise<LedgerRow> {
  authorize(fundingPolicy.record(actor, fc.ref), true);
  return db.transaction(async (tx) => {
    const e = await entryOf(tx, fc.row.id, entryId);
    if (!e) throw notFound();
    if (e.reversesEntryId !== null) throw conflict('冲销记录不能再冲销', 'A reversal cannot itself be reversed');
    const [already] = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.reversesEntryId, e.id));
    if (already) throw conflict('该记录已冲销', 'This entry is already reversed');
    return insertReversal(tx, ctx, e, reason, actor.userId, fc.ownerPath);
  });
}

async function insertReversal(
  tx: Db,
  ctx: RequestContext,
  e: LedgerRow,
  reason: string,
  userId: number | null,
  orgPath: string,
): Promise<LedgerRow> {
  const [row] = await tx
    .insert(ledgerEntries)
    .values({
      classId: e.classId,
      kind: e.kind,
      source: e.source,
      purpose: e.purpose,
      amountFen: e.amountFen,
      date: todayInChina(ctx.now),
      counterparty: e.counterparty,
      reversesEntryId: e.id,
      reason,
      feeEnrolmentId: e.feeEnrolmentId,
      createdBy: userId,
    })
    .onConflictDoNothing()
    .returning();
  // The unique index on reverses_entry_id: a concurrent second reversal lost the race.
  if (!row) throw conflict('该记录已冲销', 'This entry is already reversed');
  await recordEvent(tx, ctx, {
    action: 'ledger.reverse',
    entity: 'ledger',
    entityId: row.id,
    orgPath,
    after: eventAfter(row),
  });
  return row;
}

export async function addReceipt(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  fc: FundingClass,
  received: ReceivedUpload,
): Promise<FileRow> {
  const owner = fc.ref.units.find((u) => u.isOwner) ?? fc.ref.units[0];
  if (!owner) throw new AppError('INTERNAL');
  return attachFile(
    db,
    store,
    ctx,
    { ownerType: LEDGER_RECEIPT_OWNER, ownerId: fc.row.id, orgId: owner.orgId, orgPath: owner.path },
    'receipt',
    checkUpload(received),
  );
}

/** Replaces the budget by appending its next version (the earlier ones stay, so the approved budget is kept). */
export async function setBudget(db: Db, ctx: RequestContext, actor: Actor, fc: FundingClass, input: BudgetInput) {
  authorize(fundingPolicy.setBudget(actor, fc.ref), true);
  const seen = new Set<string>();
  for (const [i, l] of input.lines.entries()) {
    const key = `${l.source}/${l.purpose}`;
    if (seen.has(key))
      throw invalid('同一来源和用途只能有一行', 'One line per source and purpose', `body.lines.${i}.purpose`);
    seen.add(key);
  }
  await db.transaction(async (tx) => {
    // Serialise saves of one class's budget: two saves must not take the same version number.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`budget:${fc.row.id}`}))`);
    const [m] = await tx
      .select({ v: max(budgetLines.version) })
      .from(budgetLines)
      .where(eq(budgetLines.classId, fc.row.id));
    const version = (m?.v ?? 0) + 1;
    if (input.lines.length > 0)
      await tx.insert(budgetLines).values(
        input.lines.map((l) => ({
          classId: fc.row.id,
          version,
          source: l.source,
          purpose: l.purpose,
          amountFen: l.amountFen,
          note: l.note,
          createdBy: actor.userId,
          createdAt: ctx.now,
        })),
      );
    await recordEvent(tx, ctx, {
      action: 'budget.set',
      entity: 'budget',
      entityId: fc.row.id,
      orgPath: fc.ownerPath,
      after: { classId: fc.row.id, version, lines: input.lines },
    });
  });
}

export async function presentLedger(db: Db, actor: Actor, fc: FundingClass): Promise<LedgerDto> {
  const rows = await ledgerOf(db, fc.row.id);
  const reversedBy = new Map<number, number>();
  for (const r of rows) if (r.e.reversesEntryId !== null) reversedBy.set(r.e.reversesEntryId, r.e.id);
  const abilities = fundingAbilities(actor, fc.ref);
  const items: LedgerEntryDto[] = rows.map(({ e, createdByName }) => ({
    id: e.id,
    classId: e.classId,
    kind: e.kind as LedgerEntryDto['kind'],
    source: e.source as FundingSource,
    purpose: e.purpose as FundingPurpose,
    amountFen: e.amountFen,
    date: e.date,
    counterparty: e.counterparty,
    note: e.note,
    receiptFileId: e.receiptFileId,
    reversesEntryId: e.reversesEntryId,
    reversedByEntryId: reversedBy.get(e.id) ?? null,
    reason: e.reason,
    fromEnrolment: e.feeEnrolmentId !== null,
    createdBy: e.createdBy,
    createdByName,
    createdAt: e.createdAt,
    abilities: { reverse: abilities.reverse && e.reversesEntryId === null && !reversedBy.has(e.id) },
  }));
  return {
    classId: fc.row.id,
    items,
    totals: ledgerTotals(rows.map((r) => asFacts(r.e))),
    unionSources: unionSources(await campaignParams(db, fc.row.campaignId)),
    abilities,
  };
}

export async function presentBudget(db: Db, actor: Actor, fc: FundingClass): Promise<BudgetDto> {
  const b = await budgetOf(db, fc.row.id);
  const facts = (await ledgerOf(db, fc.row.id)).map((r) => asFacts(r.e));
  const t = ledgerTotals(facts);
  const bySource = Object.fromEntries(
    FUNDING_SOURCES.map((s) => [
      s,
      {
        budgetFen: b.lines.filter((l) => l.source === s).reduce((n, l) => n + l.amountFen, 0),
        incomeFen: t.bySource[s].incomeFen,
        expenseFen: t.bySource[s].expenseFen,
      },
    ]),
  );
  const byPurpose = Object.fromEntries(
    FUNDING_PURPOSES.map((p) => [
      p,
      {
        budgetFen: b.lines.filter((l) => l.purpose === p).reduce((n, l) => n + l.amountFen, 0),
        expenseFen: t.byPurpose[p].expenseFen,
      },
    ]),
  );
  const childDays = await childDaysOf(db, fc.row.id);
  const first = b.lines[0];
  const totalFen = b.lines.reduce((n, l) => n + l.amountFen, 0);
  const planned = await plannedChildDays(db, fc.row);
  return {
    classId: fc.row.id,
    version: b.version,
    lines: b.lines.map((l) => ({
      source: l.source as FundingSource,
      purpose: l.purpose as FundingPurpose,
      amountFen: l.amountFen,
      note: l.note,
    })),
    totalFen,
    setBy: first?.createdBy ?? null,
    setByName: b.setByName,
    setAt: first?.createdAt ?? null,
    bySource,
    byPurpose,
    // Integer 分, rounded half up: a figure for people, never added back into the books.
    costPerChildDayFen: childDays > 0 ? Math.round(t.expenseFen / childDays) : null,
    childDays,
    plannedChildDays: planned,
    plannedCostPerChildDayFen: planned ? Math.round(totalFen / planned) : null,
    abilities: fundingAbilities(actor, fc.ref),
  };
}

/**
 * Planned child-days (计划人日): the capacity times the working days the rules count for the class (official
 * calendar with the campaign's entries, closures deducted). Null while the capacity or the period is not usable.
 */
async function plannedChildDays(db: Db, row: ClassRow): Promise<number | null> {
  if (!row.capacity) return null;
  const p = checkPeriod({
    startDate: row.startDate ?? undefined,
    endDate: row.endDate ?? undefined,
    closedDates: row.closedDates,
  });
  if (!p.ok) return null;
  const params = await withEffectiveCalendar(db, await campaignParams(db, row.campaignId));
  const days = classWorkingDays(p, params.calendar).days.length;
  return days > 0 ? row.capacity * days : null;
}

/**
 * An income line written on behalf of another module's write (a union subsidy paid, #16), inside that write's
 * transaction. The caller has authorised its own action (paying a subsidy list is not recording a class's ledger:
 * the class may be archived by then); this still refuses what the campaign forbids and records `ledger.add`.
 */
export async function addIncomeFor(
  tx: Db,
  ctx: RequestContext,
  e: {
    classId: number;
    orgPath: string;
    source: FundingSource;
    purpose: FundingPurpose;
    amountFen: number;
    date: string;
    counterparty: string | null;
    note: string | null;
    userId: number | null;
  },
): Promise<LedgerRow> {
  const [row] = await tx
    .insert(ledgerEntries)
    .values({
      classId: e.classId,
      kind: 'income',
      source: e.source,
      purpose: e.purpose,
      amountFen: e.amountFen,
      date: e.date,
      counterparty: e.counterparty,
      note: e.note,
      createdBy: e.userId,
    })
    .returning();
  if (!row) throw new AppError('INTERNAL');
  await recordEvent(tx, ctx, {
    action: 'ledger.add',
    entity: 'ledger',
    entityId: row.id,
    orgPath: e.orgPath,
    after: eventAfter(row),
  });
  return row;
}

/** The reversal of a line written by `addIncomeFor`, inside the caller's transaction (a subsidy payment reversed). */
export async function reverseEntryFor(
  tx: Db,
  ctx: RequestContext,
  e: { classId: number; entryId: number; reason: string; userId: number | null; orgPath: string },
): Promise<LedgerRow> {
  const entry = await entryOf(tx, e.classId, e.entryId);
  if (!entry) throw new AppError('INTERNAL');
  return insertReversal(tx, ctx, entry, e.reason, e.userId, e.orgPath);
}
