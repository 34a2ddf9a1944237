/**
 * Escalating rectification items that wait for their unit (`escalationsDue` in src/domain/supervision): the unit a
 * day before the deadline, the district once overdue, the city when the item is high severity or more than seven
 * days late. Each notice goes out once: `rectification_escalations` is unique per item and kind, and the notice is
 * written in the same transaction as its key, so two instances running the job cannot both send it.
 */
import { sql } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import {
  CHECK_LABELS,
  type CheckItem,
  escalationsDue,
  type EscalationKind,
  type Severity,
} from '../../../domain/supervision/checklist.js';
import type { Db } from '../../db/client.js';
import { rectificationEscalations } from '../../db/schema.js';
import { notify, type Recipients } from '../notifications/notify.js';
import { type ItemRow, unsafeOpenItems } from './supervision.repo.js';

const SEVERITY_ZH: Record<Severity, string> = { low: '一般', medium: '较重', high: '严重' };

/** Organisation ids on a path `/city/district/…/unit/`. */
const levels = (path: string) => path.split('/').filter(Boolean).map(Number);

function recipientsOf(kind: EscalationKind, i: ItemRow): Recipients | null {
  const [city, district] = levels(i.orgPath);
  if (kind === 'due_soon') return { orgs: [{ orgId: i.orgId, roles: ['unit_admin'] }] };
  if (kind === 'overdue_district')
    return district
      ? {
          orgs: [
            { orgId: district, roles: ['district_admin'] },
            { orgId: i.orgId, roles: ['unit_admin'] },
          ],
        }
      : null;
  return city ? { orgs: [{ orgId: city, roles: ['city_admin'] }] } : null;
}

function message(kind: EscalationKind, i: ItemRow) {
  const what = `托管班「${i.className}」（${i.orgName}）的整改事项「${CHECK_LABELS[i.itemKey as CheckItem]?.zh ?? i.itemKey}」（${SEVERITY_ZH[i.severity as Severity] ?? i.severity}）`;
  if (kind === 'due_soon')
    return {
      title: '整改即将到期',
      body: `${what}将于 ${i.deadline} 到期，请尽快整改并提交整改材料。`,
      severity: 'warning' as const,
    };
  return {
    title: kind === 'overdue_city' ? '整改逾期（报市总）' : '整改逾期',
    body: `${what}已于 ${i.deadline} 到期仍未整改，请督促落实。`,
    severity: 'critical' as const,
  };
}

export async function escalateItems(db: Db, now: Date): Promise<{ sent: number }> {
  const today = todayInChina(now);
  let sent = 0;
  for (const i of await unsafeOpenItems(db)) {
    const due = escalationsDue({ status: i.status, severity: i.severity as Severity, deadline: i.deadline }, today);
    for (const kind of due) {
      const to = recipientsOf(kind, i);
      if (!to) continue;
      await db.transaction(async (tx) => {
        const claimed = await tx
          .insert(rectificationEscalations)
          .values({ itemId: i.id, kind, sentAt: now })
          .onConflictDoNothing()
          .returning({ id: rectificationEscalations.id });
        if (!claimed.length) return;
        const m = message(kind, i);
        await notify(tx, now, to, {
          kind: `supervision.${kind}`,
          severity: m.severity,
          title: m.title,
          body: m.body,
          link: '/supervision/items',
          data: { itemId: i.id, classId: i.classId },
        });
        sent++;
      });
    }
  }
  return { sent };
}

/** For tests and the jobs page: how many escalations an item has had. */
export async function unsafeEscalationsOf(db: Db, itemId: number) {
  return db.select().from(rectificationEscalations).where(sql`${rectificationEscalations.itemId} = ${itemId}`);
}
