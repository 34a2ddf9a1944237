/**
 * Per-class enrolment settings and the verifiable lottery. Choosing `lottery` commits to a fresh seed at once
 * (its SHA-256 is published); after the window closes the draw ranks every application (src/domain/enrolment/
 * lottery.ts), offers the places in rank order and reveals the seed so anyone can re-run it.
 */
import { and, eq } from 'drizzle-orm';
import { decidePlace } from '../../../domain/enrolment/capacity.js';
import { commitSeed, draw, newSeed, type PublishedLottery } from '../../../domain/enrolment/lottery.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { children, classEnrolment, enrolments } from '../../db/schema.js';
import { conflict, invalid } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { loadClass } from '../classes/classes.service.js';
import { adjustCounters, lockClass, notifyFamily } from './allocation.js';
import { classEnrolmentPolicy, classEnrolmentRef } from './enrolments.policy.js';
import { enrolmentSettingsRow, familyAppliedTo, guardianOf } from './enrolments.repo.js';
import type { EnrolmentSettingsInput } from './enrolments.schema.js';

export type EnrolmentSettings = EnrolmentSettingsInput;

/** A class's enrolment settings and counters, for whoever sees the class (defaults before the first change). */
export async function enrolmentSettings(db: Db, actor: Actor, classId: number) {
  const { ref } = await loadClass(db, actor, classId);
  authorize(classEnrolmentPolicy.readQueue(actor, classEnrolmentRef(ref.units)), true);
  const c = await enrolmentSettingsRow(db, classId);
  return {
    allocation: (c?.allocation ?? 'fcfs') as 'fcfs' | 'lottery',
    windowOpensAt: c?.windowOpensAt ?? null,
    windowClosesAt: c?.windowClosesAt ?? null,
    openToAll: c?.openToAll ?? false,
    placesTaken: c?.placesTaken ?? 0,
    lotterySeedHash: c?.lotterySeedHash ?? null,
    lotteryDrawnAt: c?.lotteryDrawnAt ?? null,
  };
}

/** The lottery's publication, for a family that applied to the class and for whoever sees the class. */
export async function lotteryFor(db: Db, actor: Actor, classId: number) {
  const g = await guardianOf(db, actor.userId);
  const applied = g ? await familyAppliedTo(db, classId, g.familyId) : false;
  const c = applied ? null : classEnrolmentRef((await loadClass(db, actor, classId)).ref.units);
  authorize(classEnrolmentPolicy.readLottery(actor, c, applied), true);
  return publishedLottery(db, classId);
}

export async function configureEnrolment(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  classId: number,
  s: EnrolmentSettings,
) {
  return db.transaction(async (tx) => {
    const c = classEnrolmentRef((await loadClass(tx, actor, classId)).ref.units);
    authorize(classEnrolmentPolicy.configure(actor, c), true);
    const { counters } = await lockClass(tx, classId);
    if (counters.lotteryDrawnAt)
      throw conflict('已经摇号，不能再修改报名方式', 'The lottery has been drawn; settings are final');
    const existing = await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(eq(enrolments.classId, classId))
      .limit(1);
    if (existing.length > 0 && s.allocation !== counters.allocation)
      throw conflict('已有报名，不能更改分配方式', 'Applications exist; the allocation mode is fixed');
    if (s.allocation === 'lottery' && !(s.windowOpensAt && s.windowClosesAt)) {
      throw invalid('摇号须设置报名开始和截止时间', 'A lottery needs an application window');
    }
    if (s.windowOpensAt && s.windowClosesAt && s.windowOpensAt >= s.windowClosesAt)
      throw invalid('截止时间须晚于开始时间', 'The window must close after it opens');
    const seed = s.allocation === 'lottery' ? (counters.lotterySeed ?? newSeed()) : null;
    await tx
      .update(classEnrolment)
      .set({
        allocation: s.allocation,
        windowOpensAt: s.windowOpensAt ?? null,
        windowClosesAt: s.windowClosesAt ?? null,
        openToAll: s.openToAll ?? counters.openToAll,
        lotterySeed: seed,
        lotterySeedHash: seed ? commitSeed(seed) : null,
      })
      .where(eq(classEnrolment.classId, classId));
    await recordEvent(tx, ctx, {
      action: 'enrolment.settings',
      entity: 'class',
      entityId: classId,
      orgPath: c.ownerPath,
      after: { ...s, lotterySeedHash: seed ? commitSeed(seed) : null },
    });
  });
}

