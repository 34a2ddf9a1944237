/**
 * The door: today's list, check-ins and check-outs posted in batches (exactly once by clientId, state as a
 * projection of the set of events), refusals of unauthorised pickups, the daily health acknowledgement.
 * A batch is a few queries whatever its size: classes, children, adults, codes and consents are loaded once;
 * events go in with ON CONFLICT (client_id) DO NOTHING RETURNING; the touched child-days are re-projected from
 * their events and upserted in one statement. attendance_events itself is the append-only record (actor, device,
 * time), so check-ins write no audit row; refusals alert the unit admin.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { pinyinInitials } from '../../../domain/attendance/initials.js';
import { isPickupCode, normalizePickupCode } from '../../../domain/attendance/pickup-code.js';
import { type DayEvent, type Projection, projectDay } from '../../../domain/attendance/projection.js';
import { timeInChina, todayInChina } from '../../../domain/calendar/dates.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import {
  attendanceDays,
  attendanceEvents,
  careClasses,
  children,
  classUnits,
  guardians,
  notifications,
  organizations,
  pickupCodes,
} from '../../db/schema.js';
import type { Sealer } from '../../crypto/secrets.js';
import { notFound } from '../../errors.js';
import type { Lang } from '../../i18n/lang.js';
import { notify } from '../notifications/notify.js';
import { unitsOf } from '../classes/classes.repo.js';
import { classReadiness } from '../enrolments/readiness.repo.js';
import { attendancePolicy, DOOR_ROLES } from './attendance.policy.js';
import {
  type AdultRow,
  adultsOf,
  campaignOf,
  type ConsentState,
  consentsOf,
  type DayRow,
  dailyOf,
  dayRowsOf,
  type EnrolledChild,
  enrolledChildren,
  loadClassForDoor,
} from './attendance.repo.js';
import type { Counts, DoorChild, EventInput, EventResult } from './attendance.schema.js';

type Msg = { zh: string; en: string };
const pick = (lang: Lang, m: Msg) => (lang === 'en' ? m.en : m.zh);

export const REFUSALS = {
  PICKUP_NOT_ALLOWED: {
    reason: 'not_allowed',
    zh: '该成人在禁止接送名单上，不能接走孩子；已通知单位管理员。',
    en: 'This adult is on the not-allowed list and may not take the child; the unit admin has been alerted.',
  },
  PICKUP_CODE_REVOKED: {
    reason: 'revoked_code',
    zh: '该接送码已作废，不能接走孩子；已通知单位管理员。',
    en: 'This pickup code has been revoked; the unit admin has been alerted.',
  },
  PICKUP_CODE_UNKNOWN: {
    reason: 'unknown_code',
    zh: '接送码无效，不能接走孩子；已通知单位管理员。',
    en: 'Unknown pickup code; the unit admin has been alerted.',
  },
  PICKUP_NOT_AUTHORISED: {
    reason: 'not_authorised',
    zh: '该成人不是此孩子的授权接送人，不能接走孩子；已通知单位管理员。',
    en: 'This adult is not authorised to pick up this child; the unit admin has been alerted.',
  },
} as const;
export type RefusalCode = keyof typeof REFUSALS;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// ---- presenting -------------------------------------------------------------------------------------------

export function presentDoorChild(
  c: EnrolledChild,
  adults: AdultRow[],
  row: DayRow | undefined,
  consent: ConsentState | undefined,
  absenceNote: string | null = null,
): DoorChild {
  const health = consent?.health ?? false;
  const adult = row?.pickupAdultId ? adults.find((a) => a.id === row.pickupAdultId) : undefined;
  return {
    childId: c.childId,
    name: c.name,
    initials: pinyinInitials(c.name),
    grade: c.grade,
    photoUrl: c.photoFileId && consent?.photo ? `/api/files/${c.photoFileId}` : null,
    allergies: health ? c.allergies : null,
    healthNotes: health ? c.healthNotes : null,
    healthAcked: !!row?.healthAckAt,
    status: (row?.status ?? 'expected') as DoorChild['status'],
    checkInAt: iso(row?.checkInAt),
    checkOutAt: iso(row?.checkOutAt),
    absenceNote,
    pickedUpBy: adult?.name ?? null,
    pickupAdults: adults
      .filter((a) => !a.revokedAt)
      .map((a) => ({ id: a.id, name: a.name, relation: a.relation, allowed: a.allowed })),
  };
}

export function countsOf(enrolledIds: number[], rows: DayRow[]): Counts {
  const byChild = new Map(rows.map((r) => [r.childId, r.status]));
  const c: Counts = { enrolled: enrolledIds.length, present: 0, left: 0, absent: 0, missing: 0 };
  for (const id of enrolledIds) {
    const s = byChild.get(id) ?? 'expected';
    if (s === 'present') c.present++;
    else if (s === 'left') c.left++;
    else if (s === 'absent' || s === 'sick') c.absent++;
    else c.missing++;
  }
  return c;
}

/** The note of the absence in force, per child, for the day. */
async function absenceNotes(db: Db, classId: number, day: string, rows: DayRow[]): Promise<Map<number, string>> {
  const ids = rows.filter((r) => r.status === 'absent' || r.status === 'sick').map((r) => r.childId);
  const out = new Map<number, string>();
  if (!ids.length) return out;
  const evs = await db
    .select({ childId: attendanceEvents.childId, note: attendanceEvents.note, at: attendanceEvents.occurredAt })
    .from(attendanceEvents)
    .where(
      and(
        eq(attendanceEvents.classId, classId),
        eq(attendanceEvents.day, day),
        inArray(attendanceEvents.childId, ids),
        eq(attendanceEvents.kind, 'absence'),
      ),
    )
    .orderBy(attendanceEvents.occurredAt);
  for (const e of evs) if (e.note) out.set(e.childId, e.note);
  return out;
}

