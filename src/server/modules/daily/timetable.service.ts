/**
 * The day's timetable (P-E): the class's weekly plan (care_classes.activity_plan) becomes activity_sessions rows
 * for a class day the first time anyone asks for it (idempotent through the unique index on class, day and slot).
 * Staff tick a slot off once — never untick — and may add notes afterwards; guardians see their child's class.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { type IsoDate, todayInChina } from '../../../domain/calendar/dates.js';
import type { ACTIVITY_KINDS } from '../../../domain/classes/lifecycle.js';
import { HOLDING_STATUSES } from '../../../domain/enrolment/statuses.js';
import { readPlan, timetableFor } from '../../../domain/daily/index.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { activitySessions, enrolments } from '../../db/schema.js';
import { conflict, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { familyOf } from '../families/children.service.js';
import type { DailyClass } from './daily.context.js';
import { checkPhotos, dailyFileUrl } from './daily.files.js';
import { dailyAbilities, dailyPolicy } from './daily.policy.js';
import type { ParentTimetableDto, SessionDto, TimetableDto } from './daily.schema.js';

type SessionRow = typeof activitySessions.$inferSelect;
type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export function presentSession(s: SessionRow): SessionDto {
  return {
    id: s.id,
    day: s.day,
    start: s.start,
    end: s.end,
    kind: s.kind as ActivityKind,
    title: s.title,
    done: s.doneAt !== null,
    doneAt: s.doneAt,
    doneByName: s.doneByName,
    note: s.note,
    photo: s.photoFileId === null ? null : { id: s.photoFileId, url: dailyFileUrl(s.classId, s.photoFileId) },
  };
}

/** The day's sessions, made from the plan on first read. A day that is not a class day has none. */
export async function sessionsOf(db: Db, c: DailyClass, day: IsoDate): Promise<SessionRow[]> {
  if (c.isClassDay(day)) {
    const slots = timetableFor(readPlan(c.row.activityPlan), day);
    if (slots.length > 0)
      await db
        .insert(activitySessions)
        .values(slots.map((s) => ({ classId: c.row.id, day, ...s })))
        .onConflictDoNothing();
  }
  return db
    .select()
    .from(activitySessions)
    .where(and(eq(activitySessions.classId, c.row.id), eq(activitySessions.day, day)))
    .orderBy(asc(activitySessions.start), asc(activitySessions.end), asc(activitySessions.id));
}

export async function timetable(db: Db, actor: Actor, c: DailyClass, day: IsoDate): Promise<TimetableDto> {
  const rows = await sessionsOf(db, c, day);
  return {
    day,
    classDay: c.isClassDay(day),
    sessions: rows.map(presentSession),
    abilities: dailyAbilities(actor, c.ref),
  };
}

async function loadSession(db: Db, c: DailyClass, sessionId: number): Promise<SessionRow> {
  const [s] = await db
    .select()
    .from(activitySessions)
    .where(and(eq(activitySessions.id, sessionId), eq(activitySessions.classId, c.row.id)));
  if (!s) throw notFound();
  return s;
}

/** Ticks a slot off, once. A done slot cannot be unticked or ticked again: add a note instead. */
export async function markDone(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  c: DailyClass,
  sessionId: number,
  input: { note?: string | undefined; photoFileId?: number | undefined },
): Promise<SessionDto> {
  authorize(dailyPolicy.write(actor, c.ref), true);
  const s = await loadSession(db, c, sessionId);
  if (s.day > todayInChina(ctx.now))
    throw conflict(`${s.day} 的活动尚未开始，不能打勾`, `The activities of ${s.day} have not happened yet`);
  if (input.photoFileId !== undefined) await checkPhotos(db, c.row.id, [input.photoFileId], 'body.photoFileId');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(activitySessions)
      .set({
        doneAt: ctx.now,
        doneBy: actor.userId,
        doneByName: actor.displayName,
        note: input.note || null,
        photoFileId: input.photoFileId ?? null,
      })
      .where(and(eq(activitySessions.id, s.id), isNull(activitySessions.doneAt)))
      .returning();
    if (!row)
      throw conflict('该活动已打勾完成，不能撤销或重复；如需补充请添加备注', 'Already ticked off; add a note instead');
    await recordEvent(tx, ctx, {
      action: 'activity_session.done',
      entity: 'activity_session',
      entityId: row.id,
      orgPath: c.ownerPath,
      after: { classId: row.classId, day: row.day, slot: row.slot, note: row.note, photoFileId: row.photoFileId },
    });
    return presentSession(row);
  });
}

/** Adds a note to a slot (appended: earlier notes stay), with the author's name. */
export async function addNote(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  c: DailyClass,
  sessionId: number,
  note: string,
): Promise<SessionDto> {
  authorize(dailyPolicy.write(actor, c.ref), true);
  await loadSession(db, c, sessionId);
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(activitySessions).where(eq(activitySessions.id, sessionId)).for('update');
    if (!s) throw notFound();
    const line = `${note}（${actor.displayName}）`;
    const [row] = await tx
      .update(activitySessions)
      .set({ note: s.note ? `${s.note}\n${line}` : line })
      .where(eq(activitySessions.id, s.id))
      .returning();
    if (!row) throw notFound();
    await recordEvent(tx, ctx, {
      action: 'activity_session.note',
      entity: 'activity_session',
      entityId: row.id,
      orgPath: c.ownerPath,
      before: { note: s.note },
      after: { note: row.note },
    });
    return presentSession(row);
  });
}

/** A guardian may see a class's timetable while a child of their family holds or is offered a place in it. */
export async function guardianMaySee(db: Db, userId: number, classId: number): Promise<boolean> {
  const familyId = await familyOf(db, userId);
  if (!familyId) return false;
  const [e] = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.classId, classId),
        eq(enrolments.familyId, familyId),
        inArray(enrolments.status, HOLDING_STATUSES),
      ),
    )
    .limit(1);
  return !!e;
}

export async function parentTimetable(db: Db, c: DailyClass, day: IsoDate): Promise<ParentTimetableDto> {
  const rows = await sessionsOf(db, c, day);
  return {
    class: { id: c.row.id, name: c.row.name, dailyStart: c.row.dailyStart, dailyEnd: c.row.dailyEnd },
    day,
    classDay: c.isClassDay(day),
    sessions: rows.map((s) => ({
      id: s.id,
      start: s.start,
      end: s.end,
      kind: s.kind as ActivityKind,
      title: s.title,
      done: s.doneAt !== null,
      doneAt: s.doneAt,
      note: s.note,
    })),
  };
}
