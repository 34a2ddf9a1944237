/**
 * The one way any module tells people something (issue 6 notifications). Call `notify` inside the transaction of
 * the action that caused it: it writes in-app inbox rows for the recipients and outbox rows for the outbound
 * channels (group-robot webhooks of the organisations addressed, phone messages). Nothing is sent here: the
 * dispatcher (dispatcher.ts) delivers the outbox after commit, with retries, so a failing channel never blocks
 * or rolls back the action.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../../domain/people/roles.js';
import type { Db } from '../../db/client.js';
import {
  children,
  guardians,
  notificationChannels,
  notifications,
  outbox,
  roleGrants,
  users,
} from '../../db/schema.js';

export type Severity = 'info' | 'warning' | 'critical';

export interface NotificationInput {
  /** Machine kind, e.g. `attendance.arrival_missing`, `incident.serious`, `enrolment.offer`. */
  kind: string;
  severity?: Severity;
  /** Short title and body, in Chinese (the product's default language); shown as written. */
  title: string;
  body: string;
  /** Where in the console (`/classes/12`) or parent app (`/m/#/...`) the matter is. */
  link?: string | null;
  data?: Record<string, unknown> | null;
  /** The phone text when it should differ from `${title}：${body}` (e.g. the 【爱心托管】 signature of an SMS). */
  sms?: string;
}

export interface Recipients {
  /** People by user id (e.g. a child's guardians, a class head). */
  userIds?: number[];
  /**
   * People holding one of `roles` on exactly this organisation (e.g. the unit's unit_admin, the district's
   * district_admin). The organisation's active webhook channels also receive the message (subject to their filter).
   */
  orgs?: { orgId: number; roles: Role[] }[];
  /** Phone numbers that get a text message through the message sender. */
  phones?: string[];
}

export interface NotifyResult {
  inbox: number;
  outbox: number;
}

/** Writes inbox rows and outbox rows for one notification. Use the caller's transaction. */
export async function notify(
  tx: Db,
  now: Date,
  to: Recipients,
  n: NotificationInput,
  source?: string,
): Promise<NotifyResult> {
  const severity = n.severity ?? 'info';
  const userIds = new Set(to.userIds ?? []);
  const orgs = to.orgs ?? [];
  for (const o of orgs) {
    if (!o.roles.length) continue;
    const rows = await tx
      .select({ userId: roleGrants.userId })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(and(eq(roleGrants.orgId, o.orgId), inArray(roleGrants.role, o.roles), eq(users.active, true)));
    for (const r of rows) userIds.add(r.userId);
  }
  const ids = [...userIds];
  if (ids.length) await tx.insert(notifications).values(inboxRows(now, ids, n));
  const sends: (typeof outbox.$inferInsert)[] = [];
  const orgIds = [...new Set(orgs.map((o) => o.orgId))];
  if (orgIds.length) {
    const channels = await tx
      .select()
      .from(notificationChannels)
      .where(and(inArray(notificationChannels.orgId, orgIds), eq(notificationChannels.active, true)));
    for (const c of channels) {
      if (!channelWants(c.filter, n.kind, severity)) continue;
      sends.push({
        channel: 'webhook',
        channelId: c.id,
        target: c.url,
        payload: { kind: n.kind, severity, title: n.title, body: n.body, link: n.link ?? null, format: c.kind },
        nextAttemptAt: now,
        createdAt: now,
        source: source ?? n.kind,
      });
    }
  }
  for (const phone of new Set(to.phones ?? [])) {
    sends.push({
      channel: 'sms',
      target: phone,
      payload: { text: n.sms ?? `${n.title}：${n.body}` },
      nextAttemptAt: now,
      createdAt: now,
      source: source ?? n.kind,
    });
  }
  if (sends.length) await tx.insert(outbox).values(sends);
  return { inbox: ids.length, outbox: sends.length };
}

/**
 * The inbox rows of one notification for these people (one each, however often a person is named). Pure: `notify`
 * writes them, and a hot path that stores its change and its notices in one statement (the door's fast path)
 * builds them here, so a notice reads the same whichever way it was written.
 */
export function inboxRows(
  now: Date,
  userIds: Iterable<number>,
  n: NotificationInput,
): (typeof notifications.$inferInsert)[] {
  return [...new Set(userIds)].map((userId) => ({
    userId,
    kind: n.kind,
    severity: n.severity ?? 'info',
    title: n.title,
    body: n.body,
    link: n.link ?? null,
    data: n.data ?? null,
    createdAt: now,
  }));
}

/** Queues one phone message (verification codes and other texts that are not inbox notifications). */
export async function queueText(tx: Db, now: Date, phone: string, text: string, source: string): Promise<void> {
  await tx
    .insert(outbox)
    .values({ channel: 'sms', target: phone, payload: { text }, nextAttemptAt: now, createdAt: now, source });
}

const SEVERITY_ORDER: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/**
 * A channel's filter lists severities (`warning`, `critical`, `info`) and/or kinds or kind prefixes
 * (`incident.`, `attendance.pickup_refused`). Empty: warnings and above.
 */
export function channelWants(filter: string[], kind: string, severity: Severity): boolean {
  if (!filter.length) return SEVERITY_ORDER[severity] >= SEVERITY_ORDER.warning;
  return filter.some((f) =>
    f in SEVERITY_ORDER
      ? SEVERITY_ORDER[severity] >= SEVERITY_ORDER[f as Severity]
      : f.endsWith('.')
        ? kind.startsWith(f)
        : kind === f,
  );
}

/** Guardians' user ids for a child (for notices to parents). */
export async function guardianUserIds(tx: Db, childId: number): Promise<number[]> {
  const rows = await tx
    .select({ userId: guardians.userId })
    .from(children)
    .innerJoin(guardians, eq(guardians.familyId, children.familyId))
    .where(eq(children.id, childId));
  return rows.map((r) => r.userId);
}
