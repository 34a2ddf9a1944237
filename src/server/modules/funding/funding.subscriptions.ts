/**
 * Parents' fees flow into the ledger (家长分担): when enrolment records a fee as paid, an income entry of source
 * `parents` is written in the same transaction; when a paid fee is later waived, that entry is reversed. Driven by
 * the `enrolment.fee` event, not by the enrolments service. Idempotent: at most one standing entry per enrolment's
 * fee (the event's transaction holds the enrolment's row lock, so two fee events of one enrolment do not overlap).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses, classUnits, ledgerEntries, organizations } from '../../db/schema.js';
import { type DomainEvent, recordEvent, type Subscription } from '../../events/audit.js';

async function feeFlow(tx: Db, ctx: RequestContext, ev: DomainEvent) {
  const enrolmentId = Number(ev.entityId);
  const after = (ev.after ?? {}) as { classId?: number; feeStatus?: string; feeReceipt?: string | null };
  const classId = Number(after.classId);
  if (!Number.isInteger(enrolmentId) || !Number.isInteger(classId)) return;
  const fees = await tx
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.feeEnrolmentId, enrolmentId), isNull(ledgerEntries.reversesEntryId)));
  const reversals = await tx
    .select({ id: ledgerEntries.reversesEntryId })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.feeEnrolmentId, enrolmentId));
  const reversed = new Set(reversals.map((r) => r.id));
  const standing = fees.find((f) => !reversed.has(f.id));
  const [owner] = await tx
    .select({ path: organizations.path })
    .from(classUnits)
    .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
    .where(and(eq(classUnits.classId, classId), eq(classUnits.isOwner, true)));
  const orgPath = owner?.path ?? null;
  const userId = ctx.actor?.userId ?? null;
  if (after.feeStatus === 'paid') {
    if (standing) return;
    const [c] = await tx
      .select({ feeAmount: careClasses.feeAmount })
      .from(careClasses)
      .where(eq(careClasses.id, classId));
    // The class's fee is whole yuan (care_classes.fee_amount); the ledger keeps 分.
    const amountFen = (c?.feeAmount ?? 0) * 100;
    if (amountFen <= 0) return;
    const [row] = await tx
      .insert(ledgerEntries)
      .values({
        classId,
        kind: 'income',
        source: 'parents',
        purpose: 'other',
        amountFen,
        date: todayInChina(ctx.now),
        counterparty: '家长',
        note: after.feeReceipt ? `报名缴费，收据 ${after.feeReceipt}` : '报名缴费',
        feeEnrolmentId: enrolmentId,
        createdBy: userId,
      })
      .returning();
    if (row)
      await recordEvent(tx, ctx, {
        action: 'ledger.fee',
        entity: 'ledger',
        entityId: row.id,
        orgPath,
        after: { classId, kind: 'income', source: 'parents', amountFen, feeEnrolmentId: enrolmentId },
      });
    return;
  }
  if (standing) {
    const [row] = await tx
      .insert(ledgerEntries)
      .values({
        classId,
        kind: standing.kind,
        source: standing.source,
        purpose: standing.purpose,
        amountFen: standing.amountFen,
        date: todayInChina(ctx.now),
        counterparty: standing.counterparty,
        reversesEntryId: standing.id,
        reason: after.feeStatus === 'waived' ? '费用改为减免' : '费用状态变更',
        feeEnrolmentId: enrolmentId,
        createdBy: userId,
      })
      .returning();
    if (row)
      await recordEvent(tx, ctx, {
        action: 'ledger.reverse',
        entity: 'ledger',
        entityId: row.id,
        orgPath,
        after: { classId, reversesEntryId: standing.id, reason: row.reason, feeEnrolmentId: enrolmentId },
      });
  }
}

export const fundingSubscriptions: readonly Subscription[] = [
  { entity: 'enrolment', actions: ['enrolment.fee'], handle: feeFlow },
];