// ---- the door list ----------------------------------------------------------------------------------------

export async function doorClasses(db: Db, actor: Actor, now: Date) {
  const today = todayInChina(now);
  const rows = await db
    .selectDistinct({ c: careClasses })
    .from(careClasses)
    .innerJoin(classUnits, eq(classUnits.classId, careClasses.id))
    .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
    .where(and(inArray(careClasses.status, ['open', 'running']), inScope(organizations.path, actor, DOOR_ROLES)))
    .orderBy(careClasses.id);
  const ids = rows.map((r) => r.c.id);
  const units = await unitsOf(db, ids);
  const enrolled = await enrolledChildren(db, ids);
  const days = ids.length
    ? await db
        .select()
        .from(attendanceDays)
        .where(and(inArray(attendanceDays.classId, ids), eq(attendanceDays.day, today)))
    : [];
  return {
    items: rows
      .filter((r) => attendancePolicy.door(actor, units.get(r.c.id) ?? []))
      .map(({ c }) => ({
        id: c.id,
        name: c.name,
        orgName: units.get(c.id)?.find((u) => u.isOwner)?.name ?? '',
        status: c.status,
        dailyStart: c.dailyStart,
        dailyEnd: c.dailyEnd,
        today: countsOf(
          enrolled.filter((e) => e.classId === c.id).map((e) => e.childId),
          days.filter((d) => d.classId === c.id),
        ),
      })),
  };
}

export async function doorView(db: Db, actor: Actor, classId: number, day: string | undefined, now: Date) {
  const { row: cls } = await loadClassForDoor(db, actor, classId);
  const d = day ?? todayInChina(now);
  const kids = await enrolledChildren(db, [classId]);
  const ids = kids.map((k) => k.childId);
  const [adults, consent, rows, readiness, camp] = await Promise.all([
    adultsOf(db, ids),
    consentsOf(db, ids),
    dayRowsOf(db, classId, [d]),
    classReadiness(db, classId),
    campaignOf(db, cls.campaignId),
  ]);
  const notes = await absenceNotes(db, classId, d, rows);
  const byChild = new Map(rows.map((r) => [r.childId, r]));
  const ready = new Map(readiness.map((r) => [r.childId, r.enrolled]));
  return {
    class: {
      id: cls.id,
      name: cls.name,
      dailyStart: cls.dailyStart,
      dailyEnd: cls.dailyEnd,
      arrivalAlertTime: dailyOf(camp).arrivalAlertTime,
    },
    day: d,
    serverTime: now.toISOString(),
    counts: countsOf(ids, rows),
    children: kids.map((k) => ({
      ...presentDoorChild(
        k,
        adults.get(k.childId) ?? [],
        byChild.get(k.childId),
        consent.get(k.childId),
        notes.get(k.childId) ?? null,
      ),
      paperworkMissing: !(ready.get(k.childId) ?? false),
    })),
  };
}

