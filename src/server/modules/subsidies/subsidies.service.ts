/**
 * Union subsidies (工会补贴, #16): the paying organisation sets its policy (a new version each time), the system
 * computes each class's subsidy from the stats read layer's figures with the reasons, the union approves a
 * disbursement list (拨付清单: frozen, append-only; a later version replaces it while nothing was paid on it) and
 * records payments against it. A payment writes an income line in the class's ledger from the policy's union source
 * through the funding service, in the same transaction; a reversed payment reverses that line. One event per write.
 */
import { sql } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import {
  computeSubsidy,
  type FundingSource,
  reconcile,
  refusePayment,
  type SubsidyComputation,
  subsidyRulesProblem,
  unionSources,
} from '../../../domain/funding/index.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { organizations } from '../../db/schema.js';
import { subsidyListItems, subsidyLists, subsidyPayments, subsidyPolicies } from '../../db/tables/subsidies.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { addIncomeFor, reverseEntryFor } from '../funding/funding.service.js';
import {
  campaignOf,
  coveredClasses,
  itemsOf,
  latestPolicy,
  listById,
  listsOf,
  namesOf,
  type Payer,
  type PaymentRow,
  payerInScope,
  paymentsOf,
  unsafePayerById,
} from './subsidies.repo.js';
import type { ListDto, OverviewDto, PaymentInput, PolicyInput } from './subsidies.schema.js';
import { subsidyPolicy } from './subsidies.policy.js';

/** The paying organisation and the campaign, readable by the actor — otherwise "not found". */
async function loadPayer(db: Db, actor: Actor, campaignId: number, orgId: number) {
  const payer = await payerInScope(db, actor, orgId);
  if (!payer || !subsidyPolicy.read(actor, payer)) throw notFound();
  const campaign = await campaignOf(db, campaignId);
  if (!campaign) throw notFound();
  return { payer, campaign };
}

/** The union source a payer's money defaults to: the city's subsidy, or the county/district's. */
function defaultSourceOf(payer: Payer, union: FundingSource[]): FundingSource {
  const wanted: FundingSource = payer.kind === 'city' ? 'cityUnion' : 'countyUnion';
  return union.includes(wanted) ? wanted : (union[0] ?? wanted);
}

const abilitiesOf = (actor: Actor, payer: Payer) => {
  const m = subsidyPolicy.manage(actor, payer);
  return { setPolicy: m, approve: m, pay: m };
};

const isLive = (p: PaymentRow, reversed: Set<number>) => p.reversesPaymentId === null && !reversed.has(p.id);

export async function overview(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  campaignId: number,
  orgId: number,
): Promise<OverviewDto> {
  const { payer, campaign } = await loadPayer(db, actor, campaignId, orgId);
  const union = unionSources(campaign.params);
  const policy = await latestPolicy(db, campaign.id, payer.id);
  const asOf = todayInChina(ctx.now);
  let computed: OverviewDto['computed'] = null;
  if (policy) {
    const classes = await coveredClasses(db, campaign.id, payer, asOf);
    const lines = classes.map((c) => ({
      classId: c.classId,
      className: c.className,
      unitId: c.unitId,
      unitName: c.unitName,
      status: c.status,
      named: c.named,
      computation: computeSubsidy(policy.p.rules, campaign.params, c),
    }));
    computed = { asOf, totalFen: lines.reduce((s, l) => s + l.computation.amountFen, 0), classes: lines };
  }
  const lists = await listsOf(db, campaign.id, payer.id);
  const ids = lists.map((l) => l.l.id);
  const items = await itemsOf(db, ids);
  const payments = (await paymentsOf(db, ids)).map((p) => p.p);
  return {
    campaignId: campaign.id,
    orgId: payer.id,
    orgName: payer.name,
    orgKind: payer.kind,
    unionSources: union,
    defaultSource: defaultSourceOf(payer, union),
    minAttendancePermille: Math.round(campaign.params.scale.minAttendanceRate * 1000),
    policy: policy
      ? {
          id: policy.p.id,
          version: policy.p.version,
          rules: policy.p.rules,
          setByName: policy.setByName,
          setAt: policy.p.createdAt,
        }
      : null,
    computed,
    lists: lists.map(({ l, approvedByName }, i) => {
      const r = reconcile(
        items.filter((it) => it.listId === l.id),
        payments.filter((p) => p.listId === l.id),
      );
      return {
        id: l.id,
        version: l.version,
        asOf: l.asOf,
        totalFen: l.totalFen,
        paidFen: r.paidFen,
        pendingFen: r.pendingFen,
        approvedAt: l.approvedAt,
        approvedByName,
        superseded: i > 0,
      };
    }),
    abilities: abilitiesOf(actor, payer),
  };
}

