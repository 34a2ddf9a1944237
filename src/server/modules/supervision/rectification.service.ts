/**
 * Rectification items (整改事项): the unit answers with what it did and its evidence, the inspector (or the district)
 * verifies and closes it or sends it back with a comment. Every step is a new `rectification_events` row (the table
 * refuses updates and deletes); the item's `status` is only where the history has got to. The item moves with a
 * compare-and-set on its status, so two people deciding at once cannot both succeed.
 */
import { and, eq } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { isOverdue } from '../../../domain/supervision/checklist.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { rectificationEvents, rectificationItems, users } from '../../db/schema.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { FileStore } from '../../storage/fileStore.js';
import { checkUpload, type ReceivedUpload } from '../../storage/upload.js';
import { filesOfOwner, type FileRow } from '../files/files.repo.js';
import { attachFile } from '../files/files.service.js';
import { notify } from '../notifications/notify.js';
import { itemAbilities, itemPolicy } from './supervision.policy.js';
import { findVisibleItem, type historyOf, type ItemRow } from './supervision.repo.js';
import type { ItemDto } from './supervision.schema.js';

export const ITEM_OWNER = 'rectification_item';

type HistoryRow = Awaited<ReturnType<typeof historyOf>>[number];

export function presentItem(actor: Actor, i: ItemRow, now: Date, history?: HistoryRow[]): ItemDto {
  return {
    id: i.id,
    visitId: i.visitId,
    campaignId: i.campaignId,
    classId: i.classId,
    className: i.className,
    orgId: i.orgId,
    orgName: i.orgName,
    itemKey: i.itemKey as ItemDto['itemKey'],
    severity: i.severity as ItemDto['severity'],
    description: i.description,
    deadline: i.deadline,
    status: i.status as ItemDto['status'],
    overdue: isOverdue(i, todayInChina(now)),
    closedAt: i.closedAt,
    createdAt: i.createdAt,
    ...(history
      ? {
          history: history.map((h) => ({
            id: h.id,
            kind: h.kind as 'response' | 'send_back' | 'close',
            text: h.text,
            fileIds: h.fileIds,
            actorName: h.actorName,
            at: h.at,
          })),
        }
      : {}),
    abilities: itemAbilities(actor, i),
  };
}

export async function loadItem(db: Db, actor: Actor, id: number): Promise<ItemRow> {
  const i = await findVisibleItem(db, actor, id);
  if (!i) throw notFound();
  return i;
}

async function actorName(tx: Db, actor: Actor): Promise<string> {
  const [u] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, actor.userId));
  return u?.name ?? actor.displayName;
}

/** Moves the item from `from` to `to` only if nobody moved it meanwhile. */
async function move(
  tx: Db,
  ctx: RequestContext,
  i: ItemRow,
  from: string,
  set: Partial<typeof rectificationItems.$inferInsert>,
) {
  const done = await tx
    .update(rectificationItems)
    .set({ ...set, version: i.version + 1, updatedAt: ctx.now })
    .where(and(eq(rectificationItems.id, i.id), eq(rectificationItems.status, from)))
    .returning({ id: rectificationItems.id });
  if (!done.length)
    throw conflict('该整改事项已被他人处理，请刷新', 'Someone else has just acted on this item; refresh');
}

export async function respondToItem(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { text: string; fileIds?: number[] | undefined },
): Promise<ItemRow> {
  return db.transaction(async (tx) => {
    const i = await findVisibleItem(tx, actor, id);
    authorize(!!i && itemPolicy.respond(actor, i), !!i);
    if (!i) throw notFound();
    const fileIds = [...new Set(input.fileIds ?? [])];
    if (fileIds.length) {
      const own = new Set((await filesOfOwner(tx, ITEM_OWNER, i.id)).map((f) => f.id));
      const foreign = fileIds.filter((f) => !own.has(f));
      if (foreign.length)
        throw invalid(
          `文件 ${foreign.join('、')} 不是本事项的整改材料`,
          `Files ${foreign.join(', ')} are not this item's`,
          'body.fileIds',
        );
    }
    await move(tx, ctx, i, 'open', { status: 'responded' });
    await tx.insert(rectificationEvents).values({
      itemId: i.id,
      kind: 'response',
      text: input.text,
      fileIds,
      actorId: actor.userId,
      actorName: await actorName(tx, actor),
      at: ctx.now,
    });
    await recordEvent(tx, ctx, {
      action: 'supervision.item_respond',
      entity: 'rectification_item',
      entityId: i.id,
      orgPath: i.orgPath,
      before: { status: i.status },
      after: { status: 'responded', text: input.text, fileIds },
    });
    return loadItem(tx, actor, i.id);
  });
}

export async function decideItem(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { decision: 'close' | 'send_back'; comment: string; deadline?: string | undefined },
): Promise<ItemRow> {
  return db.transaction(async (tx) => {
    const i = await findVisibleItem(tx, actor, id);
    authorize(!!i && itemPolicy.verify(actor, i), !!i);
    if (!i) throw notFound();
    const close = input.decision === 'close';
    if (!close && input.deadline && input.deadline < todayInChina(ctx.now))
      throw invalid('新的整改期限不能早于今天', 'The new deadline cannot be in the past', 'body.deadline');
    await move(
      tx,
      ctx,
      i,
      'responded',
      close
        ? { status: 'closed', closedAt: ctx.now }
        : { status: 'open', ...(input.deadline ? { deadline: input.deadline } : {}) },
    );
    await tx.insert(rectificationEvents).values({
      itemId: i.id,
      kind: close ? 'close' : 'send_back',
      text: input.comment,
      fileIds: [],
      actorId: actor.userId,
      actorName: await actorName(tx, actor),
      at: ctx.now,
    });
    await recordEvent(tx, ctx, {
      action: close ? 'supervision.item_close' : 'supervision.item_send_back',
      entity: 'rectification_item',
      entityId: i.id,
      orgPath: i.orgPath,
      before: { status: i.status, deadline: i.deadline },
      after: { status: close ? 'closed' : 'open', comment: input.comment, deadline: input.deadline ?? i.deadline },
    });
    if (!close)
      await notify(
        tx,
        ctx.now,
        { orgs: [{ orgId: i.orgId, roles: ['unit_admin'] }] },
        {
          kind: 'supervision.item_sent_back',
          severity: 'warning',
          title: '整改未通过，请继续整改',
          body: `托管班「${i.className}」的整改事项被退回：${input.comment}`,
          link: '/supervision/items',
          data: { itemId: i.id, classId: i.classId },
        },
      );
    return loadItem(tx, actor, i.id);
  });
}

/** Evidence for an item (photo, PDF, Office document), by those who may respond to it. */
export async function addItemFile(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  i: ItemRow,
  received: ReceivedUpload,
): Promise<FileRow> {
  const checked = checkUpload(received);
  return attachFile(
    db,
    store,
    ctx,
    { ownerType: ITEM_OWNER, ownerId: i.id, orgId: i.orgId, orgPath: i.orgPath },
    'evidence',
    checked,
  );
}
