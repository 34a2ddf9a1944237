/**
 * The satisfaction survey's read for the statistics (kept in modules/stats so that stats never imports the survey's
 * module, which reads stats for its indices page): per
 * class, the invitations sent and the answers' summed scores of one round before the end of the as-of day. Grouped
 * in SQL: one query for invitations, one for answers, whatever the number of classes.
 */
import { and, count, eq, lt, sql } from 'drizzle-orm';
import { inIds } from './stats.repo.js';
import { emptyTally, type Round, type SatisfactionTally } from '../../../domain/satisfaction/indices.js';
import type { Db } from '../../db/client.js';
import { satisfactionAnswers, satisfactionInvitations } from '../../db/tables/satisfaction.js';

const sum = (expr: ReturnType<typeof sql>) => sql<number>`COALESCE(SUM(${expr}), 0)::int`;

export async function satisfactionTallies(
  db: Db,
  classIds: readonly number[],
  bound: Date,
  round: Round = 'final',
): Promise<Map<number, SatisfactionTally>> {
  const out = new Map<number, SatisfactionTally>();
  if (classIds.length === 0) return out;
  const ids = [...new Set(classIds)];
  const inv = await db
    .select({ classId: satisfactionInvitations.classId, n: count() })
    .from(satisfactionInvitations)
    .where(
      and(
        inIds(satisfactionInvitations.classId, ids),
        eq(satisfactionInvitations.round, round),
        lt(satisfactionInvitations.createdAt, bound),
      ),
    )
    .groupBy(satisfactionInvitations.classId);
  const a = satisfactionAnswers;
  const ans = await db
    .select({
      classId: a.classId,
      n: count(),
      overall: sum(sql`${a.overall} - 1`),
      happy: sum(sql`${a.happy}`),
      safety: sum(sql`${a.safety} - 1`),
      care: sum(sql`${a.care} - 1`),
      activities: sum(sql`${a.activities} - 1`),
      meals: sum(sql`${a.meals} - 1`),
      mealsN: sql<number>`COUNT(${a.meals})::int`,
      communication: sum(sql`${a.communication} - 1`),
    })
    .from(a)
    .where(and(inIds(a.classId, ids), eq(a.round, round), lt(a.answeredAt, bound)))
    .groupBy(a.classId);
  const tally = (id: number) => {
    let t = out.get(id);
    if (!t) {
      t = emptyTally();
      out.set(id, t);
    }
    return t;
  };
  for (const r of inv) tally(r.classId).invited = Number(r.n);
  for (const r of ans) {
    const t = tally(r.classId);
    const n = Number(r.n);
    t.answers = n;
    t.overall = { n: Number(r.overall), d: 4 * n };
    t.happy = { n: Number(r.happy), d: 2 * n };
    t.items.safety = { n: Number(r.safety), d: 4 * n };
    t.items.care = { n: Number(r.care), d: 4 * n };
    t.items.activities = { n: Number(r.activities), d: 4 * n };
    t.items.meals = { n: Number(r.meals), d: 4 * Number(r.mealsN) };
    t.items.communication = { n: Number(r.communication), d: 4 * n };
  }
  return out;
}

/** Adds tallies (in place into the first). */
export function addTally(into: SatisfactionTally, t: SatisfactionTally): SatisfactionTally {
  into.invited += t.invited;
  into.answers += t.answers;
  into.overall = { n: into.overall.n + t.overall.n, d: into.overall.d + t.overall.d };
  into.happy = { n: into.happy.n + t.happy.n, d: into.happy.d + t.happy.d };
  for (const k of Object.keys(into.items) as (keyof SatisfactionTally['items'])[])
    into.items[k] = { n: into.items[k].n + t.items[k].n, d: into.items[k].d + t.items[k].d };
  return into;
}