/** Sets the policy by appending its next version. */
export async function setPolicy(db: Db, ctx: RequestContext, actor: Actor, input: PolicyInput): Promise<void> {
  const { payer, campaign } = await loadPayer(db, actor, input.campaignId, input.orgId);
  authorize(subsidyPolicy.manage(actor, payer), true);
  const problem = subsidyRulesProblem(input.rules, campaign.params);
  if (problem) throw invalid(problem.zh, problem.en, `body.rules.${problem.at}`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`subsidy:${campaign.id}:${payer.id}`}))`);
    const last = await latestPolicy(tx, campaign.id, payer.id);
    const version = (last?.p.version ?? 0) + 1;
    const [row] = await tx
      .insert(subsidyPolicies)
      .values({
        campaignId: campaign.id,
        orgId: payer.id,
        version,
        rules: input.rules,
        createdBy: actor.userId,
        createdAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'subsidy.policy',
      entity: 'subsidy_policy',
      entityId: row.id,
      orgPath: payer.path,
      after: { campaignId: campaign.id, orgId: payer.id, version, rules: input.rules },
    });
  });
}

/**
 * Approves the disbursement list: today's computation of every class that ran, frozen with its reasons. A later
 * approval replaces the current list only while nothing was paid on it (the paid one stands; pay the rest on it).
 */
export async function approveList(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  campaignId: number,
  orgId: number,
): Promise<number> {
  const { payer, campaign } = await loadPayer(db, actor, campaignId, orgId);
  authorize(subsidyPolicy.manage(actor, payer), true);
  const asOf = todayInChina(ctx.now);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`subsidy:${campaign.id}:${payer.id}`}))`);
    const policy = await latestPolicy(tx, campaign.id, payer.id);
    if (!policy) throw invalid('请先设置补贴政策', 'Set the subsidy policy first', 'body.orgId');
    const classes = await coveredClasses(tx, campaign.id, payer, asOf);
    if (classes.length === 0)
      throw invalid('没有已开展的托管班可核定补贴', 'No class has run: nothing to approve', 'body.campaignId');
    const [current] = await listsOf(tx, campaign.id, payer.id);
    if (current) {
      const paid = reconcile(
        await itemsOf(tx, [current.l.id]),
        (await paymentsOf(tx, [current.l.id])).map((p) => p.p),
      );
      if (paid.paidFen !== 0)
        throw conflict(
          `第 ${current.l.version} 版拨付清单已有拨付记录，不能重新核定`,
          `List version ${current.l.version} already has payments: it cannot be replaced`,
        );
    }
    const computations = classes.map((c) => ({ c, s: computeSubsidy(policy.p.rules, campaign.params, c) }));
    const totalFen = computations.reduce((n, x) => n + x.s.amountFen, 0);
    const version = (current?.l.version ?? 0) + 1;
    const [list] = await tx
      .insert(subsidyLists)
      .values({
        campaignId: campaign.id,
        orgId: payer.id,
        version,
        policyId: policy.p.id,
        asOf,
        totalFen,
        approvedBy: actor.userId,
        approvedAt: ctx.now,
      })
      .returning();
    if (!list) throw new AppError('INTERNAL');
    await tx.insert(subsidyListItems).values(
      computations.map(({ c, s }) => ({
        listId: list.id,
        classId: c.classId,
        unitId: c.unitId,
        amountFen: s.amountFen,
        computation: s,
      })),
    );
    await recordEvent(tx, ctx, {
      action: 'subsidy.approve',
      entity: 'subsidy_list',
      entityId: list.id,
      orgPath: payer.path,
      after: { campaignId: campaign.id, orgId: payer.id, version, asOf, totalFen, classes: computations.length },
    });
    return list.id;
  });
}

