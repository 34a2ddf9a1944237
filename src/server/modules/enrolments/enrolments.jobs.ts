/**
 * The enrolments module's background jobs: offers not confirmed in time pass on (allocation.ts), and lotteries
 * whose window has closed are drawn (lottery.service.ts); the families' messages go to the outbox.
 */
import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { systemContext } from '../../context.js';
import { classEnrolment } from '../../db/schema.js';
import type { JobDefinition } from '../../jobs/job.js';
import { expireOffers } from './allocation.js';
import { drawLottery } from './lottery.service.js';

export const expireOffersJob: JobDefinition = {
  id: 'enrolment.expireOffers',
  description: { zh: '逾期未确认的录取名额顺延给候补', en: 'Offers not confirmed in time pass to the waiting list' },
  schedule: { kind: 'every', seconds: 60 },
  handler: async (db, now) => ({ expired: await expireOffers(db, systemContext(now)) }),
};

export const drawLotteriesJob: JobDefinition = {
  id: 'enrolment.drawLotteries',
  description: { zh: '报名截止的托管班摇号', en: 'Draw the lotteries whose application window has closed' },
  schedule: { kind: 'every', seconds: 60 },
  handler: async (db, now) => {
    const ctx = systemContext(now);
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
    const failed: string[] = [];
    // One class's failure does not stop the others; the run then fails with every class named, and is retried.
    for (const d of due) {
      try {
        await drawLottery(db, ctx, null, d.classId);
        drawn++;
      } catch (e) {
        failed.push(`class ${d.classId}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (failed.length) throw new Error(`${failed.length} lotteries not drawn (${drawn} drawn): ${failed.join('; ')}`);
    return { drawn };
  },
};
