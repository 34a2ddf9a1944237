/**
 * A public read of the attendance rate's parts for other modules (modules/stats: attendance.rate): per class, the
 * present and scheduled child-days up to a day, counted exactly as the rule scale.attendanceRate counts them —
 * the same children (`countedChildrenOfClasses`, the definition in src/domain/attendance/figures.ts), the same
 * computation (`computeAttendance`, src/domain/rules/attendance.ts) with the campaign's effective calendar and
 * sick-leave treatment. A class the rule cannot judge yet (not started, nothing scheduled) gives 0 ÷ 0.
 */
import { inArray } from 'drizzle-orm';
import type { Campaign } from '../../../domain/campaign/schema.js';
import { computeAttendance } from '../../../domain/rules/attendance.js';
import type { Db } from '../../db/client.js';
import { campaigns } from '../../db/schema.js';
import { withEffectiveCalendar } from '../calendar/calendar.repo.js';
import type { ClassRow } from '../classes/classes.repo.js';
import { countedChildrenOfClasses } from './attendance.figures.js';

export interface AttendanceTotals {
  presentChildDays: number;
  scheduledChildDays: number;
}

type ClassDates = Pick<ClassRow, 'id' | 'campaignId' | 'startDate' | 'endDate' | 'closedDates'>;

export async function attendanceTotals(
  db: Db,
  classes: readonly ClassDates[],
  asOf: string,
): Promise<Map<number, AttendanceTotals>> {
  const out = new Map<number, AttendanceTotals>();
  if (classes.length === 0) return out;
  const campaignIds = [...new Set(classes.map((c) => c.campaignId))];
  // Sequential: the caller may pass a transaction (one connection).
  const counted = await countedChildrenOfClasses(db, classes, asOf);
  const rows = await db
    .select({ id: campaigns.id, params: campaigns.params })
    .from(campaigns)
    .where(inArray(campaigns.id, campaignIds));
  const params = new Map<number, Campaign>();
  for (const r of rows) params.set(r.id, await withEffectiveCalendar(db, r.params));
  for (const c of classes) {
    const camp = params.get(c.campaignId);
    const a = camp
      ? computeAttendance(
          {
            startDate: c.startDate ?? undefined,
            endDate: c.endDate ?? undefined,
            closedDates: c.closedDates,
            children: (counted.get(c.id) ?? []).map((k) => ({
              presentDays: k.presentDays,
              sickLeaveDays: k.sickLeaveDays,
              ...(k.enrolledOn ? { enrolledOn: k.enrolledOn } : {}),
              ...(k.withdrawnOn ? { withdrawnOn: k.withdrawnOn } : {}),
            })),
          },
          camp,
          asOf,
        )
      : null;
    out.set(
      c.id,
      a?.ok
        ? { presentChildDays: a.figures.presentChildDays, scheduledChildDays: a.figures.scheduledChildDays }
        : { presentChildDays: 0, scheduledChildDays: 0 },
    );
  }
  return out;
}
