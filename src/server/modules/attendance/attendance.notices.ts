/**
 * What guardians hear from the door: an applied check-in or check-out becomes an in-app notice to each guardian of
 * the child (家长通知). The notice is written once here (`guardianNotice`); the batch path sends it through
 * `notify`, the one way a module tells people something, and the fast path writes the same inbox rows inside its
 * single statement (`guardianInboxRows`, built by notify's own `inboxRows`), since calling `notify` there would
 * cost a round trip per tap.
 *
 * A check-in refused for missing paperwork (P-R7) tells the guardians at once what to do on their phone (sign the
 * agreement, upload or get approved the insurance proof): `paperworkNotice`, once per child and day however often
 * the door taps (`notifyPaperworkMissing`).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { timeInChina } from '../../../domain/calendar/dates.js';
import { describeGaps, type PaperworkGap, type PaperworkRecord } from '../../../domain/enrolment/paperwork.js';
import type { Db } from '../../db/client.js';
import { children, guardians, notifications } from '../../db/schema.js';
import { guardianUserIds, inboxRows, type NotificationInput, notify } from '../notifications/notify.js';
import type { EnrolledChild } from './attendance.repo.js';
import type { EventResult } from './attendance.schema.js';
import { isSameDoorEvent, storedEvents } from './attendance.days.js';

/** An applied check-in or check-out that the child's guardians hear about in the app. */
export interface GuardianNote {
  childId: number;
  childName: string;
  kind: 'check_in' | 'check_out';
  at: Date;
  eventId: number;
  adultName: string | null;
}

export function guardianNotice(n: GuardianNote): NotificationInput {
  return {
    kind: n.kind === 'check_in' ? 'attendance.check_in' : 'attendance.check_out',
    severity: 'info',
    title: n.kind === 'check_in' ? `${n.childName} 已到班` : `${n.childName} 已离班`,
    body:
      n.kind === 'check_in'
        ? `${n.childName} 于 ${timeInChina(n.at)} 签到。`
        : `${n.childName} 于 ${timeInChina(n.at)} 由${n.adultName ? `「${n.adultName}」` : '接送人'}接走。`,
    link: `/m/#/children/${n.childId}/attendance`,
    data: { childId: n.childId, eventId: n.eventId },
  };
}

/** The batch path's notices, in its transaction: one lookup of the guardians for the batch, then `notify` each. */
export async function notifyGuardians(tx: Db, now: Date, notes: GuardianNote[]): Promise<void> {
  if (!notes.length) return;
  const ids = [...new Set(notes.map((n) => n.childId))];
  const gs = await tx
    .select({ childId: children.id, userId: guardians.userId })
    .from(children)
    .innerJoin(guardians, eq(guardians.familyId, children.familyId))
    .where(inArray(children.id, ids));
  for (const n of notes) {
    const userIds = gs.filter((g) => g.childId === n.childId).map((g) => g.userId);
    if (userIds.length) await notify(tx, now, { userIds }, guardianNotice(n));
  }
}

/**
 * The inbox rows `notify` writes for these notices to guardians (people by user id: inbox rows only, no outbox),
 * for the fast path's one statement.
 */
export function guardianInboxRows(
  now: Date,
  notes: GuardianNote[],
  guardiansOf: (childId: number) => number[],
): (typeof notifications.$inferInsert)[] {
  return notes.flatMap((note) => inboxRows(now, guardiansOf(note.childId), guardianNotice(note)));
}

/** A check-in the batch path refused because the paperwork is not complete on the day. */
export interface PaperworkRefusal {
  clientId: string;
  kid: EnrolledChild;
  day: string;
  gaps: PaperworkGap[];
  record: PaperworkRecord | undefined;
}

export const PAPERWORK_NOTICE = 'attendance.paperwork_missing';

/** What the guardian reads: what is missing, and what to do about each on the phone. */
export function paperworkNotice(r: Pick<PaperworkRefusal, 'kid' | 'day' | 'gaps' | 'record'>): NotificationInput {
  const name = r.kid.name;
  // An uploaded proof covering the day that staff have not reviewed yet: nothing to upload, only to wait for.
  const waiting = r.record?.proofs.some(
    (p) => p.status === 'pending' && p.periodStart <= r.day && r.day <= p.periodEnd,
  );
  const todo = r.gaps.map((g) =>
    g === 'agreement'
      ? '在手机上签署托管协议'
      : waiting
        ? '保险凭证正在等待审核，请联系托管班工作人员尽快审核'
        : '购买覆盖托管期的人身意外伤害保险，并在手机上上传保险凭证',
  );
  const target = r.gaps.length === 1 ? (r.gaps[0] === 'agreement' ? '/agreement' : '/insurance') : '';
  return {
    kind: PAPERWORK_NOTICE,
    severity: 'warning',
    title: `${name} 今日未能签到：材料未齐`,
    body: `${name} ${r.day} 到班签到被拒：${describeGaps(r.gaps).zh}。请${todo.join('；')}。办好后，工作人员即可为孩子签到。`,
    link: `/m/#/enrolments/${r.kid.enrolmentId}${target}`,
    data: { childId: r.kid.childId, enrolmentId: r.kid.enrolmentId, day: r.day, missing: r.gaps },
  };
}

/**
 * The guardians of each refused child hear once per child and day (a notice already written for that child-day,
 * by this tap's twin on another phone included, is not written again: the child-day is locked while it is looked
 * up). A refused clientId that is already stored for the same check-in is an event applied earlier (an offline queue
 * sent twice): it answers `replayed`, as every replay does.
 */
export async function notifyPaperworkMissing(
  db: Db,
  now: Date,
  refusals: PaperworkRefusal[],
  results: Map<string, EventResult>,
): Promise<void> {
  if (!refusals.length) return;
  // Only the same check-in sent again is a replay; a clientId stored for another child-day leaves the refusal.
  const stored = await storedEvents(
    db,
    refusals.map((r) => r.clientId),
  );
  const replayed = new Set<string>();
  for (const r of refusals) {
    const e = stored.get(r.clientId);
    if (!e || !isSameDoorEvent(e, { classId: r.kid.classId, childId: r.kid.childId, day: r.day, kind: 'check_in' }))
      continue;
    results.set(r.clientId, { clientId: r.clientId, outcome: 'replayed', eventId: e.id });
    replayed.add(r.clientId);
  }
  const once = new Map(
    refusals.filter((r) => !replayed.has(r.clientId)).map((r) => [`${r.kid.childId}:${r.day}`, r] as const),
  );
  if (!once.size) return;
  await db.transaction(async (tx) => {
    for (const [key, r] of [...once.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${PAPERWORK_NOTICE}:${key}`}))`);
      const userIds = await guardianUserIds(tx, r.kid.childId);
      if (!userIds.length) continue;
      const [told] = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          and(
            inArray(notifications.userId, userIds),
            eq(notifications.kind, PAPERWORK_NOTICE),
            sql`${notifications.data}->>'childId' = ${String(r.kid.childId)}`,
            sql`${notifications.data}->>'day' = ${r.day}`,
          ),
        )
        .limit(1);
      if (!told) await notify(tx, now, { userIds }, paperworkNotice(r));
    }
  });
}
