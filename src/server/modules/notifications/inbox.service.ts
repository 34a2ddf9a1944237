/** The in-app inbox (站内消息): every signed-in person reads and marks only their own rows. */
import { and, count, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notifications } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { InboxItemDto } from './notifications.schema.js';

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return r?.n ?? 0;
}

export async function listInbox(
  db: Db,
  userId: number,
  q: { unreadOnly: boolean; cursor?: number | undefined; limit: number },
): Promise<{ items: InboxItemDto[]; nextCursor: number | null; unread: number }> {
  const conds: SQL[] = [eq(notifications.userId, userId)];
  if (q.unreadOnly) conds.push(isNull(notifications.readAt));
  if (q.cursor) conds.push(lt(notifications.id, q.cursor));
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      severity: notifications.severity,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(and(...conds))
    .orderBy(desc(notifications.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({ ...r, severity: r.severity as InboxItemDto['severity'] })),
    nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
    unread: await unreadCount(db, userId),
  };
}

/** Marks one of the person's own rows read; another person's row is "not found". Idempotent. */
export async function markRead(db: Db, userId: number, id: number, now: Date): Promise<InboxItemDto> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!row) throw notFound();
  const readAt = row.readAt ?? now;
  if (!row.readAt) await db.update(notifications).set({ readAt }).where(eq(notifications.id, id));
  return {
    id: row.id,
    kind: row.kind,
    severity: row.severity as InboxItemDto['severity'],
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.createdAt,
    readAt,
  };
}

export async function markAllRead(db: Db, userId: number, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
