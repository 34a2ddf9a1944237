/**
 * Corrections (更正): a new `correction` event with the corrected facts, the reason and the corrector; the original
 * events stay. The class head and unit admins correct within the campaign's window, the district (or the city)
 * any day. Audited; the compliance module re-evaluates the class on the `attendance.correct` event.
 */
import { eq } from 'drizzle-orm';
import { addDays, todayInChina } from '../../../domain/calendar/dates.js';
import type { Actor } from '../../auth/actor.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { attendanceEvents, pickupAdults } from '../../db/schema.js';
import { AppError, type Bilingual, forbidden, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { Lang } from '../../i18n/lang.js';
import { lockDays, reproject, serverClientId } from './attendance.days.js';
import { attendancePolicy } from './attendance.policy.js';
import { classDaysOf } from './attendance.class-days.js';
import {
  adultsOf,
  campaignOf,
  dailyOf,
  dayRowsOf,
  enrolledChildren,
  isClassHead,
  loadClassForRead,
} from './attendance.repo.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A 403 whose message names the reason (the correction window). */
class ForbiddenBecause extends AppError {
  constructor(private readonly why: Bilingual) {
    super('FORBIDDEN');
  }
  override messageIn(lang: Lang): string {
    return lang === 'en' ? this.why.en : this.why.zh;
  }
}

export interface CorrectionInput {
  childId: number;
  day: string;
  set: {
    status: 'present' | 'absent' | 'sick' | 'left';
    checkInAt?: string | null | undefined;
    checkOutAt?: string | null | undefined;
    pickupAdultId?: number | null | undefined;
  };
  reason: string;
}

export async function correctDay(db: Db, ctx: RequestContext, actor: Actor, classId: number, b: CorrectionInput) {
  const { row: c, units } = await loadClassForRead(db, actor, classId);
  const today = todayInChina(ctx.now);
  const camp = await campaignOf(db, c.campaignId);
  const windowDays = dailyOf(camp).correctionWindowDays;
  const verdict = attendancePolicy.correct(
    actor,
    units,
    await isClassHead(db, classId, actor.userId),
    b.day,
    today,
    windowDays,
  );
  if (verdict === 'no') throw forbidden();
  if (verdict === 'window')
    throw new ForbiddenBecause({
      zh: `只能更正 ${windowDays} 天内的出勤记录（${addDays(today, -windowDays)} 起）；更早的记录请区总工会更正。`,
      en: `Attendance can be corrected within ${windowDays} days (from ${addDays(today, -windowDays)}); older records are corrected by the district.`,
    });
  if (b.day > today) throw invalid('不能更正未来日期的出勤', 'A future day cannot be corrected');
  if (!(await classDaysOf(db, c)).includes(b.day))
    throw invalid(`${b.day} 不是本班的托管日`, `${b.day} is not a class day`);
  const kids = await enrolledChildren(db, [classId]);
  if (!kids.some((k) => k.childId === b.childId)) throw notFound();
  if (b.set.pickupAdultId) {
    const adults = (await adultsOf(db, [b.childId])).get(b.childId) ?? [];
    if (!adults.some((a) => a.id === b.set.pickupAdultId && a.allowed))
      throw invalid('接送人不是该孩子的授权接送人', 'The pickup adult is not authorised for this child');
  }
  return db.transaction(async (tx) => {
    const key = { classId, childId: b.childId, day: b.day };
    await lockDays(tx, [key]);
    const [before] = await dayRowsOf(tx, classId, [b.day], [b.childId]);
    const targetEventId = before?.checkOutEventId ?? before?.checkInEventId ?? null;
    const [ev] = await tx
      .insert(attendanceEvents)
      .values({
        clientId: serverClientId(),
        classId,
        childId: b.childId,
        day: b.day,
        kind: 'correction',
        occurredAt: ctx.now,
        receivedAt: ctx.now,
        actorId: actor.userId,
        actorName: actor.displayName,
        note: b.reason,
        targetEventId,
        data: b.set,
      })
      .returning();
    if (!ev) throw new AppError('INTERNAL');
    const p = (await reproject(tx, [key], ctx.now)).values().next().value;
    await recordEvent(tx, ctx, {
      action: 'attendance.correct',
      entity: 'attendance',
      entityId: `${classId}:${b.childId}:${b.day}`,
      orgPath: units.find((u) => u.isOwner)?.path ?? null,
      before: { status: before?.status ?? 'expected', checkInAt: before?.checkInAt, checkOutAt: before?.checkOutAt },
      after: { ...b.set, reason: b.reason, eventId: ev.id, targetEventId },
    });
    const row = p?.row;
    const adultName = row?.pickupAdultId
      ? ((
          await tx.select({ name: pickupAdults.name }).from(pickupAdults).where(eq(pickupAdults.id, row.pickupAdultId))
        )[0]?.name ?? null)
      : null;
    return {
      childId: b.childId,
      day: b.day,
      status: (row?.status ?? b.set.status) as 'present',
      checkInAt: iso(row?.checkInAt),
      checkOutAt: iso(row?.checkOutAt),
      pickedUpBy: adultName,
      corrected: true,
      eventId: ev.id,
    };
  });
}