/**
 * A clientId for events the server writes itself (absences, cancellations, corrections). Events at the same
 * instant are ordered by clientId, so these sort in the order they were written (monotonic within a process).
 */
export function serverClientId(): string {
  return `srv-${process.hrtime.bigint().toString().padStart(20, '0')}-${randomUUID().slice(0, 8)}`;
}

// ---- projection ---------------------------------------------------------------------------------------------

export interface DayKey {
  classId: number;
  childId: number;
  day: string;
}
export const keyOf = (k: DayKey) => `${k.classId}:${k.childId}:${k.day}`;
export const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);

/** What the projection reads of an event; attendance_days.events keeps these for the fast path. */
export function eventSummary(e: DayEvent): DayEvent {
  return {
    id: e.id ?? null,
    clientId: e.clientId,
    kind: e.kind,
    occurredAt: e.occurredAt instanceof Date ? e.occurredAt.toISOString() : e.occurredAt,
    pickupAdultId: e.pickupAdultId ?? null,
    reason: e.reason ?? null,
    data: e.data ?? null,
  };
}

/**
 * Serialises writers of the same child-days (two phones, two app instances): transaction-scoped advisory locks
 * on (child, day), taken in one statement in sorted order, then the day rows themselves (made if missing) locked
 * FOR UPDATE — the door's fast path (attendance.fast.ts) writes without the advisory lock but waits on the row, and
 * its compare-and-set on `version` fails after this transaction, so neither can lose the other's event.
 */
