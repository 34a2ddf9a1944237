/**
 * 推进会、现场会: the city schedules a meeting (an on-site one at a class), invites organisations, then records who
 * came and the minutes. One transaction per write, with its audit event; invitees are notified in-app.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { campaigns, meetingInvitees, organizations, supervisionMeetings } from '../../db/schema.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { inScope } from '../../auth/scope.js';
import { notify } from '../notifications/notify.js';
import { findVisibleClass } from '../classes/classes.repo.js';
import { meetingPolicy, SUPERVISORS } from './supervision.policy.js';
import { classNames, findVisibleMeeting, inviteesOf, type MeetingRecord } from './supervision.repo.js';
import type { createMeetingBody, MeetingDto, recordMeetingBody } from './supervision.schema.js';
import type { z } from 'zod';

export async function presentMeetings(
  db: Db,
  actor: Actor,
  rows: { m: MeetingRecord; orgPath: string }[],
): Promise<MeetingDto[]> {
  const ids = rows.map((r) => r.m.id);
  const [invitees, names] = await Promise.all([
    inviteesOf(db, ids),
    classNames(
      db,
      rows.map((r) => r.m.classId).filter((x): x is number => x !== null),
    ),
  ]);
  return rows.map(({ m, orgPath }) => ({
    id: m.id,
    campaignId: m.campaignId,
    kind: m.kind as MeetingDto['kind'],
    title: m.title,
    date: m.date,
    classId: m.classId,
    className: m.classId === null ? null : (names.get(m.classId) ?? null),
    place: m.place,
    minutes: m.minutes,
    invitees: invitees
      .filter((i) => i.meetingId === m.id)
      .map((i) => ({ orgId: i.orgId, name: i.name, attended: i.attended })),
    version: m.version,
    abilities: { manage: meetingPolicy.manage(actor, orgPath) },
  }));
}

export async function createMeeting(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: z.infer<typeof createMeetingBody>,
) {
  return db.transaction(async (tx) => {
    const [camp] = await tx
      .select({ id: campaigns.id, orgId: campaigns.orgId, path: organizations.path })
      .from(campaigns)
      .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
      .where(and(eq(campaigns.id, input.campaignId), inScope(organizations.path, actor, SUPERVISORS)));
    if (!camp) throw notFound();
    authorize(meetingPolicy.manage(actor, camp.path), true);
    if (input.kind === 'on_site' && !input.classId)
      throw invalid('现场会须选择举办的托管班', 'An on-site meeting is held at a class', 'body.classId');
    if (input.classId) {
      const c = await findVisibleClass(tx, actor, input.classId);
      if (!c || c.campaignId !== camp.id)
        throw invalid('托管班不属于该项目', 'The class is not of this campaign', 'body.classId');
    }
    const orgIds = [...new Set(input.inviteeOrgIds)];
    if (orgIds.length) {
      const found = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(inArray(organizations.id, orgIds), inScope(organizations.path, actor, ['city_admin'])));
      if (found.length !== orgIds.length)
        throw invalid('受邀组织不存在', 'An invited organisation does not exist', 'body.inviteeOrgIds');
    }
    const [m] = await tx
      .insert(supervisionMeetings)
      .values({
        campaignId: camp.id,
        orgId: camp.orgId,
        kind: input.kind,
        title: input.title,
        date: input.date,
        classId: input.classId ?? null,
        place: input.place || null,
        createdBy: actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!m) throw new AppError('INTERNAL');
    if (orgIds.length) await tx.insert(meetingInvitees).values(orgIds.map((orgId) => ({ meetingId: m.id, orgId })));
    await recordEvent(tx, ctx, {
      action: 'supervision.meeting_create',
      entity: 'supervision_meeting',
      entityId: m.id,
      orgPath: camp.path,
      after: { ...m, inviteeOrgIds: orgIds },
    });
    if (orgIds.length)
      await notify(
        tx,
        ctx.now,
        { orgs: orgIds.map((orgId) => ({ orgId, roles: ['district_admin', 'unit_admin'] })) },
        {
          kind: 'supervision.meeting_invite',
          title: input.kind === 'on_site' ? '现场会通知' : '推进会通知',
          body: `${input.date}「${input.title}」${input.place ? `，地点：${input.place}` : ''}。`,
          link: '/supervision/meetings',
          data: { meetingId: m.id },
        },
      );
    return m.id;
  });
}

export async function recordMeeting(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof recordMeetingBody>,
) {
  return db.transaction(async (tx) => {
    const row = await findVisibleMeeting(tx, actor, id);
    authorize(!!row && meetingPolicy.manage(actor, row.orgPath), !!row);
    if (!row) throw notFound();
    if (row.m.version !== input.version) throw new AppError('STALE_VERSION');
    const invited = (await inviteesOf(tx, [row.m.id])).map((i) => i.orgId);
    if (input.attendedOrgIds) {
      const stray = input.attendedOrgIds.filter((o) => !invited.includes(o));
      if (stray.length)
        throw invalid('出席组织须在受邀名单中', 'Attending organisations must be invited', 'body.attendedOrgIds');
      const came = new Set(input.attendedOrgIds);
      for (const orgId of invited)
        await tx
          .update(meetingInvitees)
          .set({ attended: came.has(orgId) })
          .where(and(eq(meetingInvitees.meetingId, row.m.id), eq(meetingInvitees.orgId, orgId)));
    }
    await tx
      .update(supervisionMeetings)
      .set({
        ...(input.minutes !== undefined ? { minutes: input.minutes || null } : {}),
        version: row.m.version + 1,
        updatedAt: ctx.now,
      })
      .where(eq(supervisionMeetings.id, row.m.id));
    await recordEvent(tx, ctx, {
      action: 'supervision.meeting_record',
      entity: 'supervision_meeting',
      entityId: row.m.id,
      orgPath: row.orgPath,
      before: { minutes: row.m.minutes },
      after: { minutes: input.minutes ?? row.m.minutes, attendedOrgIds: input.attendedOrgIds ?? null },
    });
    return row.m.id;
  });
}
