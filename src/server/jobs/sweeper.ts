/**
 * Periodic work every app instance runs: offers not confirmed in time pass on, and lotteries whose window has
 * closed are drawn (the families' messages go to the outbox; the dispatcher sends them). Safe with several instances: offers are claimed with SKIP LOCKED and a class's draw happens
 * under its row lock (a second instance finds it drawn and moves on).
 */
import { and, isNotNull, isNull, lte, eq } from 'drizzle-orm';
import { systemContext } from '../context.js';
import type { Db } from '../db/client.js';
import { classEnrolment } from '../db/schema.js';
import { expireOffers } from '../modules/enrolments/allocation.js';
import { drawLottery } from '../modules/enrolments/lottery.service.js';

export async function sweepOnce(db: Db, now = new Date()): Promise<{ expired: number; drawn: number }> {
  const ctx = systemContext(now);
  const expired = await expireOffers(db, ctx);
  const due = await db
    .select({ classId: classEnrolment.classId })
    .from(classEnrolment)
    .where(
      and(
        eq(classEnrolment.allocation, 'lottery'),
        isNull(classEnrolment.lotteryDrawnAt),
        isNotNull(classEnrolment.windowClosesAt),
        lte(classEnrolment.windowClosesAt, now),
      ),
    );
  let drawn = 0;
  for (const d of due) {
    try {
      await drawLottery(db, ctx, null, d.classId);
      drawn++;
    } catch {
      // Drawn meanwhile by another instance, or not drawable: the next sweep sees the current state.
    }
  }
  return { expired, drawn };
}

export function startSweeper(db: Db, log: (msg: string, err?: unknown) => void, everyMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const r = await sweepOnce(db);
      if (r.expired || r.drawn) log(`sweeper: ${r.expired} offers expired, ${r.drawn} lotteries drawn`);
    } catch (e) {
      log('sweeper failed', e);
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