export async function lockDays(tx: Db, keys: DayKey[]): Promise<void> {
  const pairs = [...new Set(keys.map((k) => `${k.childId},${dayNumber(k.day)}`))];
  if (!pairs.length) return;
  const uniq = [...new Map(keys.map((k) => [keyOf(k), k])).values()];
  await tx
    .insert(attendanceDays)
    .values(uniq.map((k) => ({ ...k, status: 'expected', updatedAt: new Date() })))
    .onConflictDoNothing();
  await tx.execute(
    sql`SELECT 1 FROM attendance_days WHERE (class_id, child_id, day) IN (${sql.join(
      uniq.map((k) => sql`(${k.classId}::int, ${k.childId}::int, ${k.day}::text)`),
      sql`, `,
    )}) ORDER BY class_id, child_id, day FOR UPDATE`,
  );
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(v.a, v.b) FROM (VALUES ${sql.join(
      pairs.map((p) => {
        const [a, b] = p.split(',').map(Number);
        return sql`(${a}::int, ${b}::int)`;
      }),
      sql`, `,
    )}) AS v(a, b) ORDER BY v.a, v.b`,
  );
}

/** Re-projects the child-days from all their events and upserts attendance_days; answers the projections. */
export async function reproject(tx: Db, keys: DayKey[], now: Date): Promise<Map<string, Projection & { row: DayRow }>> {
  const uniq = [...new Map(keys.map((k) => [keyOf(k), k])).values()];
  const out = new Map<string, Projection & { row: DayRow }>();
  if (!uniq.length) return out;
  const evs = await tx
    .select()
    .from(attendanceEvents)
    .where(
      sql`(${attendanceEvents.classId}, ${attendanceEvents.childId}, ${attendanceEvents.day}) IN (${sql.join(
        uniq.map((k) => sql`(${k.classId}::int, ${k.childId}::int, ${k.day}::text)`),
        sql`, `,
      )})`,
    );
  const grouped = new Map<string, DayEvent[]>();
  for (const e of evs) {
    const k = keyOf(e);
    grouped.set(k, [...(grouped.get(k) ?? []), e]);
  }
  const projections = uniq.map((k) => ({ k, p: projectDay(grouped.get(keyOf(k)) ?? []) }));
  const rows = await tx
    .insert(attendanceDays)
    .values(
      projections.map(({ k, p }) => ({
        classId: k.classId,
        childId: k.childId,
        day: k.day,
        status: p.state.status,
        checkInEventId: p.state.checkInEventId,
        checkInAt: p.state.checkInAt,
        checkOutEventId: p.state.checkOutEventId,
        checkOutAt: p.state.checkOutAt,
        pickupAdultId: p.state.pickupAdultId,
        absenceReason: p.state.absenceReason,
        events: (grouped.get(keyOf(k)) ?? []).map(eventSummary),
        version: 1,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [attendanceDays.classId, attendanceDays.childId, attendanceDays.day],
      set: {
        status: sql`excluded.status`,
        checkInEventId: sql`excluded.check_in_event_id`,
        checkInAt: sql`excluded.check_in_at`,
        checkOutEventId: sql`excluded.check_out_event_id`,
        checkOutAt: sql`excluded.check_out_at`,
        pickupAdultId: sql`excluded.pickup_adult_id`,
        absenceReason: sql`excluded.absence_reason`,
        events: sql`excluded.events`,
        version: sql`${attendanceDays.version} + 1`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning();
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  for (const { k, p } of projections) {
    const row = byKey.get(keyOf(k));
    if (row) out.set(keyOf(k), { ...p, row });
  }
  return out;
}

// ---- posting events -----------------------------------------------------------------------------------------

interface Planned {
  input: EventInput;
  kind: 'check_in' | 'check_out' | 'refused_check_out';
  day: string;
  pickupAdultId: number | null;
  pickupMethod: string | null;
  refusal: RefusalCode | null;
}

export async function postEvents(
  db: Db,
  sealer: Sealer,
  ctx: RequestContext,
  actor: Actor,
  body: { deviceId?: string | undefined; events: EventInput[] },
): Promise<{ results: EventResult[]; children: DoorChild[] }> {
  const lang = ctx.lang;
  const results = new Map<string, EventResult>();
  // One input per clientId: the same id twice in a batch is the same event.
  const inputs = [...new Map(body.events.map((e) => [e.clientId, e])).values()];

  // Classes the caller works the door of.
  const classIds = [...new Set(inputs.map((e) => e.classId))];
  const classRows = await db.select().from(careClasses).where(inArray(careClasses.id, classIds));
  const units = await unitsOf(db, classIds);
  const doorOk = new Set(classRows.filter((c) => attendancePolicy.door(actor, units.get(c.id) ?? [])).map((c) => c.id));
  const kids = await enrolledChildren(db, [...doorOk]);
  const kidOf = new Map(kids.map((k) => [`${k.classId}:${k.childId}`, k]));
  const childIds = [...new Set(kids.map((k) => k.childId))];
  const adults = await adultsOf(db, childIds);
  const adultById = new Map([...adults.values()].flat().map((a) => [a.id, a]));

  // Pickup codes, looked up by their keyed hash.
  const codeHashes = new Map<string, string>();
  for (const e of inputs) {
    if (e.kind !== 'check_out' || !e.pickupCode) continue;
    const code = normalizePickupCode(e.pickupCode);
    if (isPickupCode(code)) codeHashes.set(e.clientId, sealer.hash(code));
  }
  const codeRows = codeHashes.size
    ? await db
        .select()
        .from(pickupCodes)
        .where(inArray(pickupCodes.codeHash, [...new Set(codeHashes.values())]))
    : [];
  const codeByHash = new Map(codeRows.map((c) => [c.codeHash, c]));
  // A code of another child's adult is not in adultById: it answers PICKUP_NOT_AUTHORISED below.

  const planned: Planned[] = [];
  for (const e of inputs) {
    const refuse = (code: string, m: Msg) =>
      results.set(e.clientId, { clientId: e.clientId, outcome: 'refused', code, message: pick(lang, m) });
    if (!doorOk.has(e.classId)) {
      refuse('CLASS_NOT_FOUND', { zh: '找不到该托管班或无权在此签到', en: 'No such class, or not yours to run' });
      continue;
    }
    if (!kidOf.has(`${e.classId}:${e.childId}`)) {
      refuse('CHILD_NOT_ENROLLED', { zh: '该孩子不在本班名单上', en: 'This child is not enrolled in the class' });
      continue;
    }
    const occurred = new Date(e.occurredAt);
    // A device clock far ahead would write tomorrow's attendance today.
    if (occurred.getTime() > ctx.now.getTime() + 10 * 60_000) {
      refuse('OCCURRED_IN_FUTURE', {
        zh: '记录时间晚于服务器时间，请校准设备时钟',
        en: 'The event is dated in the future; check the device clock',
      });
      continue;
    }
    const day = todayInChina(occurred);
    if (e.kind === 'check_in') {
      planned.push({ input: e, kind: 'check_in', day, pickupAdultId: null, pickupMethod: null, refusal: null });
      continue;
    }
    if (!e.pickupAdultId && !e.pickupCode) {
      refuse('PICKUP_ADULT_REQUIRED', {
        zh: '离园须选择接送人或输入接送码',
        en: 'A check-out needs the pickup adult or their pickup code',
      });
      continue;
    }
    let adultId: number | null = e.pickupAdultId ?? null;
    let method = 'list';
    let refusal: RefusalCode | null = null;
    if (e.pickupCode) {
      method = 'code';
      const hash = codeHashes.get(e.clientId);
      const code = hash ? codeByHash.get(hash) : undefined;
      if (!code) refusal = 'PICKUP_CODE_UNKNOWN';
      else {
        adultId = code.pickupAdultId;
        if (code.revokedAt) refusal = 'PICKUP_CODE_REVOKED';
        else if (e.pickupAdultId && e.pickupAdultId !== code.pickupAdultId) refusal = 'PICKUP_NOT_AUTHORISED';
      }
    }
    if (!refusal) {
      const adult = adultId ? adultById.get(adultId) : undefined;
      if (!adult || adult.childId !== e.childId || adult.revokedAt) refusal = 'PICKUP_NOT_AUTHORISED';
      else if (!adult.allowed) refusal = 'PICKUP_NOT_ALLOWED';
    }
    planned.push({
      input: e,
      kind: refusal ? 'refused_check_out' : 'check_out',
      day,
      pickupAdultId: adultId,
      pickupMethod: method,
      refusal,
    });
  }

  const touched: DoorChild[] = [];
  if (planned.length) {
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(attendanceEvents)
        .values(
          planned.map((p) => ({
            clientId: p.input.clientId,
            classId: p.input.classId,
            childId: p.input.childId,
            day: p.day,
            kind: p.kind,
            occurredAt: new Date(p.input.occurredAt),
            receivedAt: ctx.now,
            actorId: actor.userId,
            actorName: actor.displayName,
            deviceId: body.deviceId ?? null,
            pickupAdultId: p.pickupAdultId,
            pickupMethod: p.pickupMethod,
            reason: p.refusal ? REFUSALS[p.refusal].reason : null,
            note: p.input.note ?? null,
          })),
        )
        .onConflictDoNothing({ target: attendanceEvents.clientId })
        .returning({ id: attendanceEvents.id, clientId: attendanceEvents.clientId });
      const newIds = new Map(inserted.map((r) => [r.clientId, r.id]));
      const replayed = planned.filter((p) => !newIds.has(p.input.clientId));
      if (replayed.length) {
        const old = await tx
          .select({ id: attendanceEvents.id, clientId: attendanceEvents.clientId })
          .from(attendanceEvents)
          .where(
            inArray(
              attendanceEvents.clientId,
              replayed.map((p) => p.input.clientId),
            ),
          );
        const oldIds = new Map(old.map((r) => [r.clientId, r.id]));
        for (const p of replayed)
          results.set(p.input.clientId, {
            clientId: p.input.clientId,
            outcome: 'replayed',
            ...(oldIds.has(p.input.clientId) ? { eventId: oldIds.get(p.input.clientId) } : {}),
          });
      }
      const fresh = planned.filter((p) => newIds.has(p.input.clientId));
      const freshKeys = fresh
        .filter((p) => p.kind !== 'refused_check_out')
        .map((p) => ({ classId: p.input.classId, childId: p.input.childId, day: p.day }));
      // Serialise with other writers of these child-days, then project from the full set of their events.
      await lockDays(tx, freshKeys);
      const projected = await reproject(tx, freshKeys, ctx.now);
      const guardianNotes: { childId: number; kind: 'check_in' | 'check_out'; at: Date; eventId: number }[] = [];
      for (const p of fresh) {
        const eventId = newIds.get(p.input.clientId) as number;
        if (p.refusal) {
          const r = REFUSALS[p.refusal];
          results.set(p.input.clientId, {
            clientId: p.input.clientId,
            outcome: 'refused',
            code: p.refusal,
            message: pick(lang, r),
            eventId,
          });
          continue;
        }
        const pr = projected.get(keyOf({ classId: p.input.classId, childId: p.input.childId, day: p.day }));
        const applied = pr?.winners.has(p.input.clientId) ?? false;
        results.set(p.input.clientId, {
          clientId: p.input.clientId,
          outcome: applied ? 'applied' : 'duplicate',
          eventId,
        });
        if (applied)
          guardianNotes.push({
            childId: p.input.childId,
            kind: p.kind as 'check_in' | 'check_out',
            at: new Date(p.input.occurredAt),
            eventId,
          });
      }
      await notifyGuardians(tx, ctx.now, guardianNotes, kidOf, planned, adultById);
      // Refused pickups alert the unit admin(s) of the class's owning unit, one notification each.
      for (const p of fresh) {
        if (!p.refusal) continue;
        const kid = kidOf.get(`${p.input.classId}:${p.input.childId}`);
        const cls = classRows.find((c) => c.id === p.input.classId);
        const owner = units.get(p.input.classId)?.find((u) => u.isOwner);
        const adult = p.pickupAdultId ? adultById.get(p.pickupAdultId) : undefined;
        if (!owner || !kid || !cls) continue;
        await notify(
          tx,
          ctx.now,
          { orgs: [{ orgId: owner.orgId, roles: ['unit_admin'] }] },
          {
            kind: 'attendance.pickup_refused',
            severity: 'warning',
            title: `接送被拒：${kid.name}`,
            body: `${cls.name}：${adult ? `「${adult.name}」` : '来人'}试图接走 ${kid.name}，已拒绝（${REFUSALS[p.refusal].zh.split('，')[0]}）。经办：${actor.displayName}。`,
            link: `/classes/${cls.id}/attendance`,
            data: {
              classId: cls.id,
              childId: kid.childId,
              code: p.refusal,
              pickupAdultId: p.pickupAdultId,
              eventId: newIds.get(p.input.clientId),
            },
          },
          `attendance.pickup_refused:${newIds.get(p.input.clientId)}`,
        );
      }
    });
  }

  // The current state of every child touched (also for replays: the device learns the server's view).
  const touchedKeys = [
    ...new Map(
      planned.map((p) => [
        `${p.input.classId}:${p.input.childId}:${p.day}`,
        { classId: p.input.classId, childId: p.input.childId, day: p.day },
      ]),
    ).values(),
  ];
  if (touchedKeys.length) {
    const rows = await db
      .select()
      .from(attendanceDays)
      .where(
        sql`(${attendanceDays.classId}, ${attendanceDays.childId}, ${attendanceDays.day}) IN (${sql.join(
          touchedKeys.map((k) => sql`(${k.classId}::int, ${k.childId}::int, ${k.day}::text)`),
          sql`, `,
        )})`,
      );
    const consent = await consentsOf(db, [...new Set(touchedKeys.map((k) => k.childId))]);
    const rowOf = new Map(rows.map((r) => [keyOf(r), r]));
    for (const k of touchedKeys) {
      const kid = kidOf.get(`${k.classId}:${k.childId}`);
      if (!kid) continue;
      touched.push(presentDoorChild(kid, adults.get(k.childId) ?? [], rowOf.get(keyOf(k)), consent.get(k.childId)));
    }
  }
  return { results: inputs.map((e) => results.get(e.clientId) as EventResult), children: touched };
}

/** An applied check-in or check-out that the child's guardians hear about in the app. */
export interface GuardianNote {
  childId: number;
  childName: string;
  kind: 'check_in' | 'check_out';
  at: Date;
  eventId: number;
  adultName: string | null;
}

/** The inbox rows for guardian notices (shared by the batch path and the fast path). */
export function guardianNoticeValues(
  now: Date,
  notes: GuardianNote[],
  guardiansOf: (childId: number) => number[],
): (typeof notifications.$inferInsert)[] {
  const values: (typeof notifications.$inferInsert)[] = [];
  for (const n of notes) {
    for (const userId of guardiansOf(n.childId)) {
      values.push({
        userId,
        kind: n.kind === 'check_in' ? 'attendance.check_in' : 'attendance.check_out',
        severity: 'info',
        title: n.kind === 'check_in' ? `${n.childName} 已到班` : `${n.childName} 已离班`,
        body:
          n.kind === 'check_in'
            ? `${n.childName} 于 ${timeInChina(n.at)} 签到。`
            : `${n.childName} 于 ${timeInChina(n.at)} 由${n.adultName ? `「${n.adultName}」` : '接送人'}接走。`,
        link: `/m/#/children/${n.childId}/attendance`,
        data: { childId: n.childId, eventId: n.eventId },
        createdAt: now,
      });
    }
  }
  return values;
}