/** A list, readable by the actor (scoped through its paying organisation) — otherwise "not found". */
export async function loadList(db: Db, actor: Actor, id: number) {
  const row = await listById(db, id);
  if (!row) throw notFound();
  const payer = await payerInScope(db, actor, row.l.orgId);
  if (!payer || !subsidyPolicy.read(actor, payer)) throw notFound();
  const [latest] = await listsOf(db, row.l.campaignId, row.l.orgId);
  return { ...row, payer, superseded: latest?.l.id !== row.l.id };
}
type LoadedList = Awaited<ReturnType<typeof loadList>>;

export async function presentList(db: Db, actor: Actor, ll: LoadedList): Promise<ListDto> {
  const { l } = ll;
  const items = await itemsOf(db, [l.id]);
  const payments = await paymentsOf(db, [l.id]);
  const r = reconcile(
    items,
    payments.map((p) => p.p),
  );
  const names = await namesOf(
    db,
    items.map((i) => i.classId),
    items.map((i) => i.unitId),
  );
  const reversedBy = new Map<number, number>();
  for (const { p } of payments) if (p.reversesPaymentId !== null) reversedBy.set(p.reversesPaymentId, p.id);
  const [policy] = await db
    .select({ version: subsidyPolicies.version, rules: subsidyPolicies.rules })
    .from(subsidyPolicies)
    .where(sql`${subsidyPolicies.id} = ${l.policyId}`);
  return {
    id: l.id,
    version: l.version,
    asOf: l.asOf,
    totalFen: l.totalFen,
    paidFen: r.paidFen,
    pendingFen: r.pendingFen,
    approvedAt: l.approvedAt,
    approvedByName: ll.approvedByName,
    superseded: ll.superseded,
    campaignId: l.campaignId,
    orgId: l.orgId,
    orgName: ll.payer.name,
    source: policy?.rules.source ?? '',
    policyVersion: policy?.version ?? 0,
    items: items.map((i) => {
      const b = r.byItem.get(i.id);
      const c = names.classes.get(i.classId);
      return {
        id: i.id,
        classId: i.classId,
        className: c?.name ?? '',
        unitId: i.unitId,
        unitName: names.units.get(i.unitId) ?? '',
        status: c?.status ?? '',
        named: i.computation.supplementFen > 0,
        computation: i.computation as SubsidyComputation,
        amountFen: i.amountFen,
        paidFen: b?.paidFen ?? 0,
        pendingFen: b?.pendingFen ?? i.amountFen,
      };
    }),
    payments: payments.map(({ p, createdByName }) => ({
      id: p.id,
      itemId: p.itemId,
      classId: p.classId,
      amountFen: p.amountFen,
      date: p.date,
      note: p.note,
      ledgerEntryId: p.ledgerEntryId,
      reversesPaymentId: p.reversesPaymentId,
      reversedByPaymentId: reversedBy.get(p.id) ?? null,
      reason: p.reason,
      createdByName,
      createdAt: p.createdAt,
    })),
    abilities: { pay: subsidyPolicy.manage(actor, ll.payer) && !ll.superseded },
  };
}

async function unitPath(tx: Db, unitId: number): Promise<string> {
  const [u] = await tx
    .select({ path: organizations.path })
    .from(organizations)
    .where(sql`${organizations.id} = ${unitId}`);
  return u?.path ?? '/';
}

