/**
 * Compliance (规则判定): the policy engine applied to stored classes. Evaluates a class's snapshot against its
 * campaign and stores the verdict (`rule_verdicts`, with the time it was computed) and the class's failing rules.
 * This module sits above classes, enrolments and attendance: it reads them through their public reads and is
 * told of their changes by domain events (compliance.subscriptions.ts), never called by them.
 */
import { eq } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { evaluateClass } from '../../../domain/rules/index.js';
import { systemContext, type RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { campaigns, careClasses, ruleVerdicts } from '../../db/schema.js';
import { withEffectiveCalendar } from '../calendar/calendar.repo.js';
import type { ClassRow } from '../classes/classes.repo.js';
import { buildSnapshot } from './compliance.snapshot.js';

export async function evaluateAndStore(tx: Db, ctx: RequestContext, c: ClassRow, trigger: string) {
  const [camp] = await tx.select({ params: campaigns.params }).from(campaigns).where(eq(campaigns.id, c.campaignId));
  if (!camp) return null;
  const asOf = todayInChina(ctx.now);
  const snapshot = await buildSnapshot(tx, c, asOf);
  // Working days count with the national calendar the city entered beneath the campaign's own overrides.
  const verdict = evaluateClass(snapshot, await withEffectiveCalendar(tx, camp.params), asOf);
  const failing = verdict.rules.filter((r) => r.status === 'fail').map((r) => r.id);
  await tx.insert(ruleVerdicts).values({
    classId: c.id,
    campaignId: c.campaignId,
    results: verdict.rules,
    failing,
    asOf,
    computedAt: ctx.now,
    trigger,
  });
  await tx.update(careClasses).set({ failingRules: failing, verdictAt: ctx.now }).where(eq(careClasses.id, c.id));
  return verdict;
}

/** Evaluates one class by id unless it is archived (its verdicts are history). */
export async function evaluateClassById(tx: Db, ctx: RequestContext, classId: number, trigger: string) {
  const [c] = await tx.select().from(careClasses).where(eq(careClasses.id, classId));
  if (c && c.status !== 'archived') await evaluateAndStore(tx, ctx, c, trigger);
}

/** Re-evaluates every running class with the day's attendance (the daily job); one transaction per class. */
export async function reevaluateRunning(db: Db, now: Date): Promise<number> {
  const ctx = systemContext(now);
  const running = await db.select().from(careClasses).where(eq(careClasses.status, 'running'));
  for (const c of running) await db.transaction((tx) => evaluateAndStore(tx, ctx, c, 'attendance.daily'));
  return running.length;
}
