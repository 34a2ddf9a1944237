/**
 * What guardians hear from the door: an applied check-in or check-out becomes an in-app notice to each guardian of
 * the child (家长通知). The notice is written once here (`guardianNotice`); the batch path sends it through
 * `notify`, the one way a module tells people something, and the fast path writes the same inbox rows inside its
 * single statement (`guardianInboxRows`, built by notify's own `inboxRows`), since calling `notify` there would
 * cost a round trip per tap.
 */
import { eq, inArray } from 'drizzle-orm';
import { timeInChina } from '../../../domain/calendar/dates.js';
import type { Db } from '../../db/client.js';
import { children, guardians, type notifications } from '../../db/schema.js';
import { inboxRows, type NotificationInput, notify } from '../notifications/notify.js';

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