export async function drawLottery(db: Db, ctx: RequestContext, actor: Actor | null, classId: number) {
  return db.transaction(async (tx) => {
    // The drawLotteries job draws due lotteries without an actor.
    if (actor) {
      const c = classEnrolmentRef((await loadClass(tx, actor, classId)).ref.units);
      authorize(classEnrolmentPolicy.drawLottery(actor, c), true);
    }
    const { counters, cls, campaign } = await lockClass(tx, classId);
    if (counters.allocation !== 'lottery' || !counters.lotterySeed)
      throw invalid('本班不是摇号分配', 'This class is not allocated by lottery');
    if (counters.lotteryDrawnAt) throw conflict('已经摇过号', 'The lottery has already been drawn');
    if (!counters.windowClosesAt || ctx.now < counters.windowClosesAt)
      throw conflict('报名截止后才能摇号', 'The draw comes after the window closes');
    const apps = await tx
      .select({ e: enrolments, grade: children.grade })
      .from(enrolments)
      .innerJoin(children, eq(children.id, enrolments.childId))
      .where(and(eq(enrolments.classId, classId), eq(enrolments.status, 'applied')));
    const ranked = draw(
      counters.lotterySeed,
      apps.map((a) => ({ ref: String(a.e.id), priorityGroup: a.e.priorityGroup })),
    );
    const byId = new Map(apps.map((a) => [String(a.e.id), a]));
    let taken = counters.placesTaken;
    let kTaken = counters.kindergartenTaken;
    const hours = campaign.enrolment?.offerHours ?? counters.offerHours;
    for (const r of ranked) {
      const a = byId.get(r.ref);
      if (!a) continue;
      const isK = a.grade === 'K';
      const d = decidePlace(
        { capacity: cls.capacity ?? 0, taken, kindergartenTaken: kTaken },
        isK,
        campaign.eligibility.kindergartenMaxShare,
      );
      if (d.kind === 'place') {
        taken++;
        if (isK) kTaken++;
        await tx
          .update(enrolments)
          .set({
            status: 'offered',
            lotteryRank: r.rank,
            offeredAt: ctx.now,
            offerExpiresAt: new Date(ctx.now.getTime() + hours * 3_600_000),
          })
          .where(eq(enrolments.id, a.e.id));
      } else {
        await tx
          .update(enrolments)
          .set({ status: 'waitlisted', lotteryRank: r.rank, reason: d.reason })
          .where(eq(enrolments.id, a.e.id));
      }
    }
    await adjustCounters(tx, classId, taken - counters.placesTaken, kTaken - counters.kindergartenTaken);
    await tx.update(classEnrolment).set({ lotteryDrawnAt: ctx.now }).where(eq(classEnrolment.classId, classId));
    await recordEvent(tx, ctx, {
      action: 'enrolment.lottery_draw',
      entity: 'class',
      entityId: classId,
      after: {
        entries: ranked.length,
        offered: taken - counters.placesTaken,
        seed: counters.lotterySeed,
        seedHash: counters.lotterySeedHash,
      },
    });
    const outcome = await tx
      .select({
        id: enrolments.id,
        familyId: enrolments.familyId,
        status: enrolments.status,
        rank: enrolments.lotteryRank,
      })
      .from(enrolments)
      .where(eq(enrolments.classId, classId));
    for (const o of outcome) {
      if (o.status === 'offered') {
        await notifyFamily(tx, ctx.now, o.familyId, {
          kind: 'enrolment.lottery_won',
          title: `「${cls.name}」摇号结果：中签`,
          body: `您的孩子中签（第 ${o.rank} 位），请在 ${hours} 小时内确认名额。`,
          link: `/m/#/enrolments/${o.id}`,
          sms: `【爱心托管】「${cls.name}」摇号结果：您的孩子中签（第 ${o.rank} 位），请在 ${hours} 小时内登录确认名额。`,
        });
      } else if (o.status === 'waitlisted') {
        await notifyFamily(tx, ctx.now, o.familyId, {
          kind: 'enrolment.lottery_waitlisted',
          title: `「${cls.name}」摇号结果：候补`,
          body: `您的孩子在候补名单第 ${o.rank} 位，有名额空出时将按顺序通知。`,
          link: `/m/#/enrolments/${o.id}`,
          sms: `【爱心托管】「${cls.name}」摇号结果：您的孩子在候补名单第 ${o.rank} 位，有名额空出时将按顺序通知。`,
        });
      }
    }
    return ranked.length;
  });
}

/** What anyone who can see the class may check: the commitment, and after the draw the seed and every rank. */
export async function publishedLottery(
  db: Db,
  classId: number,
): Promise<Partial<PublishedLottery> & { drawnAt: Date | null }> {
  const [c] = await db.select().from(classEnrolment).where(eq(classEnrolment.classId, classId));
  if (!c?.lotterySeedHash) return { drawnAt: null };
  if (!c.lotteryDrawnAt) return { seedHash: c.lotterySeedHash, drawnAt: null };
  const rows = await db
    .select({ id: enrolments.id, priorityGroup: enrolments.priorityGroup, rank: enrolments.lotteryRank })
    .from(enrolments)
    .where(eq(enrolments.classId, classId));
  return {
    seedHash: c.lotterySeedHash,
    seed: c.lotterySeed ?? '',
    drawnAt: c.lotteryDrawnAt,
    entries: rows
      .filter((r) => r.rank !== null)
      .map((r) => ({ ref: String(r.id), priorityGroup: r.priorityGroup, rank: r.rank as number })),
  };
}
