/**
 * Staff at the door (到岗签到/离岗签退) and the hours volunteers served. The door recorded only children; a
 * person on a class's roster, linked to their account, now checks themselves in and out of that class (the smallest
 * addition: one append-only table, `staff_door_events`). Hours are counted from those marks only (servedDays), so
 * a record of hours is the door's evidence, not a number anyone typed.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { todayInChina, timeInChina } from '../../../domain/calendar/dates.js';
import { servedDays, summariseHours, type ServedDay } from '../../../domain/volunteers/index.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses, classStaff, organizations } from '../../db/schema.js';
import { staffDoorEvents } from '../../db/tables/volunteers.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { renderPdf } from '../../documents/pdf.js';
import { findVisibleClass } from '../classes/classes.repo.js';
import { volunteerPolicy } from './volunteers.policy.js';
import { headedClassIds } from './volunteers.repo.js';

/** A class's door is worked while it is open for enrolment or running. */
const DOOR_STATUSES = ['open', 'running'];
const STAFF_ROLE_ZH: Record<string, string> = {
  head: '负责人',
  safety: '安全员',
  teacher: '老师',
  union_staff: '工会工作人员',
  employee_volunteer: '职工志愿者',
  social_volunteer: '社会志愿者',
  provider_staff: '服务机构人员',
};

async function myRoster(db: Db, userId: number) {
  return db
    .select({
      staffId: classStaff.id,
      classId: classStaff.classId,
      role: classStaff.role,
      className: careClasses.name,
      status: careClasses.status,
    })
    .from(classStaff)
    .innerJoin(careClasses, eq(careClasses.id, classStaff.classId))
    .where(and(eq(classStaff.userId, userId), eq(classStaff.active, true)))
    .orderBy(asc(classStaff.classId));
}

export async function myDoorClasses(db: Db, actor: Actor, now: Date) {
  const roster = (await myRoster(db, actor.userId)).filter((r) => DOOR_STATUSES.includes(r.status));
  const today = todayInChina(now);
  const marks =
    roster.length === 0
      ? []
      : await db
          .select({ classId: staffDoorEvents.classId, kind: staffDoorEvents.kind, at: staffDoorEvents.occurredAt })
          .from(staffDoorEvents)
          .where(
            and(
              eq(staffDoorEvents.userId, actor.userId),
              eq(staffDoorEvents.day, today),
              inArray(
                staffDoorEvents.classId,
                roster.map((r) => r.classId),
              ),
            ),
          )
          .orderBy(desc(staffDoorEvents.occurredAt), desc(staffDoorEvents.id));
  return roster.map((r) => {
    const last = marks.find((m) => m.classId === r.classId);
    return {
      classId: r.classId,
      className: r.className,
      role: r.role,
      lastToday: last ? { kind: last.kind as 'in' | 'out', at: last.at } : null,
    };
  });
}

