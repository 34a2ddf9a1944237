/**
 * The applicant's side (no account): a person reads a call on the public site, asks for a code to their phone (the
 * families module's phone-code mechanism, purpose `volunteer_apply`) and sends the form with it. One application
 * per phone per call; each is audited (actor: nobody, the phone masked in the log).
 */
import { and, eq } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { maskPhone } from '../../../domain/people/mask.js';
import { callTakesApplications, kindFits, KIND_LABELS, type CallKind } from '../../../domain/volunteers/index.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { organizations } from '../../db/schema.js';
import { volunteerApplications, volunteerCalls } from '../../db/tables/volunteers.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { MessageSender } from '../../messaging/sender.js';
import { consumePurposeCode, sendPurposeCode } from '../families/phone-codes.js';
import type { PublicApplyInput } from './volunteers.schema.js';

export const APPLY_CODE_PURPOSE = 'volunteer_apply';

async function openCall(db: Db, ctx: RequestContext, id: number) {
  const [row] = await db
    .select({ call: volunteerCalls, orgPath: organizations.path })
    .from(volunteerCalls)
    .innerJoin(organizations, eq(organizations.id, volunteerCalls.orgId))
    .where(eq(volunteerCalls.id, id));
  if (!row) throw notFound();
  if (!callTakesApplications({ status: row.call.status as 'open', endDate: row.call.endDate }, todayInChina(ctx.now)))
    throw conflict('本次招募已结束，不再接受报名', 'This call has closed');
  return row;
}

export async function sendApplyCode(
  db: Db,
  sender: MessageSender,
  ctx: RequestContext,
  callId: number,
  phone: string,
): Promise<{ expiresInSeconds: number; phone: string }> {
  const { call } = await openCall(db, ctx, callId);
  const expiresInSeconds = await sendPurposeCode(db, sender, ctx, {
    key: phone,
    purpose: APPLY_CODE_PURPOSE,
    phone,
    text: (code) =>
      `【爱心托管】您正在报名志愿服务“${call.title}”，验证码 ${code}，10 分钟内有效。如非本人操作请忽略。`,
  });
  return { expiresInSeconds, phone: maskPhone(phone) ?? '' };
}

export async function submitApplication(
  db: Db,
  ctx: RequestContext,
  callId: number,
  input: PublicApplyInput,
): Promise<{ id: number }> {
  const { call, orgPath } = await openCall(db, ctx, callId);
  if (!/^\d{6}$/.test(input.code)) throw invalid('验证码须为 6 位数字', 'The code is 6 digits', 'body.code');
  const wanted = call.volunteerKind as CallKind;
  if (!kindFits(wanted, input.kind))
    throw invalid(`本次招募面向${KIND_LABELS[wanted].zh}`, `This call is for ${KIND_LABELS[wanted].en}`, 'body.kind');
  if (input.kind === 'employee' && !input.employer)
    throw invalid('职工志愿者须填写工作单位', 'Employee volunteers name their employer', 'body.employer');
  const [dup] = await db
    .select({ id: volunteerApplications.id })
    .from(volunteerApplications)
    .where(and(eq(volunteerApplications.callId, call.id), eq(volunteerApplications.phone, input.phone)));
  if (dup) throw conflict('该手机号已报名本次招募，请等待单位联系', 'This phone has already applied to this call');
  // Spent outside the transaction: a wrong code counts even though nothing else is written.
  await consumePurposeCode(db, ctx, { key: input.phone, purpose: APPLY_CODE_PURPOSE, code: input.code });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(volunteerApplications)
      .values({
        callId: call.id,
        name: input.name,
        phone: input.phone,
        kind: input.kind,
        employer: input.employer ?? null,
        skills: input.skills,
        availability: input.availability,
        note: input.note ?? null,
        status: 'pending',
        createdAt: ctx.now,
      })
      .onConflictDoNothing()
      .returning({ id: volunteerApplications.id });
    if (!row) throw conflict('该手机号已报名本次招募，请等待单位联系', 'This phone has already applied to this call');
    await recordEvent(tx, ctx, {
      action: 'volunteer_application.submit',
      entity: 'volunteer_application',
      entityId: row.id,
      orgPath,
      after: { callId: call.id, name: input.name, phone: input.phone, kind: input.kind, skills: input.skills },
    });
    return row;
  });
}