/** Records a payment on one class's line; its income line lands in the class's ledger (same transaction). */
export async function recordPayment(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  ll: LoadedList,
  input: PaymentInput,
): Promise<void> {
  authorize(subsidyPolicy.manage(actor, ll.payer), true);
  if (ll.superseded) throw conflict('该版本清单已被新版本取代', 'A later version of this list replaced it');
  const { l } = ll;
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`subsidy-list:${l.id}`}))`);
    const items = await itemsOf(tx, [l.id]);
    const r = reconcile(
      items,
      (await paymentsOf(tx, [l.id])).map((p) => p.p),
    );
    const refusal = refusePayment(r, input.itemId, input.amountFen);
    const item = items.find((i) => i.id === input.itemId);
    if (!item) throw invalid('清单中没有这一项', 'No such item on the list', 'body.itemId');
    if (refusal) throw invalid(refusal.zh, refusal.en, 'body.amountFen');
    const [policy] = await tx
      .select({ rules: subsidyPolicies.rules })
      .from(subsidyPolicies)
      .where(sql`${subsidyPolicies.id} = ${l.policyId}`);
    if (!policy) throw new AppError('INTERNAL');
    const payer = (await unsafePayerById(tx, l.orgId)) ?? ll.payer;
    const entry = await addIncomeFor(tx, ctx, {
      classId: item.classId,
      orgPath: await unitPath(tx, item.unitId),
      source: policy.rules.source,
      purpose: 'other',
      amountFen: input.amountFen,
      date: input.date,
      counterparty: payer.name,
      note: `工会补贴（拨付清单第 ${l.version} 版）${input.note ? `：${input.note}` : ''}`,
      userId: actor.userId,
    });
    const [p] = await tx
      .insert(subsidyPayments)
      .values({
        itemId: item.id,
        listId: l.id,
        classId: item.classId,
        amountFen: input.amountFen,
        date: input.date,
        note: input.note,
        ledgerEntryId: entry.id,
        createdBy: actor.userId,
        createdAt: ctx.now,
      })
      .returning();
    if (!p) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'subsidy.pay',
      entity: 'subsidy_payment',
      entityId: p.id,
      orgPath: ll.payer.path,
      after: {
        listId: l.id,
        itemId: item.id,
        classId: item.classId,
        amountFen: p.amountFen,
        date: p.date,
        ledgerEntryId: entry.id,
      },
    });
  });
}

/** Reverses a payment (冲销) with a reason: a new payment row and the ledger line's reversal. */
export async function reversePayment(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  ll: LoadedList,
  paymentId: number,
  reason: string,
): Promise<void> {
  authorize(subsidyPolicy.manage(actor, ll.payer), true);
  const { l } = ll;
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`subsidy-list:${l.id}`}))`);
    const payments = (await paymentsOf(tx, [l.id])).map((p) => p.p);
    const p = payments.find((x) => x.id === paymentId);
    if (!p) throw notFound();
    const reversed = new Set(payments.map((x) => x.reversesPaymentId).filter((x): x is number => x !== null));
    if (!isLive(p, reversed))
      throw conflict('该拨付记录已冲销或本身是冲销', 'This payment is already reversed, or is itself a reversal');
    const item = (await itemsOf(tx, [l.id])).find((i) => i.id === p.itemId);
    if (!item) throw new AppError('INTERNAL');
    const entry = p.ledgerEntryId
      ? await reverseEntryFor(tx, ctx, {
          classId: p.classId,
          entryId: p.ledgerEntryId,
          reason: `工会补贴拨付冲销：${reason}`,
          userId: actor.userId,
          orgPath: await unitPath(tx, item.unitId),
        })
      : null;
    const [row] = await tx
      .insert(subsidyPayments)
      .values({
        itemId: p.itemId,
        listId: l.id,
        classId: p.classId,
        amountFen: p.amountFen,
        date: todayInChina(ctx.now),
        ledgerEntryId: entry?.id ?? null,
        reversesPaymentId: p.id,
        reason,
        createdBy: actor.userId,
        createdAt: ctx.now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('该拨付记录已冲销', 'This payment is already reversed');
    await recordEvent(tx, ctx, {
      action: 'subsidy.reverse',
      entity: 'subsidy_payment',
      entityId: row.id,
      orgPath: ll.payer.path,
      after: { listId: l.id, reversesPaymentId: p.id, amountFen: p.amountFen, reason },
    });
  });
}
