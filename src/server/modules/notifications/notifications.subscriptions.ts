/**
 * Notices that follow a class through approval (issue 18): when a unit submits a class, the union above it (the
 * district or industry union that approves) hears of it; when that union approves or returns it, the unit's
 * administrators hear of it, a return with its reason. Written in the change's transaction, like every reaction.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { careClasses, organizations } from '../../db/schema.js';
import type { DomainEvent, Subscription } from '../../events/audit.js';
import type { RequestContext } from '../../context.js';
import { notify } from './notify.js';

/** The class's name, its owning unit and the unit's parent (the union that approves it). */
async function unitAndUnion(tx: Db, classId: number) {
  const [row] = await tx
    .select({ name: careClasses.name, orgId: careClasses.orgId, parentId: organizations.parentId })
    .from(careClasses)
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .where(eq(careClasses.id, classId));
  return row ?? null;
}

async function onClassStep(tx: Db, ctx: RequestContext, ev: DomainEvent): Promise<void> {
  const id = Number(ev.entityId);
  if (!Number.isInteger(id)) return;
  const c = await unitAndUnion(tx, id);
  if (!c) return;
  const link = `/classes/${id}`;
  if (ev.action === 'class.submit') {
    if (c.parentId === null) return;
    await notify(
      tx,
      ctx.now,
      { orgs: [{ orgId: c.parentId, roles: ['district_admin'] }] },
      {
        kind: 'class.submitted',
        title: '托管班待审批',
        body: `「${c.name}」已提交审批，请审核。`,
        link: `${link}?tab=rules`,
        data: { classId: id },
      },
    );
    return;
  }
  const reason = typeof ev.after?.comment === 'string' ? ev.after.comment.trim() : '';
  const approved = ev.action === 'class.approve';
  await notify(
    tx,
    ctx.now,
    { orgs: [{ orgId: c.orgId, roles: ['unit_admin'] }] },
    {
      kind: approved ? 'class.approved' : 'class.returned',
      severity: approved ? 'info' : 'warning',
      title: approved ? '托管班已获批准' : '托管班被退回',
      body: approved
        ? `「${c.name}」已获批准，可以开放报名。`
        : `「${c.name}」被退回，请按意见修改后重新提交。${reason ? `退回原因：${reason}` : ''}`,
      link,
      data: { classId: id, ...(reason ? { reason } : {}) },
    },
  );
}

export const notificationSubscriptions: readonly Subscription[] = [
  { entity: 'class', actions: ['class.submit', 'class.approve', 'class.return'], handle: onClassStep },
];