/** In-app notices to guardians on applied check-ins and check-outs: one lookup and one insert for the batch. */
async function notifyGuardians(
  tx: Db,
  now: Date,
  notes: { childId: number; kind: 'check_in' | 'check_out'; at: Date; eventId: number }[],
  kidOf: Map<string, EnrolledChild>,
  planned: Planned[],
  adultById: Map<number, AdultRow>,
): Promise<void> {
  if (!notes.length) return;
  const ids = [...new Set(notes.map((n) => n.childId))];
  const gs = await tx
    .select({ childId: children.id, userId: guardians.userId })
    .from(children)
    .innerJoin(guardians, eq(guardians.familyId, children.familyId))
    .where(inArray(children.id, ids));
  const kidName = new Map([...kidOf.values()].map((k) => [k.childId, k.name]));
  const values = guardianNoticeValues(
    now,
    notes.map((n) => {
      const p = planned.find((x) => x.input.childId === n.childId && x.kind === n.kind);
      const adult = p?.pickupAdultId ? adultById.get(p.pickupAdultId) : undefined;
      return { ...n, childName: kidName.get(n.childId) ?? '', adultName: adult?.name ?? null };
    }),
    (childId) => gs.filter((g) => g.childId === childId).map((g) => g.userId),
  );
  if (values.length) await tx.insert(notifications).values(values);
}

// ---- health acknowledgement ---------------------------------------------------------------------------------

export async function ackHealth(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  classId: number,
  childId: number,
  day: string,
) {
  await loadClassForDoor(db, actor, classId);
  const kids = await enrolledChildren(db, [classId]);
  if (!kids.some((k) => k.childId === childId)) throw notFound();
  await db
    .insert(attendanceDays)
    .values({
      classId,
      childId,
      day,
      status: 'expected',
      healthAckAt: ctx.now,
      healthAckBy: actor.userId,
      updatedAt: ctx.now,
    })
    .onConflictDoUpdate({
      target: [attendanceDays.classId, attendanceDays.childId, attendanceDays.day],
      set: { healthAckAt: ctx.now, healthAckBy: actor.userId },
      setWhere: isNull(attendanceDays.healthAckAt),
    });
}
