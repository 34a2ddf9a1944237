/**
 * Staff at the door (到岗签到/离岗签退) and the hours volunteers served. The door recorded only children; a
 * person on a class's roster, linked to their account, now checks themselves in and out of that class (the smallest
 * addition: one append-only table, `staff_door_events`). Hours are counted from those marks only (servedDays), so
 * a record of hours is the door's evidence, not a number anyone typed. The rule of one mark: volunteers.door.ts.
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
import { conflict, notFound } from '../../errors.js';
import { renderPdf } from '../../documents/pdf.js';
import { findVisibleClass } from '../classes/classes.repo.js';
import { MARK_REFUSALS, recordMark } from './volunteers.door.js';
import { volunteerPolicy } from './volunteers.policy.js';
import { headedClassIds } from './volunteers.repo.js';
import { DOOR_STATUSES, myRoster } from './volunteers.roster.js';

const STAFF_ROLE_ZH: Record<string, string> = {
  head: '负责人',
  safety: '安全员',
  teacher: '老师',
  union_staff: '工会工作人员',
  employee_volunteer: '职工志愿者',
  social_volunteer: '社会志愿者',
  provider_staff: '服务机构人员',
};

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
    const mine = marks.filter((m) => m.classId === r.classId).map((m) => ({ kind: m.kind as 'in' | 'out', at: m.at }));
    const last = mine[0];
    return {
      classId: r.classId,
      className: r.className,
      role: r.role,
      lastToday: last ?? null,
      marksToday: mine.reverse(),
    };
  });
}

/** The signed-in person checks themselves in or out (now) of a class on whose roster they stand (the console). */
export async function checkSelf(db: Db, ctx: RequestContext, actor: Actor, classId: number, kind: 'in' | 'out') {
  const out = await db.transaction((tx) =>
    recordMark(tx, ctx, actor, { classId, kind, occurredAt: ctx.now, clientId: null }),
  );
  if (out.ok) return { kind: out.kind, at: out.at };
  const r = MARK_REFUSALS[out.code];
  throw r.status === 404 ? notFound() : conflict(r.zh, r.en);
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
