/**
 * The safety net (每日 08:30): classes that closed without their families being asked (a class closed before this
 * module existed, an import) get the final round; running classes that ask at the mid-point get the mid round once
 * half their days (by the calendar dates) are behind them. Idempotent: inviteClass skips enrolments already asked.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { systemContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses, enrolments } from '../../db/schema.js';
import { satisfactionInvitations, satisfactionSettings } from '../../db/tables/satisfaction.js';
import type { JobDefinition } from '../../jobs/job.js';
import { inviteClass } from './satisfaction.service.js';

/** The day half-way between two dates (inclusive), YYYY-MM-DD. */
export function midPointDate(start: string, end: string): string {
  const a = Date.parse(`${start}T00:00:00Z`);
  const b = Date.parse(`${end}T00:00:00Z`);
  return new Date(a + Math.floor((b - a) / 86_400_000 / 2) * 86_400_000).toISOString().slice(0, 10);
}

export async function inviteDue(db: Db, now: Date) {
  const ctx = systemContext(now);
  const today = todayInChina(now);
  // Closed or archived classes with an accepted enrolment not yet asked in the final round.
  const missing = await db
    .selectDistinct({ id: careClasses.id })
    .from(careClasses)
    .innerJoin(enrolments, and(eq(enrolments.classId, careClasses.id), eq(enrolments.status, 'accepted')))
    .leftJoin(
      satisfactionInvitations,
      and(eq(satisfactionInvitations.enrolmentId, enrolments.id), eq(satisfactionInvitations.round, 'final')),
    )
    .where(
      and(or(eq(careClasses.status, 'closed'), eq(careClasses.status, 'archived')), isNull(satisfactionInvitations.id)),
    );
  let finals = 0;
  for (const c of missing) finals += await db.transaction((tx) => inviteClass(tx, ctx, c.id, 'final'));
  const mids = await db
    .select({ id: careClasses.id, startDate: careClasses.startDate, endDate: careClasses.endDate })
    .from(careClasses)
    .innerJoin(satisfactionSettings, eq(satisfactionSettings.classId, careClasses.id))
    .where(and(eq(satisfactionSettings.midPoint, true), inArray(careClasses.status, ['running'])));
  let midInvites = 0;
  for (const c of mids) {
    if (!c.startDate || !c.endDate || today < midPointDate(c.startDate, c.endDate)) continue;
    midInvites += await db.transaction((tx) => inviteClass(tx, ctx, c.id, 'mid'));
  }
  return { finals, mids: midInvites };
}

export const satisfactionInviteJob: JobDefinition = {
  id: 'satisfaction.invite',
  description: {
    zh: '满意度调查：补发已结束托管班的结束调查，并按设置发出期中调查',
    en: 'Satisfaction survey: send the end-of-class survey where it is missing and the mid-point one where asked',
  },
  schedule: { kind: 'daily', at: '08:30' },
  handler: (db, now) => inviteDue(db, now),
};
