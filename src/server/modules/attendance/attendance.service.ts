/**
 * The door's batch path: any batch of check-ins and check-outs — pickup codes, refusals, offline queues flushing,
 * whatever the fast path (attendance.fast.ts) leaves — exactly once by clientId. A batch is a few queries whatever
 * its size: classes, children, adults, codes and consents are loaded once; events go in with ON CONFLICT
 * (client_id) DO NOTHING RETURNING; the touched child-days are row-locked and re-projected from their events
 * (attendance.days.ts). attendance_events itself is the append-only record (actor, device, time), so check-ins
 * write no audit row; a refused pickup (not allowed, revoked or unknown code, not this child's adult) is recorded
 * as a `refused_check_out` event and alerts the unit admin.
 */
import { inArray, sql } from 'drizzle-orm';
import { type DoorEventData, doorTiming, type OutsideHours } from '../../../domain/attendance/door-time.js';
import { isPickupCode, normalizePickupCode, PICKUP_CODE_LENGTH } from '../../../domain/attendance/pickup-code.js';
import { describeGaps, PAPERWORK_GAPS, paperworkGaps } from '../../../domain/enrolment/paperwork.js';
import type { Actor } from '../../auth/actor.js';
import type { RequestContext } from '../../context.js';
import type { Sealer } from '../../crypto/secrets.js';
import type { Db } from '../../db/client.js';
import { attendanceDays, attendanceEvents, careClasses, pickupCodes } from '../../db/schema.js';
import type { Lang } from '../../i18n/lang.js';
import { unitsOf } from '../classes/classes.repo.js';
import { paperworkRecords } from '../enrolments/paperwork.sql.js';
import { notify } from '../notifications/notify.js';
import { CLIENT_ID_CONFLICT, isSameDoorEvent, keyOf, lockDays, reproject, storedEvents } from './attendance.days.js';
import { presentDoorChild } from './attendance.door.js';
import { doorEventData, guardiansOf } from './attendance.guardians.js';
import {
  type GuardianNote,
  notifyGuardians,
  notifyPaperworkMissing,
  type PaperworkRefusal,
} from './attendance.notices.js';
import { attendancePolicy } from './attendance.policy.js';
import { classDaysOf } from './attendance.class-days.js';
import { adultsOf, consentsOf, enrolledChildren } from './attendance.repo.js';
import type { DoorChild, EventInput, EventResult } from './attendance.schema.js';

// src/server/demo/load-world.ts still imports the event summary from here; it now lives with the projection.

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
    zh: '接送码无效：没有这个接送码，不能接走孩子；已通知单位管理员。',
    en: 'Invalid pickup code: no such code exists; the child may not be taken and the unit admin has been alerted.',
  },
  PICKUP_NOT_AUTHORISED: {
    reason: 'not_authorised',
    zh: '该成人不是此孩子的授权接送人，不能接走孩子；已通知单位管理员。',
    en: 'This adult is not authorised to pick up this child; the unit admin has been alerted.',
  },
} as const;
export type RefusalCode = keyof typeof REFUSALS;

interface Planned {
  input: EventInput;
  kind: 'check_in' | 'check_out' | 'refused_check_out';
  day: string;
  pickupAdultId: number | null;
  pickupMethod: string | null;
  refusal: RefusalCode | null;
  /** Stored in attendance_events.data: an outside-hours confirmation, the guardian who picked up. */
  data?: DoorEventData | null;
}

const OUTSIDE_WORDS: Record<OutsideHours, Msg> = {
  not_class_day: { zh: '今天不是本班的托管日', en: 'today is not a class day' },
  before_opening: { zh: '尚未到本班开始时间', en: 'the class has not opened yet' },
  after_closing: { zh: '已过本班结束时间', en: 'the class has closed for the day' },
};

