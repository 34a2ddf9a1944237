/**
 * Attendance alerts (issue 6), run by the attendance.alerts job (attendance.jobs.ts). On a class day of a running
 * class:
 * - from the campaign's `daily.arrivalAlertTime` (default 09:30) until the class closes for the day, the enrolled
 *   children neither checked in nor reported absent raise one alert to the class head(s) and the unit admin
 *   (warning; one notification per class and run, naming the children) and a notice to each child's guardians;
 * - after the class's daily end, children checked in but not out raise a critical alert to the same people.
 * Each child-day is alerted once: attendance_days.arrival_alert_at / pickup_alert_at are stamped in the same
 * transaction (claimed with an UPDATE … WHERE … IS NULL, so two instances never alert twice).
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { timeInChina, todayInChina } from '../../../domain/calendar/dates.js';
import type { Db } from '../../db/client.js';
import { attendanceDays, campaigns, careClasses, classUnits } from '../../db/schema.js';
import { classHeadUserIds, dailyOf, enrolledChildren } from './attendance.repo.js';
import { classDaysOf } from './attendance.class-days.js';
import { guardianUserIds, notify } from '../notifications/notify.js';

export async function raiseAttendanceAlerts(db: Db, now: Date): Promise<{ arrival: number; pickup: number }> {
  const today = todayInChina(now);
  const hhmm = timeInChina(now);
  const running = await db
    .select({ c: careClasses, params: campaigns.params })
    .from(careClasses)
    .innerJoin(campaigns, eq(campaigns.id, careClasses.campaignId))
    .where(eq(careClasses.status, 'running'));
  let arrival = 0;
  let pickup = 0;
  for (const { c, params } of running) {
    if (!(await classDaysOf(db, c)).includes(today)) continue;
    const alertAt = dailyOf(params).arrivalAlertTime;
    // The arrival alert belongs to the open day: from its time until closing (an instance first running at 21:40
    // must not say "截至 09:30"); the pick-up alert only after closing.
    const closed = !!c.dailyEnd && hhmm >= c.dailyEnd;
    const dueArrival = hhmm >= alertAt && !closed;
    const duePickup = closed;
    if (!dueArrival && !duePickup) continue;
    await db.transaction(async (tx) => {
      const [owner] = await tx
        .select({ orgId: classUnits.orgId })
        .from(classUnits)
        .where(and(eq(classUnits.classId, c.id), eq(classUnits.isOwner, true)));
      const heads = (await classHeadUserIds(tx, [c.id])).get(c.id) ?? [];
      const staff = { userIds: heads, orgs: owner ? [{ orgId: owner.orgId, roles: ['unit_admin' as const] }] : [] };
      const kids = await enrolledChildren(tx, [c.id]);
      if (!kids.length) return;
      const nameOf = new Map(kids.map((k) => [k.childId, k.name]));
      if (dueArrival) {
        // Rows for every child, so the stamp has somewhere to go; existing rows are left as they are.
        await tx
          .insert(attendanceDays)
          .values(
            kids.map((k) => ({ classId: c.id, childId: k.childId, day: today, status: 'expected', updatedAt: now })),
          )
          .onConflictDoNothing();
        const claimed = await tx
          .update(attendanceDays)
          .set({ arrivalAlertAt: now })
          .where(
            and(
              eq(attendanceDays.classId, c.id),
              eq(attendanceDays.day, today),
              eq(attendanceDays.status, 'expected'),
              isNull(attendanceDays.arrivalAlertAt),
              inArray(
                attendanceDays.childId,
                kids.map((k) => k.childId),
              ),
            ),
          )
          .returning({ childId: attendanceDays.childId });
        if (claimed.length) {
          arrival += claimed.length;
          const names = claimed.map((r) => nameOf.get(r.childId) ?? '').join('、');
          await notify(
            tx,
            now,
            staff,
            {
              kind: 'attendance.arrival_missing',
              severity: 'warning',
              title: `${c.name}：${claimed.length} 名儿童未到班`,
              body: `截至 ${alertAt}，${names} 既未签到也未请假，请联系家长。`,
              link: `/classes/${c.id}/attendance`,
              data: { classId: c.id, day: today, childIds: claimed.map((r) => r.childId) },
            },
            `attendance.arrival_missing:${c.id}:${today}`,
          );
          for (const r of claimed) {
            const userIds = await guardianUserIds(tx, r.childId);
            if (!userIds.length) continue;
            await notify(
              tx,
              now,
              { userIds },
              {
                kind: 'attendance.arrival_missing',
                severity: 'warning',
                title: `${nameOf.get(r.childId) ?? ''} 今天尚未到班`,
                body: `${c.name} 截至 ${alertAt} 未收到 ${nameOf.get(r.childId) ?? ''} 的签到，也没有请假记录。如需请假，请在应用中登记。`,
                link: `/m/#/children/${r.childId}/attendance`,
                data: { classId: c.id, childId: r.childId, day: today },
              },
            );
          }
        }
      }
      if (duePickup) {
        const claimed = await tx
          .update(attendanceDays)
          .set({ pickupAlertAt: now })
          .where(
            and(
              eq(attendanceDays.classId, c.id),
              eq(attendanceDays.day, today),
              eq(attendanceDays.status, 'present'),
              sql`${attendanceDays.checkOutAt} IS NULL`,
              isNull(attendanceDays.pickupAlertAt),
            ),
          )
          .returning({ childId: attendanceDays.childId });
        if (claimed.length) {
          pickup += claimed.length;
          const names = claimed.map((r) => nameOf.get(r.childId) ?? '').join('、');
          await notify(
            tx,
            now,
            staff,
            {
              kind: 'attendance.not_picked_up',
              severity: 'critical',
              title: `${c.name}：${claimed.length} 名儿童放学后未被接走`,
              body: `已过 ${c.dailyEnd} 结束时间，${names} 仍未离班登记，请立即联系监护人。`,
              link: `/classes/${c.id}/attendance`,
              data: { classId: c.id, day: today, childIds: claimed.map((r) => r.childId) },
            },
            `attendance.not_picked_up:${c.id}:${today}`,
          );
        }
      }
    });
  }
  return { arrival, pickup };
}
