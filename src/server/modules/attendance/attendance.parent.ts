/**
 * What guardians do: personal pickup codes for their authorised adults (sealed so they can be shown again, found
 * by a keyed hash; one active code per adult; audited), absences reported in advance (one `absence` event per
 * class day; idempotent), and their child's attendance. Unit admins may revoke a code too.
 */
import { classDaysOf } from './attendance.class-days.js';
import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { makePickupCode } from '../../../domain/attendance/pickup-code.js';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { HOLDING_STATUSES } from '../../../domain/enrolment/statuses.js';
import type { Actor } from '../../auth/actor.js';
import type { RequestContext } from '../../context.js';
import type { Sealer } from '../../crypto/secrets.js';
import type { Db } from '../../db/client.js';
import {
  attendanceDays,
  attendanceEvents,
  careClasses,
  children,
  classUnits,
  enrolments,
  organizations,
  pickupAdults,
  pickupCodes,
} from '../../db/schema.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { familyOf } from '../families/children.service.js';
import { attendancePolicy } from './attendance.policy.js';
import { lockDays, reproject, serverClientId } from './attendance.days.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function adultForGuardian(db: Db, actor: Actor, adultId: number) {
  const familyId = await familyOf(db, actor.userId);
  const [a] = await db
    .select({ adult: pickupAdults, familyId: children.familyId })
    .from(pickupAdults)
    .innerJoin(children, eq(children.id, pickupAdults.childId))
    .where(eq(pickupAdults.id, adultId));
  if (!a || familyId === null || a.familyId !== familyId) throw notFound();
  return a.adult;
}

async function activeCode(db: Db, adultId: number) {
  const [c] = await db
    .select()
    .from(pickupCodes)
    .where(and(eq(pickupCodes.pickupAdultId, adultId), isNull(pickupCodes.revokedAt)))
    .orderBy(desc(pickupCodes.id))
    .limit(1);
  return c;
}

export async function getCode(db: Db, sealer: Sealer, actor: Actor, adultId: number) {
  await adultForGuardian(db, actor, adultId);
  const c = await activeCode(db, adultId);
  return { code: c?.codeEnc ? sealer.open(c.codeEnc) : null, createdAt: iso(c?.createdAt) };
}

export async function issueCode(db: Db, sealer: Sealer, ctx: RequestContext, actor: Actor, adultId: number) {
  const adult = await adultForGuardian(db, actor, adultId);
  if (!adult.allowed || adult.revokedAt)
    throw conflict('只能为授权接送人生成接送码', 'Codes are only for authorised pickup adults');
  return db.transaction(async (tx) => {
    const old = await tx
      .update(pickupCodes)
      .set({ revokedAt: ctx.now, revokedBy: actor.userId })
      .where(and(eq(pickupCodes.pickupAdultId, adultId), isNull(pickupCodes.revokedAt)))
      .returning({ id: pickupCodes.id });
    const code = makePickupCode((n) => randomBytes(n));
    const [row] = await tx
      .insert(pickupCodes)
      .values({
        pickupAdultId: adultId,
        codeHash: sealer.hash(code),
        codeEnc: sealer.seal(code),
        createdBy: actor.userId,
        createdAt: ctx.now,
      })
      .returning();
    await recordEvent(tx, ctx, {
      action: 'pickup_code.issue',
      entity: 'pickup_adult',
      entityId: adultId,
      after: { childId: adult.childId, codeId: row?.id, revokedCodes: old.map((o) => o.id) },
    });
    return { code, createdAt: ctx.now.toISOString() };
  });
}

async function revoke(db: Db, ctx: RequestContext, actor: Actor, adultId: number, by: 'guardian' | 'admin') {
  await db.transaction(async (tx) => {
    const old = await tx
      .update(pickupCodes)
      .set({ revokedAt: ctx.now, revokedBy: actor.userId })
      .where(and(eq(pickupCodes.pickupAdultId, adultId), isNull(pickupCodes.revokedAt)))
      .returning({ id: pickupCodes.id });
    if (!old.length) return;
    await recordEvent(tx, ctx, {
      action: 'pickup_code.revoke',
      entity: 'pickup_adult',
      entityId: adultId,
      after: { by, revokedCodes: old.map((o) => o.id) },
    });
  });
}

export async function revokeCodeAsGuardian(db: Db, ctx: RequestContext, actor: Actor, adultId: number) {
  await adultForGuardian(db, actor, adultId);
  await revoke(db, ctx, actor, adultId, 'guardian');
}

/** Unit admins (and above) of a unit running a class the child holds or held a place in. */
export async function revokeCodeAsAdmin(db: Db, ctx: RequestContext, actor: Actor, adultId: number) {
  const [a] = await db.select().from(pickupAdults).where(eq(pickupAdults.id, adultId));
  if (!a) throw notFound();
  const paths = await db
    .selectDistinct({ path: organizations.path })
    .from(enrolments)
    .innerJoin(classUnits, eq(classUnits.classId, enrolments.classId))
    .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
    .where(and(eq(enrolments.childId, a.childId), inArray(enrolments.status, HOLDING_STATUSES)));
  if (
    !attendancePolicy.revokeCode(
      actor,
      paths.map((p) => p.path),
    )
  )
    throw notFound();
  await revoke(db, ctx, actor, adultId, 'admin');
}

// ---- absences -----------------------------------------------------------------------------------------------

