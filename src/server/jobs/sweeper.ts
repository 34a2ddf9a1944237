/**
 * Periodic work every app instance runs: offers not confirmed in time pass on, lotteries whose window has closed are
 * drawn (the families' messages go to the outbox; the dispatcher sends them), attendance alerts are raised (arrival
 * missing after the campaign's time, not picked up at closing), and once a day, after classes close, the running
 * classes are re-evaluated with the day's attendance. Safe with several instances: offers are claimed with SKIP
 * LOCKED, a class's draw happens under its row lock, alerts are claimed per child-day, and the daily re-evaluation is
 * claimed through one settings row.
 */
import { and, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { timeInChina, todayInChina } from '../../domain/calendar/dates.js';
import { systemContext } from '../context.js';
import type { Db } from '../db/client.js';
import { classEnrolment } from '../db/schema.js';
import { expireOffers } from '../modules/enrolments/allocation.js';
import { drawLottery } from '../modules/enrolments/lottery.service.js';
import { reevaluateAttendance } from '../modules/attendance/attendance.engine.js';
import { raiseAttendanceAlerts } from './attendance-alerts.js';

/** After this hour (China time) the day's attendance is complete enough to re-evaluate the running classes. */
const REEVALUATE_AFTER_HOUR = 20;

/** True for exactly one caller per China date (an atomic upsert on one settings row). */
async function claimDailyReevaluation(db: Db, now: Date): Promise<boolean> {
  const today = todayInChina(now);
  const rows = await db.execute(sql`INSERT INTO settings (key, value, updated_at)
    VALUES ('attendance.reevaluatedDay', ${JSON.stringify(today)}::jsonb, ${now.toISOString()}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
      WHERE settings.value <> EXCLUDED.value
    RETURNING key`);
  return ((rows as unknown as { rows: unknown[] }).rows ?? []).length > 0;
}

export async function sweepOnce(
  db: Db,
  now = new Date(),
): Promise<{ expired: number; drawn: number; arrivalAlerts: number; pickupAlerts: number; reevaluated: number }> {
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
  const alerts = await raiseAttendanceAlerts(db, now);
  const reevaluated =
    Number(timeInChina(now).slice(0, 2)) >= REEVALUATE_AFTER_HOUR && (await claimDailyReevaluation(db, now))
      ? await reevaluateAttendance(db, now)
      : 0;
  return { expired, drawn, arrivalAlerts: alerts.arrival, pickupAlerts: alerts.pickup, reevaluated };
}

export function startSweeper(db: Db, log: (msg: string, err?: unknown) => void, everyMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const r = await sweepOnce(db);
      if (r.expired || r.drawn || r.arrivalAlerts || r.pickupAlerts || r.reevaluated)
        log(
          `sweeper: ${r.expired} offers expired, ${r.drawn} lotteries drawn, ${r.arrivalAlerts + r.pickupAlerts} attendance alerts, ${r.reevaluated} classes re-evaluated`,
        );
    } catch (e) {
      log('sweeper failed', e);
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
