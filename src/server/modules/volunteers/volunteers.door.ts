/**
 * A staff member's own mark at the class door (到岗签到/离岗签退), from the console (now, the server's clock) or from
 * the door screen (a mark made on the phone, possibly offline, with its clientId and time). One rule for both:
 * the person is on the class's roster (linked to their account), the class is open or running, the mark is dated
 * today (China time) and not in the future, and marks alternate in → out → in. A door mark sent twice is stored
 * once (`staff_door_events.client_id`); the second answer is `replayed`.
 */
import { and, desc, eq } from 'drizzle-orm';
import { doorTiming } from '../../../domain/attendance/door-time.js';
import type { Actor } from '../../auth/actor.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses, organizations } from '../../db/schema.js';
import { staffDoorEvents } from '../../db/tables/volunteers.js';
import type { Lang } from '../../i18n/lang.js';
import { recordEvent } from '../../events/audit.js';
import { DOOR_STATUSES, myRoster } from './volunteers.roster.js';
import type { MarkInput, MarkResult } from './volunteers.schema.js';

type Msg = { zh: string; en: string };

/** Why a mark is not taken; `status` is what the console's single-mark route answers. */
export const MARK_REFUSALS = {
  NOT_ON_ROSTER: {
    status: 404,
    zh: '您不在该托管班的工作人员名单上，不能在此签到签退',
    en: 'You are not on this class’s staff list, so you cannot check in or out here',
  },
  CLASS_NOT_RUNNING: {
    status: 409,
    zh: '托管班未在运行，不能签到签退',
    en: 'The class is not running; no check-in or check-out',
  },
  ALREADY_IN: { status: 409, zh: '今天已签到，离开时请签退', en: 'Already checked in today' },
  NOT_IN: { status: 409, zh: '尚未签到，不能签退', en: 'Not checked in' },
  OUT_OF_ORDER: {
    status: 409,
    zh: '已有更晚的签到签退记录，这条较早的记录未保存',
    en: 'A later mark is already recorded, so this earlier one was not saved',
  },
  OCCURRED_IN_FUTURE: {
    status: 409,
    zh: '手机时间比服务器快，记录未保存：请校准手机时间后重新签到',
    en: 'The phone’s clock is ahead of the server’s; set the clock and check in again',
  },
  OCCURRED_ON_OTHER_DAY: {
    status: 409,
    zh: '这条记录不是今天的，未保存（签到签退只记当天）',
    en: 'This mark is not from today and was not saved (marks count on their own day only)',
  },
  CLIENT_ID_CONFLICT: {
    status: 409,
    zh: '这条记录的编号已被另一条记录使用，未保存：请刷新后重新操作',
    en: 'This mark’s id is used by another record, so it was not saved: reload and try again',
  },
} as const satisfies Record<string, { status: number } & Msg>;
export type MarkRefusal = keyof typeof MARK_REFUSALS;

export type MarkOutcome =
  | { ok: true; replayed: boolean; kind: 'in' | 'out'; at: Date }
  | { ok: false; code: MarkRefusal };

/** Records one mark in `tx`, or says why not. */
export async function recordMark(
  tx: Db,
  ctx: RequestContext,
  actor: Actor,
  m: { classId: number; kind: 'in' | 'out'; occurredAt: Date; clientId: string | null },
): Promise<MarkOutcome> {
  const sameMark = async (): Promise<MarkOutcome | null> => {
    if (!m.clientId) return null;
    const [had] = await tx.select().from(staffDoorEvents).where(eq(staffDoorEvents.clientId, m.clientId));
    if (!had) return null;
    if (had.userId !== actor.userId || had.classId !== m.classId || had.kind !== m.kind)
      return { ok: false, code: 'CLIENT_ID_CONFLICT' };
    return { ok: true, replayed: true, kind: m.kind, at: had.occurredAt };
  };
  const replay = await sameMark();
  if (replay) return replay;
  const [mine] = (await myRoster(tx, actor.userId)).filter((r) => r.classId === m.classId);
  if (!mine) return { ok: false, code: 'NOT_ON_ROSTER' };
  if (!DOOR_STATUSES.includes(mine.status)) return { ok: false, code: 'CLASS_NOT_RUNNING' };
  const timing = doorTiming('check_out', m.occurredAt, ctx.now, {
    isClassDay: () => true,
    dailyStart: null,
    dailyEnd: null,
  });
  if (!timing.ok) return { ok: false, code: timing.code };
  const day = timing.day;
  const [last] = await tx
    .select({ kind: staffDoorEvents.kind, at: staffDoorEvents.occurredAt })
    .from(staffDoorEvents)
    .where(
      and(
        eq(staffDoorEvents.userId, actor.userId),
        eq(staffDoorEvents.classId, m.classId),
        eq(staffDoorEvents.day, day),
      ),
    )
    .orderBy(desc(staffDoorEvents.occurredAt), desc(staffDoorEvents.id))
    .limit(1);
  if (last && last.at.getTime() > m.occurredAt.getTime()) return { ok: false, code: 'OUT_OF_ORDER' };
  if (m.kind === 'in' && last?.kind === 'in') return { ok: false, code: 'ALREADY_IN' };
  if (m.kind === 'out' && last?.kind !== 'in') return { ok: false, code: 'NOT_IN' };
  const [row] = await tx
    .insert(staffDoorEvents)
    .values({
      classId: m.classId,
      classStaffId: mine.staffId,
      userId: actor.userId,
      day,
      kind: m.kind,
      occurredAt: m.occurredAt,
      clientId: m.clientId,
      createdAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning();
  // The same clientId stored meanwhile by a concurrent send of this batch.
  if (!row) return (await sameMark()) ?? { ok: false, code: 'CLIENT_ID_CONFLICT' };
  const [org] = await tx
    .select({ path: organizations.path })
    .from(careClasses)
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .where(eq(careClasses.id, m.classId));
  await recordEvent(tx, ctx, {
    action: m.kind === 'in' ? 'staff_door.check_in' : 'staff_door.check_out',
    entity: 'class',
    entityId: m.classId,
    orgPath: org?.path ?? null,
    after: {
      classStaffId: mine.staffId,
      day,
      at: m.occurredAt.toISOString(),
      ...(m.clientId ? { clientId: m.clientId, receivedAt: ctx.now.toISOString() } : {}),
    },
  });
  return { ok: true, replayed: false, kind: m.kind, at: row.occurredAt };
}

const say = (lang: Lang, code: MarkRefusal) => (lang === 'en' ? MARK_REFUSALS[code].en : MARK_REFUSALS[code].zh);

/** The door screen's queue of own marks, in the order they happened; each in its own transaction. */
export async function postMarks(db: Db, ctx: RequestContext, actor: Actor, marks: MarkInput[]): Promise<MarkResult[]> {
  const ordered = [...new Map(marks.map((m) => [m.clientId, m])).values()].sort(
    (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt),
  );
  const results = new Map<string, MarkResult>();
  for (const m of ordered) {
    const out = await db.transaction((tx) =>
      recordMark(tx, ctx, actor, {
        classId: m.classId,
        kind: m.kind,
        occurredAt: new Date(m.occurredAt),
        clientId: m.clientId,
      }),
    );
    results.set(
      m.clientId,
      out.ok
        ? { clientId: m.clientId, outcome: out.replayed ? 'replayed' : 'applied' }
        : { clientId: m.clientId, outcome: 'refused', code: out.code, message: say(ctx.lang, out.code) },
    );
  }
  return marks.map((m) => results.get(m.clientId) as MarkResult);
}