async function childForGuardian(db: Db, actor: Actor, childId: number, classId: number) {
  const familyId = await familyOf(db, actor.userId);
  const [row] = await db
    .select({ child: children, cls: careClasses, status: enrolments.status })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .innerJoin(careClasses, eq(careClasses.id, enrolments.classId))
    .where(and(eq(enrolments.childId, childId), eq(enrolments.classId, classId)));
  if (!row || familyId === null || row.child.familyId !== familyId) throw notFound();
  if (row.status !== 'accepted') throw forbidden();
  return row;
}

function presentParentDay(day: string, r: typeof attendanceDays.$inferSelect | undefined, adults: Map<number, string>) {
  return {
    day,
    status: (r?.status ?? 'expected') as 'expected',
    checkInAt: iso(r?.checkInAt),
    checkOutAt: iso(r?.checkOutAt),
    pickedUpBy: r?.pickupAdultId ? (adults.get(r.pickupAdultId) ?? null) : null,
    absenceReason: r?.absenceReason ?? null,
  };
}

async function adultNames(db: Db, childId: number) {
  const rows = await db
    .select({ id: pickupAdults.id, name: pickupAdults.name })
    .from(pickupAdults)
    .where(eq(pickupAdults.childId, childId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function reportAbsence(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  childId: number,
  b: { classId: number; from: string; to: string; reason: 'sick' | 'personal'; note?: string | undefined },
) {
  const { cls } = await childForGuardian(db, actor, childId, b.classId);
  const today = todayInChina(ctx.now);
  if (b.from < today) throw invalid('只能提前请假（从今天起）', 'Absences are reported in advance (from today on)');
  const days = (await classDaysOf(db, cls)).filter((d) => d >= b.from && d <= b.to);
  if (!days.length) throw invalid('所选日期内没有托管日', 'There are no class days in the chosen dates');
  const want = b.reason === 'sick' ? 'sick' : 'absent';
  const rows = await db.transaction(async (tx) => {
    const keys = days.map((day) => ({ classId: cls.id, childId, day }));
    await lockDays(tx, keys);
    const current = await tx
      .select()
      .from(attendanceDays)
      .where(
        and(eq(attendanceDays.classId, cls.id), eq(attendanceDays.childId, childId), inArray(attendanceDays.day, days)),
      );
    const byDay = new Map(current.map((r) => [r.day, r]));
    const checkedIn = days.filter((d) => {
      const s = byDay.get(d)?.status;
      return s === 'present' || s === 'left';
    });
    if (checkedIn.length)
      throw conflict(
        `${checkedIn.join('、')} 已签到，不能再请假`,
        `Already checked in on ${checkedIn.join(', ')}; that day cannot be marked absent`,
      );
    // Idempotent: days already marked with this reason get no new event.
    const todo = days.filter((d) => byDay.get(d)?.status !== want);
    if (todo.length) {
      await tx.insert(attendanceEvents).values(
        todo.map((day) => ({
          clientId: serverClientId(),
          classId: cls.id,
          childId,
          day,
          kind: 'absence',
          occurredAt: ctx.now,
          receivedAt: ctx.now,
          actorId: actor.userId,
          actorName: actor.displayName,
          reason: b.reason,
          note: b.note ?? null,
        })),
      );
      await reproject(
        tx,
        todo.map((day) => ({ classId: cls.id, childId, day })),
        ctx.now,
      );
      await recordEvent(tx, ctx, {
        action: 'attendance.absence',
        entity: 'attendance',
        entityId: `${cls.id}:${childId}`,
        after: { classId: cls.id, childId, days: todo, reason: b.reason, note: b.note ?? null },
      });
    }
    return tx
      .select()
      .from(attendanceDays)
      .where(
        and(eq(attendanceDays.classId, cls.id), eq(attendanceDays.childId, childId), inArray(attendanceDays.day, days)),
      );
  });
  const names = await adultNames(db, childId);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return { days: days.map((d) => presentParentDay(d, byDay.get(d), names)) };
}

export async function cancelAbsence(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  childId: number,
  classId: number,
  day: string,
) {
  const { cls } = await childForGuardian(db, actor, childId, classId);
  await db.transaction(async (tx) => {
    await lockDays(tx, [{ classId: cls.id, childId, day }]);
    const [r] = await tx
      .select()
      .from(attendanceDays)
      .where(and(eq(attendanceDays.classId, cls.id), eq(attendanceDays.childId, childId), eq(attendanceDays.day, day)));
    if (!r || (r.status !== 'absent' && r.status !== 'sick') || r.absenceReason === null) return;
    await tx.insert(attendanceEvents).values({
      clientId: serverClientId(),
      classId: cls.id,
      childId,
      day,
      kind: 'absence_cancel',
      occurredAt: ctx.now,
      receivedAt: ctx.now,
      actorId: actor.userId,
      actorName: actor.displayName,
    });
    await reproject(tx, [{ classId: cls.id, childId, day }], ctx.now);
    await recordEvent(tx, ctx, {
      action: 'attendance.absence_cancel',
      entity: 'attendance',
      entityId: `${cls.id}:${childId}`,
      after: { classId: cls.id, childId, day },
    });
  });
}

export async function childAttendance(db: Db, actor: Actor, childId: number, classId: number) {
  const { cls } = await childForGuardian(db, actor, childId, classId);
  const rows = await db
    .select()
    .from(attendanceDays)
    .where(and(eq(attendanceDays.classId, cls.id), eq(attendanceDays.childId, childId)));
  const names = await adultNames(db, childId);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const days = [...new Set([...(await classDaysOf(db, cls)), ...rows.map((r) => r.day)])].sort();
  return {
    classId: cls.id,
    className: cls.name,
    days: days.map((d) => presentParentDay(d, byDay.get(d), names)),
  };
}
