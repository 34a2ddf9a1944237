/**
 * Places (名额): every change to who holds a place runs under the class's row lock in `class_enrolment`
 * (SELECT … FOR UPDATE), so capacity holds with any number of app instances on one PostgreSQL. Offers that free
 * up go to the waitlist in order (priority group, lottery rank, time of application).
 */
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { decidePlace } from '../../../domain/enrolment/capacity.js';
import { isHoldingStatus } from '../../../domain/enrolment/statuses.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import {
  campaigns,
  careClasses,
  children,
  classEnrolment,
  enrolments,
  guardians,
  organizations,
  users,
} from '../../db/schema.js';
import { recordEvent } from '../../events/audit.js';
import { type NotificationInput, type NotifyResult, notify } from '../notifications/notify.js';

export type EnrolmentRow = typeof enrolments.$inferSelect;

/** Locks the class's counters (creating them on first use) and returns them with the class and campaign. */
export async function lockClass(tx: Db, classId: number) {
  const lock = () => tx.select().from(classEnrolment).where(eq(classEnrolment.classId, classId)).for('update');
  let [counters] = await lock();
  if (!counters) {
    await tx.insert(classEnrolment).values({ classId }).onConflictDoNothing();
    [counters] = await lock();
  }
  // The class with its campaign's parameters and its owner's path, in one round trip.
  const [row] = await tx
    .select({ cls: careClasses, params: campaigns.params, ownerPath: organizations.path })
    .from(careClasses)
    .innerJoin(campaigns, eq(campaigns.id, careClasses.campaignId))
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .where(eq(careClasses.id, classId));
  if (!counters || !row) throw new Error(`class ${classId} vanished`);
  return { counters, cls: row.cls, campaign: row.params, ownerPath: row.ownerPath };
}

export async function adjustCounters(tx: Db, classId: number, places: number, kindergarten: number) {
  await tx
    .update(classEnrolment)
    .set({
      placesTaken: sql`${classEnrolment.placesTaken} + ${places}`,
      kindergartenTaken: sql`${classEnrolment.kindergartenTaken} + ${kindergarten}`,
    })
    .where(eq(classEnrolment.classId, classId));
}

/**
 * Tells a family's guardians (inbox and phone): written into the outbox of this transaction and sent after commit,
 * so a slow or failing SMS provider never holds the class lock or rolls back the change.
 */
export async function notifyFamily(tx: Db, now: Date, familyId: number, n: NotificationInput): Promise<NotifyResult> {
  const rows = await tx
    .select({ userId: users.id, phone: users.phone })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(eq(guardians.familyId, familyId));
  return notify(
    tx,
    now,
    { userIds: rows.map((r) => r.userId), phones: rows.flatMap((r) => (r.phone ? [r.phone] : [])) },
    n,
  );
}

/** Offers free places to the waitlist, in order, while capacity and the kindergarten share allow. */
export async function promoteWaitlist(tx: Db, ctx: RequestContext, classId: number): Promise<number> {
  const { counters, cls, campaign } = await lockClass(tx, classId);
  const capacity = cls.capacity ?? 0;
  const waiting = await tx
    .select({ e: enrolments, grade: children.grade, childName: children.name })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(and(eq(enrolments.classId, classId), eq(enrolments.status, 'waitlisted')))
    .orderBy(
      asc(enrolments.priorityGroup),
      sql`${enrolments.lotteryRank} ASC NULLS LAST`,
      asc(enrolments.appliedAt),
      asc(enrolments.id),
    );
  let taken = counters.placesTaken;
  let kTaken = counters.kindergartenTaken;
  let offered = 0;
  const hours = campaign?.enrolment?.offerHours ?? counters.offerHours;
  for (const w of waiting) {
    const isK = w.grade === 'K';
    const d = decidePlace(
      { capacity, taken, kindergartenTaken: kTaken },
      isK,
      campaign.eligibility.kindergartenMaxShare,
    );
    if (d.kind !== 'place') {
      if (d.reason === 'full') break;
      continue; // a kindergarten child waits; a primary child behind them may still fit
    }
    const expires = new Date(ctx.now.getTime() + hours * 3_600_000);
    await tx
      .update(enrolments)
      .set({ status: 'offered', offeredAt: ctx.now, offerExpiresAt: expires, version: w.e.version + 1 })
      .where(eq(enrolments.id, w.e.id));
    taken++;
    if (isK) kTaken++;
    offered++;
    await recordEvent(tx, ctx, {
      action: 'enrolment.offer',
      entity: 'enrolment',
      entityId: w.e.id,
      after: { classId, childId: w.e.childId, status: 'offered', offerExpiresAt: expires.toISOString() },
    });
    await notifyFamily(tx, ctx.now, w.e.familyId, {
      kind: 'enrolment.offer',
      title: `${w.childName} 获得「${cls.name}」名额`,
      body: `请在 ${hours} 小时内确认，逾期名额将顺延给下一位。`,
      link: `/m/#/enrolments/${w.e.id}`,
      sms: `【爱心托管】${w.childName} 已获得「${cls.name}」的名额，请在 ${hours} 小时内登录确认，逾期名额将顺延给下一位。`,
    });
  }
  if (offered) await adjustCounters(tx, classId, taken - counters.placesTaken, kTaken - counters.kindergartenTaken);
  return offered;
}

/** Frees the place an enrolment held (if any) and offers it on. */
export async function releasePlace(tx: Db, ctx: RequestContext, e: EnrolmentRow, grade: string) {
  if (isHoldingStatus(e.status)) {
    await adjustCounters(tx, e.classId, -1, grade === 'K' ? -1 : 0);
    await promoteWaitlist(tx, ctx, e.classId);
  }
}

/**
 * Offers not confirmed in time pass on. Safe to run from every app instance at once: each offer is claimed with
 * SKIP LOCKED, and each class's counters are changed under its own lock.
 */
export async function expireOffers(db: Db, ctx: RequestContext): Promise<number> {
  let expired = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [due] = await tx
        .select({ e: enrolments, grade: children.grade })
        .from(enrolments)
        .innerJoin(children, eq(children.id, enrolments.childId))
        .where(and(eq(enrolments.status, 'offered'), lt(enrolments.offerExpiresAt, ctx.now)))
        .limit(1)
        .for('update', { of: enrolments, skipLocked: true });
      if (!due) return true;
      await lockClass(tx, due.e.classId);
      await tx
        .update(enrolments)
        .set({ status: 'expired', version: due.e.version + 1 })
        .where(eq(enrolments.id, due.e.id));
      await recordEvent(tx, ctx, {
        action: 'enrolment.expire',
        entity: 'enrolment',
        entityId: due.e.id,
        before: { status: 'offered' },
        after: { classId: due.e.classId, status: 'expired' },
      });
      await releasePlace(tx, ctx, due.e, due.grade);
      expired++;
      return false;
    });
    if (done) return expired;
  }
}
