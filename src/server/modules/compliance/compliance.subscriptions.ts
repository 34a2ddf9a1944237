/**
 * When a class is re-evaluated: every change to one of its inputs, in the same transaction as the change, so a
 * verdict can never disagree with what caused it. Applications and check-ins alone trigger nothing (a surge or a
 * morning burst must stay cheap); the day's attendance is taken up by the daily job (compliance.jobs.ts).
 */
import { eq, or } from 'drizzle-orm';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses } from '../../db/schema.js';
import type { DomainEvent, Subscription } from '../../events/audit.js';
import { evaluateAndStore, evaluateClassById } from './compliance.service.js';

/** Re-evaluates every class (not archived) that a changed venue, counterparty or campaign feeds. */
async function reevaluateFed(tx: Db, ctx: RequestContext, ev: DomainEvent) {
  const id = Number(ev.entityId);
  if (!Number.isInteger(id)) return;
  const where =
    ev.entity === 'venue'
      ? eq(careClasses.venueId, id)
      : ev.entity === 'campaign'
        ? eq(careClasses.campaignId, id)
        : or(eq(careClasses.catererId, id), eq(careClasses.partnerId, id), eq(careClasses.providerId, id));
  const affected = await tx.select().from(careClasses).where(where);
  for (const c of affected) if (c.status !== 'archived') await evaluateAndStore(tx, ctx, c, ev.action);
}

/** The class's own changes that the verdict depends on; `class.submit`/`class.approve` are then checked by classes. */
export const CLASS_EVALUATING_ACTIONS = ['class.create', 'class.update', 'class.submit', 'class.approve'] as const;

/** Enrolment changes that move a child in or out of "enrolled". */
export const ENROLLING_ACTIONS = [
  'enrolment.confirm',
  'enrolment.withdraw',
  'enrolment.expire',
  'enrolment.sign',
  'enrolment.insurance_review',
  'enrolment.fee',
] as const;

export const complianceSubscriptions: readonly Subscription[] = [
  { entity: 'venue', handle: reevaluateFed },
  { entity: 'counterparty', handle: reevaluateFed },
  { entity: 'campaign', handle: reevaluateFed },
  {
    entity: 'class',
    actions: CLASS_EVALUATING_ACTIONS,
    handle: (tx, ctx, ev) => evaluateClassById(tx, ctx, Number(ev.entityId), ev.action),
  },
  {
    entity: 'enrolment',
    actions: ENROLLING_ACTIONS,
    handle: async (tx, ctx, ev) => {
      const classId = Number((ev.after as { classId?: number } | null)?.classId);
      if (Number.isInteger(classId)) await evaluateClassById(tx, ctx, classId, ev.action);
    },
  },
  {
    // The ledger feeds funding.noUnionFundsForInsurance: every entry, reversal and fee income (entity id: the entry).
    entity: 'ledger',
    actions: ['ledger.add', 'ledger.reverse', 'ledger.fee'],
    handle: async (tx, ctx, ev) => {
      const classId = Number((ev.after as { classId?: number } | null)?.classId);
      if (Number.isInteger(classId)) await evaluateClassById(tx, ctx, classId, ev.action);
    },
  },
  {
    // A correction changes the past: its class is re-evaluated at once (entity id `class:child:day`).
    entity: 'attendance',
    actions: ['attendance.correct'],
    handle: (tx, ctx, ev) => evaluateClassById(tx, ctx, Number(String(ev.entityId).split(':')[0]), ev.action),
  },
];