/** The signed-in person checks themselves in or out of a class on whose roster they stand. */
export async function checkSelf(db: Db, ctx: RequestContext, actor: Actor, classId: number, kind: 'in' | 'out') {
  return db.transaction(async (tx) => {
    const [mine] = (await myRoster(tx, actor.userId)).filter((r) => r.classId === classId);
    if (!mine) throw notFound();
    if (!DOOR_STATUSES.includes(mine.status))
      throw conflict('托管班未在运行，不能签到签退', 'The class is not running; no check-in or check-out');
    const day = todayInChina(ctx.now);
    const [last] = await tx
      .select({ kind: staffDoorEvents.kind })
      .from(staffDoorEvents)
      .where(
        and(
          eq(staffDoorEvents.userId, actor.userId),
          eq(staffDoorEvents.classId, classId),
          eq(staffDoorEvents.day, day),
        ),
      )
      .orderBy(desc(staffDoorEvents.occurredAt), desc(staffDoorEvents.id))
      .limit(1);
    if (kind === 'in' && last?.kind === 'in') throw conflict('今天已签到，离开时请签退', 'Already checked in today');
    if (kind === 'out' && last?.kind !== 'in') throw conflict('尚未签到，不能签退', 'Not checked in');
    const [row] = await tx
      .insert(staffDoorEvents)
      .values({
        classId,
        classStaffId: mine.staffId,
        userId: actor.userId,
        day,
        kind,
        occurredAt: ctx.now,
        createdAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    const [org] = await tx
      .select({ path: organizations.path })
      .from(careClasses)
      .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
      .where(eq(careClasses.id, classId));
    await recordEvent(tx, ctx, {
      action: kind === 'in' ? 'staff_door.check_in' : 'staff_door.check_out',
      entity: 'class',
      entityId: classId,
      orgPath: org?.path ?? null,
      after: { classStaffId: mine.staffId, day, at: ctx.now.toISOString() },
    });
    return { kind, at: row.occurredAt };
  });
}

type NamedDay = ServedDay & { className: string };

async function daysOf(db: Db, where: ReturnType<typeof eq>): Promise<NamedDay[]> {
  const rows = await db
    .select({
      classId: staffDoorEvents.classId,
      classStaffId: staffDoorEvents.classStaffId,
      day: staffDoorEvents.day,
      kind: staffDoorEvents.kind,
      at: staffDoorEvents.occurredAt,
      className: careClasses.name,
    })
    .from(staffDoorEvents)
    .innerJoin(careClasses, eq(careClasses.id, staffDoorEvents.classId))
    .where(where);
  const names = new Map(rows.map((r) => [r.classId, r.className]));
  return servedDays(rows.map((r) => ({ classId: r.classId, day: r.day, kind: r.kind as 'in' | 'out', at: r.at }))).map(
    (d) => ({ ...d, className: names.get(d.classId) ?? '' }),
  );
}

export async function myHours(db: Db, actor: Actor) {
  const days = await daysOf(db, eq(staffDoorEvents.userId, actor.userId));
  return { name: actor.displayName, days, total: summariseHours(days) };
}

/** Hours per roster member of a class, for its administrators and head. */
export async function classHours(db: Db, actor: Actor, classId: number) {
  const cls = await findVisibleClass(db, actor, classId);
  if (!cls) throw notFound();
  const [org] = await db
    .select({ path: organizations.path })
    .from(organizations)
    .where(eq(organizations.id, cls.orgId));
  const isHead = (await headedClassIds(db, actor.userId, [classId])).has(classId);
  authorize(!!org && volunteerPolicy.classHours(actor, { orgPath: org.path, isHead }), true);
  const roster = await db.select().from(classStaff).where(eq(classStaff.classId, classId)).orderBy(asc(classStaff.id));
  const marks = await db.select().from(staffDoorEvents).where(eq(staffDoorEvents.classId, classId));
  return roster
    .filter((s) => s.active || marks.some((m) => m.classStaffId === s.id))
    .map((s) => {
      const days = servedDays(
        marks
          .filter((m) => m.classStaffId === s.id)
          .map((m) => ({ classId, day: m.day, kind: m.kind as 'in' | 'out', at: m.occurredAt })),
      );
      const t = summariseHours(days);
      return {
        classStaffId: s.id,
        userId: s.userId,
        name: s.name,
        role: s.role,
        ...t,
        lastDay: days.at(-1)?.day ?? null,
      };
    });
}

const hm = (d: Date) => timeInChina(d).slice(0, 5);

/** 志愿服务时长证明: the volunteer's own record, day by day, from the door. */
export async function hoursRecordPdf(db: Db, actor: Actor, now: Date): Promise<Buffer> {
  const { name, days, total } = await myHours(db, actor);
  const roster = await myRoster(db, actor.userId);
  const lines = days.map(
    (d) =>
      `${d.day}　${d.className}　${hm(d.firstIn)}–${d.lastOut ? hm(d.lastOut) : '未签退'}　${(d.minutes / 60).toFixed(1)} 小时`,
  );
  return renderPdf(
    '志愿服务时长记录',
    [
      {
        lines: [
          `志愿者：${name}`,
          `服务岗位：${[...new Set(roster.map((r) => `${r.className}（${STAFF_ROLE_ZH[r.role] ?? r.role}）`))].join('、') || '—'}`,
          `累计服务 ${total.days} 天，共 ${total.hours.toFixed(1)} 小时（${total.minutes} 分钟）。`,
          '时长按本人在托管班门口的到岗签到与离岗签退逐日计算；当日未签退的不计时长。',
        ],
      },
      { heading: '逐日明细', lines: lines.length > 0 ? lines : ['暂无签到记录。'] },
      { lines: [`出具日期：${todayInChina(now)}　　爱心托管服务平台`] },
    ],
    { subject: '志愿服务时长记录' },
  );
}

export { STAFF_ROLE_ZH };
