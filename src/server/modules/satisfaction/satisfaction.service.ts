/**
 * The parents' satisfaction survey (#16): inviting a class's enrolled families (when the class closes — the
 * `class.close` event — and at its mid-point when the class asks for it; a daily job catches up on both), a
 * guardian answering once per enrolment and round, and the class's mid-point setting. Every write records a
 * domain event; an answer's event says that it was given, never what it said.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Round } from '../../../domain/satisfaction/indices.js';
import { authorize } from '../../auth/policy.js';
import type { Actor } from '../../auth/actor.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { pgErrorCode } from '../../db/rows.js';
import { careClasses, classUnits, enrolments, guardians, organizations } from '../../db/schema.js';
import { satisfactionAnswers, satisfactionInvitations, satisfactionSettings } from '../../db/tables/satisfaction.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { loadClass } from '../classes/classes.service.js';
import { notify } from '../notifications/notify.js';
import { satisfactionPolicy } from './satisfaction.policy.js';
import { familyInvitation } from './satisfaction.repo.js';
import type { AnswerInput } from './satisfaction.schema.js';

export const ALREADY_ANSWERED = {
  zh: '这份问卷已经提交过了：每个报名每轮只能提交一次，感谢您的反馈',
  en: 'This survey has already been answered: one answer per enrolment and round. Thank you',
};

async function ownerPathOf(tx: Db, classId: number): Promise<string | null> {
  const [o] = await tx
    .select({ path: organizations.path })
    .from(classUnits)
    .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
    .where(and(eq(classUnits.classId, classId), eq(classUnits.isOwner, true)));
  return o?.path ?? null;
}

/**
 * Sends one round of the survey to every family with an accepted place in the class (one invitation per
 * enrolment), with an inbox notice to the family's guardians. Idempotent: enrolments already invited in the round
 * are skipped. Returns how many invitations were written.
 */
export async function inviteClass(tx: Db, ctx: RequestContext, classId: number, round: Round): Promise<number> {
  const [c] = await tx
    .select({ id: careClasses.id, name: careClasses.name })
    .from(careClasses)
    .where(eq(careClasses.id, classId));
  if (!c) return 0;
  const due = await tx
    .select({ enrolmentId: enrolments.id, familyId: enrolments.familyId })
    .from(enrolments)
    .leftJoin(
      satisfactionInvitations,
      and(eq(satisfactionInvitations.enrolmentId, enrolments.id), eq(satisfactionInvitations.round, round)),
    )
    .where(and(eq(enrolments.classId, classId), eq(enrolments.status, 'accepted'), isNull(satisfactionInvitations.id)));
  if (due.length === 0) return 0;
  const rows = await tx
    .insert(satisfactionInvitations)
    .values(due.map((d) => ({ classId, enrolmentId: d.enrolmentId, familyId: d.familyId, round, createdAt: ctx.now })))
    .onConflictDoNothing()
    .returning({ id: satisfactionInvitations.id, familyId: satisfactionInvitations.familyId });
  if (rows.length === 0) return 0;
  const families = [...new Set(rows.map((r) => r.familyId))];
  const gs = await tx
    .select({ userId: guardians.userId, familyId: guardians.familyId })
    .from(guardians)
    .where(inArray(guardians.familyId, families));
  const mid = round === 'mid';
  for (const r of rows) {
    const userIds = gs.filter((g) => g.familyId === r.familyId).map((g) => g.userId);
    if (!userIds.length) continue;
    await notify(
      tx,
      ctx.now,
      { userIds },
      {
        kind: 'satisfaction.survey',
        title: mid ? '托管班期中满意度调查' : '托管班满意度调查',
        body: `「${c.name}」${mid ? '已过半' : '已结束'}，请花 1 分钟告诉我们孩子开不开心、您放不放心。`,
        link: `/m/#/satisfaction/${r.id}`,
        data: { invitationId: r.id, classId, round },
      },
      'satisfaction',
    );
  }
  await recordEvent(tx, ctx, {
    action: 'satisfaction.invite',
    entity: 'satisfaction',
    entityId: classId,
    orgPath: await ownerPathOf(tx, classId),
    after: { classId, round, invitations: rows.length },
  });
  return rows.length;
}

/** A guardian's answer: once per invitation (so per enrolment and round); the second answer is 409. */
export async function answerInvitation(db: Db, ctx: RequestContext, actor: Actor, id: number, input: AnswerInput) {
  return db.transaction(async (tx) => {
    const inv = await familyInvitation(tx, actor.userId, id);
    if (!inv) throw notFound();
    if (inv.answeredAt) throw conflict(ALREADY_ANSWERED.zh, ALREADY_ANSWERED.en);
    const meals = input.meals ?? null;
    if (inv.asksMeals && meals === null)
      throw invalid('请为“餐食”打分（1–5 分）', 'Please rate the meals (1–5)', 'body.meals');
    if (!inv.asksMeals && meals !== null)
      throw invalid(
        '该托管班不供餐，“餐食”一项无需填写',
        'This class serves no meals: leave the meals out',
        'body.meals',
      );
    try {
      await tx.insert(satisfactionAnswers).values({
        invitationId: inv.id,
        classId: inv.classId,
        enrolmentId: inv.enrolmentId,
        round: inv.round,
        overall: input.overall,
        safety: input.safety,
        care: input.care,
        activities: input.activities,
        meals,
        communication: input.communication,
        happy: input.happy,
        comment: input.comment ? input.comment : null,
        answeredAt: ctx.now,
      });
    } catch (e) {
      // Two submits at once: the unique index decides, the loser hears the same as a second submit.
      if (pgErrorCode(e) === '23505') throw conflict(ALREADY_ANSWERED.zh, ALREADY_ANSWERED.en);
      throw e;
    }
    await recordEvent(tx, ctx, {
      action: 'satisfaction.answer',
      entity: 'satisfaction',
      entityId: inv.id,
      orgPath: await ownerPathOf(tx, inv.classId),
      // That an answer was given, not what it said: the scores and remarks stay out of the log.
      after: { classId: inv.classId, round: inv.round },
    });
    return { ok: true as const, answeredAt: ctx.now.toISOString() };
  });
}

export async function midPointOf(db: Db, classId: number): Promise<boolean> {
  const [s] = await db.select().from(satisfactionSettings).where(eq(satisfactionSettings.classId, classId));
  return s?.midPoint ?? false;
}

/** The class's setting: also ask at the mid-point. The owning unit's administrators, until the class closes. */
export async function setMidPoint(db: Db, ctx: RequestContext, actor: Actor, classId: number, midPoint: boolean) {
  return db.transaction(async (tx) => {
    const { ref } = await loadClass(tx, actor, classId);
    if (!satisfactionPolicy.readClass(actor, ref)) throw notFound();
    authorize(satisfactionPolicy.configure(actor, ref), true);
    const before = await midPointOf(tx, classId);
    await tx
      .insert(satisfactionSettings)
      .values({ classId, midPoint, updatedBy: actor.userId, updatedAt: ctx.now })
      .onConflictDoUpdate({
        target: satisfactionSettings.classId,
        set: { midPoint, updatedBy: actor.userId, updatedAt: ctx.now },
      });
    await recordEvent(tx, ctx, {
      action: 'satisfaction.settings',
      entity: 'satisfaction',
      entityId: classId,
      orgPath: ref.units.find((u) => u.isOwner)?.path ?? null,
      before: { midPoint: before },
      after: { midPoint },
    });
    return midPoint;
  });
}
