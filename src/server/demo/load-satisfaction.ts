/**
 * The demo's satisfaction survey (#16 孩子开心、家长放心), deterministic for the seed: every finished (closed or
 * archived) class of the city's campaigns asked its enrolled families the day after its last day, and 60–85 % of them
 * answered within a week — mostly content, each class with its own character, a few parents critical in their own
 * words (no names). The demo `parent` account is left with one survey waiting: its family's final survey stays
 * unanswered, or — when its children are only in running classes — that class asks at the mid-point too.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { addDays } from '../../domain/calendar/dates.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import { campaigns, careClasses, enrolments, guardians } from '../db/schema.js';
import { satisfactionAnswers, satisfactionInvitations, satisfactionSettings } from '../db/tables/satisfaction.js';
import { recordEvent } from '../events/audit.js';
import { inviteClass } from '../modules/satisfaction/satisfaction.service.js';
import { seededRng } from './random.js';

const PRAISE = [
  '孩子每天都盼着去，回家会讲当天做了什么手工。',
  '老师很负责，作业在班里基本都能写完，我们下班轻松多了。',
  '午饭干净可口，孩子说比学校食堂还好吃。',
  '群里每天发照片和接送提醒，很放心。',
  '希望寒假还能继续办。',
  '活动安排丰富，阅读和体育都有，孩子晒黑了也开心。',
];
const CRITICAL = [
  '下午放学接孩子的时间太早，双职工家庭赶不上，希望能延长到六点。',
  '有一周空调坏了两天，教室里很热，希望及时维修。',
  '午饭分量偏少，孩子回家说没吃饱。',
  '活动有点单调，后两周基本都是写作业和看电影。',
];

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

export async function loadDemoSatisfaction(
  tx: Db,
  ctx: RequestContext,
  o: { seed: number; cityId: number; parentUserId: number | undefined },
): Promise<{ rows: number; invited: number; answers: number }> {
  const rng = seededRng(o.seed * 104729 + 16);
  // Every campaign of the city: the running demo season and the finished summer of the city's year.
  const camps = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.orgId, o.cityId));
  if (!camps.length) throw new Error('demo satisfaction: no campaign');
  const [parent] = o.parentUserId
    ? await tx.select({ familyId: guardians.familyId }).from(guardians).where(eq(guardians.userId, o.parentUserId))
    : [];
  const finished = await tx
    .select({ id: careClasses.id, endDate: careClasses.endDate, meals: careClasses.meals })
    .from(careClasses)
    .where(
      and(
        inArray(
          careClasses.campaignId,
          camps.map((c) => c.id),
        ),
        inArray(careClasses.status, ['closed', 'archived']),
      ),
    )
    .orderBy(asc(careClasses.id));
  let invited = 0;
  let answers = 0;
  let critical = 0;
  let parentWaiting = false;
  for (const c of finished) {
    const end = c.endDate ?? addDays(ctx.now.toISOString().slice(0, 10), -7);
    const sent = at(addDays(end, 1), '18:00');
    const n = await inviteClass(tx, { ...ctx, now: sent }, c.id, 'final');
    invited += n;
    if (!n) continue;
    const invs = await tx
      .select()
      .from(satisfactionInvitations)
      .where(and(eq(satisfactionInvitations.classId, c.id), eq(satisfactionInvitations.round, 'final')))
      .orderBy(asc(satisfactionInvitations.id));
    // Each class its own character: most are liked, one in a few less so.
    const mood = rng.next() < 0.2 ? -1 : rng.next() < 0.5 ? 0 : 1;
    const rate = 0.6 + rng.next() * 0.25;
    for (const inv of invs) {
      if (parent && inv.familyId === parent.familyId) {
        parentWaiting = true;
        continue;
      }
      if (rng.next() > rate) continue;
      const base = Math.max(1, Math.min(5, (rng.next() < 0.55 ? 5 : rng.next() < 0.7 ? 4 : 3) + (mood < 0 ? -1 : 0)));
      const near = () => Math.max(1, Math.min(5, base + rng.pick([-1, 0, 0, 0, 1]) + (mood > 0 ? 0 : 0)));
      const overall = rng.next() < 0.04 ? rng.int(1, 2) : base;
      const happy =
        overall >= 4 ? (rng.next() < 0.85 ? 2 : 1) : overall === 3 ? rng.pick([2, 1, 1, 0]) : rng.pick([1, 0, 0]);
      let comment: string | null = null;
      if (overall <= 3 && critical < CRITICAL.length && rng.next() < 0.6) comment = CRITICAL[critical++] ?? null;
      else if (rng.next() < 0.18) comment = rng.pick(PRAISE);
      await tx.insert(satisfactionAnswers).values({
        invitationId: inv.id,
        classId: c.id,
        enrolmentId: inv.enrolmentId,
        round: 'final',
        overall,
        safety: near(),
        care: near(),
        activities: near(),
        meals: c.meals === 'none' ? null : near(),
        communication: near(),
        happy,
        comment,
        answeredAt: new Date(sent.getTime() + rng.int(1, 7 * 24) * 3600_000),
      });
      answers += 1;
    }
  }
  let rows = invited + answers;
  if (parent && !parentWaiting) {
    // The parent's children are only in classes still running: that class asks at the mid-point as well.
    const [e] = await tx
      .select({ classId: enrolments.classId })
      .from(enrolments)
      .innerJoin(careClasses, eq(careClasses.id, enrolments.classId))
      .where(
        and(
          eq(enrolments.familyId, parent.familyId),
          eq(enrolments.status, 'accepted'),
          eq(careClasses.status, 'running'),
        ),
      )
      .orderBy(asc(enrolments.id))
      .limit(1);
    if (e) {
      await tx
        .insert(satisfactionSettings)
        .values({ classId: e.classId, midPoint: true, updatedAt: ctx.now })
        .onConflictDoNothing();
      rows += 1 + (await inviteClass(tx, ctx, e.classId, 'mid'));
    }
  }
  await recordEvent(tx, ctx, {
    action: 'demo.satisfaction',
    entity: 'satisfaction',
    after: { classes: finished.length, invited, answers },
  });
  return { rows, invited, answers };
}
