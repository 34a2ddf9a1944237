/**
 * Reminders before a reporting deadline and overdue notices after it (issue 14): 3 days and 1 day before the due
 * date (China time) the organisations that have not submitted are reminded (their unit_admin / district_admin, and
 * their group robots through notify); once the due date has passed the level they report to gets one overdue notice
 * per organisation. Each goes out once: the report_reminders row (unique per campaign, organisation, report and
 * kind) is inserted ON CONFLICT DO NOTHING in the same transaction as the notice, so two instances or two runs never
 * send it twice, and a failed notice leaves no row (the next run tries again).
 */
import { daysBetween, todayInChina } from '../../../domain/calendar/dates.js';
import type { Db } from '../../db/client.js';
import { reportReminders } from '../../db/schema.js';
import { notify } from '../notifications/notify.js';
import { reportingWorld, type Slot } from './reports.expected.js';
import { activeCampaignIds } from './reports.repo.js';
import { deciderRolesOf, editorRolesOf } from './reports.service.js';

export type ReminderKind = 'due_in_3' | 'due_in_1' | 'overdue';

/** Overdue notices stop this many days after the due date (a first run must not flood the inbox with old news). */
export const OVERDUE_WINDOW_DAYS = 14;

/** Which reminder is due for a report not yet submitted, `daysLeft` = due date − today (China dates). */
export function reminderFor(daysLeft: number): ReminderKind | null {
  if (daysLeft === 3 || daysLeft === 2) return 'due_in_3';
  if (daysLeft === 1 || daysLeft === 0) return 'due_in_1';
  if (daysLeft < 0 && daysLeft >= -OVERDUE_WINDOW_DAYS) return 'overdue';
  return null;
}

async function sendOnce(
  db: Db,
  now: Date,
  campaignId: number,
  s: Slot,
  kind: ReminderKind,
  daysLeft: number,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(reportReminders)
      .values({ campaignId, orgId: s.org.id, type: s.period.type, period: s.period.period, kind, sentAt: now })
      .onConflictDoNothing()
      .returning({ id: reportReminders.id });
    if (claimed.length === 0) return false;
    const link = s.report ? `/reports/${s.report.id}` : '/reports';
    const data = { campaignId, orgId: s.org.id, type: s.period.type, period: s.period.period };
    if (kind === 'overdue') {
      if (s.org.parentId === null) return true;
      await notify(
        tx,
        now,
        { orgs: [{ orgId: s.org.parentId, roles: deciderRolesOf(s.org.parentKind) }] },
        {
          kind: 'report.overdue',
          severity: 'warning',
          title: `逾期未报：${s.org.name}`,
          body: `${s.org.name}的「${s.period.title}」已过报送截止日期（${s.period.dueDate}），尚未报送，请督促。`,
          link,
          data,
        },
        'reports.reminders',
      );
    } else {
      await notify(
        tx,
        now,
        { orgs: [{ orgId: s.org.id, roles: editorRolesOf(s.org.kind) }] },
        {
          kind: 'report.due',
          severity: kind === 'due_in_1' ? 'warning' : 'info',
          title: `报送提醒：${s.period.title}`,
          body: `「${s.period.title}」将于 ${s.period.dueDate} 截止（${daysLeft === 0 ? '今天截止' : `还有 ${daysLeft} 天`}），${s.org.name}尚未报送。`,
          link,
          data,
        },
        'reports.reminders',
      );
    }
    return true;
  });
}

export async function sendReportReminders(db: Db, now: Date): Promise<Record<ReminderKind, number>> {
  const sent: Record<ReminderKind, number> = { due_in_3: 0, due_in_1: 0, overdue: 0 };
  const today = todayInChina(now);
  for (const campaignId of await activeCampaignIds(db)) {
    const world = await reportingWorld(db, campaignId, null, now);
    if (!world) continue;
    for (const s of world.slots) {
      if (s.report?.firstSubmittedAt) continue;
      const daysLeft = daysBetween(today, s.period.dueDate);
      const kind = reminderFor(daysLeft);
      if (kind && (await sendOnce(db, now, campaignId, s, kind, daysLeft))) sent[kind]++;
    }
  }
  return sent;
}