/** A malformed pickup code: says what shape a code has (a well-formed unknown one is PICKUP_CODE_UNKNOWN). */
const MALFORMED_CODE: Msg = {
  zh: `接送码格式不对：接送码是 ${PICKUP_CODE_LENGTH} 位字母或数字（不含 0、1、I、L、O），如 ABCD-EFGH，请核对后重新输入。`,
  en: `That is not a pickup code: a code has ${PICKUP_CODE_LENGTH} letters or digits (no 0, 1, I, L or O), like ABCD-EFGH; check it and type it again.`,
};

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
  // Registered guardians may always pick up their own child, listed or not.
  const family = await guardiansOf(
    db,
    kids.map((k) => k.familyId),
  );
  const classById = new Map(classRows.map((c) => [c.id, c]));
  const classDays = new Map(
    await Promise.all(classRows.map(async (c) => [c.id, new Set(await classDaysOf(db, c))] as const)),
  );

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
  // Paperwork before care (P-R7): the places of the children checked in, judged on the day of each check-in.
  const checkInPlaces = inputs
    .filter((e) => e.kind === 'check_in')
    .map((e) => kidOf.get(`${e.classId}:${e.childId}`)?.enrolmentId)
    .filter((id): id is number => id !== undefined);
  const paperwork = await paperworkRecords(db, checkInPlaces);
  const paperworkRefused: PaperworkRefusal[] = [];
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
    // The door writes today only (offline tolerance: see src/domain/attendance/door-time.ts); hours need a confirm.
    const cls = classById.get(e.classId);
    const timing = doorTiming(e.kind, new Date(e.occurredAt), ctx.now, {
      isClassDay: (d) => classDays.get(e.classId)?.has(d) ?? false,
      dailyStart: cls?.dailyStart ?? null,
      dailyEnd: cls?.dailyEnd ?? null,
    });
    if (!timing.ok) {
      if (timing.code === 'OCCURRED_IN_FUTURE')
        refuse('OCCURRED_IN_FUTURE', {
          zh: '记录时间晚于服务器时间，请校准设备时钟',
          en: 'The event is dated in the future; check the device clock',
        });
      else
        refuse('OCCURRED_ON_OTHER_DAY', {
          zh: `这条记录属于 ${timing.day}，不是今天：门口签到只记当天，以前的出勤请在出勤表中更正（须填写原因）。`,
          en: `This entry is for ${timing.day}, not today: the door records today only; earlier days are changed by a correction with its reason.`,
        });
      continue;
    }
    const day = timing.day;
    if (e.kind === 'check_in') {
      const kid = kidOf.get(`${e.classId}:${e.childId}`);
      const record = kid ? paperwork.get(kid.enrolmentId) : undefined;
      const gaps = record ? paperworkGaps(record, day) : [...PAPERWORK_GAPS];
      if (kid && gaps.length) {
        const what = describeGaps(gaps);
        paperworkRefused.push({ clientId: e.clientId, kid, day, gaps, record });
        results.set(e.clientId, {
          clientId: e.clientId,
          outcome: 'refused',
          code: 'PAPERWORK_MISSING',
          message: pick(lang, {
            zh: `材料未齐，不能签到：${what.zh}。已通知家长在手机上补办，办好后即可签到。`,
            en: `Paperwork missing, not checked in: ${what.en}. The guardian has been told what to do on their phone; check the child in once it is done.`,
          }),
          missing: gaps,
        });
        continue;
      }
      let data: DoorEventData | null = null;
      if (timing.outside) {
        const hours = cls?.dailyStart && cls.dailyEnd ? `${cls.dailyStart}–${cls.dailyEnd}` : '';
        const why = OUTSIDE_WORDS[timing.outside];
        if (!e.confirmOutsideHours) {
          refuse('OUTSIDE_HOURS', {
            zh: `不在托管时间内（${why.zh}${hours ? `，托管时间 ${hours}` : ''}）。确认孩子确实到班后可再次签到，系统将记录此确认。`,
            en: `Outside the class's hours (${why.en}${hours ? `; hours ${hours}` : ''}). Confirm that the child is really here to check in; the confirmation is recorded.`,
          });
          continue;
        }
        data = { outsideHours: { reason: timing.outside, confirmed: true } };
      }
      planned.push({ input: e, kind: 'check_in', day, pickupAdultId: null, pickupMethod: null, refusal: null, data });
      continue;
    }
    if (e.pickupCode && !isPickupCode(normalizePickupCode(e.pickupCode))) {
      refuse('PICKUP_CODE_MALFORMED', MALFORMED_CODE);
      continue;
    }
    if (e.pickupGuardianId && !e.pickupCode && !e.pickupAdultId) {
      const kid = kidOf.get(`${e.classId}:${e.childId}`);
      const g = (kid ? family.get(kid.familyId) : undefined)?.find((x) => x.userId === e.pickupGuardianId);
      planned.push({
        input: e,
        kind: g ? 'check_out' : 'refused_check_out',
        day,
        pickupAdultId: null,
        pickupMethod: 'guardian',
        refusal: g ? null : 'PICKUP_NOT_AUTHORISED',
        data: g ? { guardian: { userId: g.userId, name: g.name } } : null,
      });
      continue;
    }
    if (!e.pickupAdultId && !e.pickupCode) {
      refuse('PICKUP_ADULT_REQUIRED', {
        zh: '离园须选择来接的人（监护人或授权接送人）或输入接送码',
        en: 'A check-out needs who is picking up (a guardian or an authorised adult) or their pickup code',
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

  // The guardians hear at once what to do, once per child and day however often the door taps.
  await notifyPaperworkMissing(db, ctx.now, paperworkRefused, results);

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
            data: p.data ? doorEventData(p.data) : null,
          })),
        )
        .onConflictDoNothing({ target: attendanceEvents.clientId })
        .returning({ id: attendanceEvents.id, clientId: attendanceEvents.clientId });
      const newIds = new Map(inserted.map((r) => [r.clientId, r.id]));
      const replayed = planned.filter((p) => !newIds.has(p.input.clientId));
      if (replayed.length) {
        const old = await storedEvents(
          tx,
          replayed.map((p) => p.input.clientId),
        );
        for (const p of replayed) {
          const stored = old.get(p.input.clientId);
          const input = { classId: p.input.classId, childId: p.input.childId, day: p.day, kind: p.input.kind };
          results.set(
            p.input.clientId,
            stored && !isSameDoorEvent(stored, input)
              ? {
                  clientId: p.input.clientId,
                  outcome: 'refused',
                  code: 'CLIENT_ID_CONFLICT',
                  message: pick(lang, CLIENT_ID_CONFLICT),
                }
              : {
                  clientId: p.input.clientId,
                  outcome: 'replayed',
                  ...(stored ? { eventId: stored.id } : {}),
                },
          );
        }
      }
      const fresh = planned.filter((p) => newIds.has(p.input.clientId));
      const freshKeys = fresh
        .filter((p) => p.kind !== 'refused_check_out')
        .map((p) => ({ classId: p.input.classId, childId: p.input.childId, day: p.day }));
      // Serialise with other writers of these child-days, then project from the full set of their events.
      await lockDays(tx, freshKeys);
      const projected = await reproject(tx, freshKeys, ctx.now);
      const guardianNotes: GuardianNote[] = [];
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
            childName: kidOf.get(`${p.input.classId}:${p.input.childId}`)?.name ?? '',
            kind: p.kind as 'check_in' | 'check_out',
            at: new Date(p.input.occurredAt),
            eventId,
            adultName:
              (p.pickupAdultId ? adultById.get(p.pickupAdultId)?.name : undefined) ?? p.data?.guardian?.name ?? null,
          });
      }
      await notifyGuardians(tx, ctx.now, guardianNotes);
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
      touched.push(
        presentDoorChild(
          kid,
          adults.get(k.childId) ?? [],
          rowOf.get(keyOf(k)),
          consent.get(k.childId),
          null,
          family.get(kid.familyId) ?? [],
        ),
      );
    }
  }
  return { results: inputs.map((e) => results.get(e.clientId) as EventResult), children: touched };
}
