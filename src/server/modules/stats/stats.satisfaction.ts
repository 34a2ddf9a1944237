/**
 * The satisfaction survey's read for the statistics (kept in modules/stats so that stats never imports the survey's
 * module, which reads stats for its indices page): per
 * class, the invitations sent and the answers' summed scores of one round before the end of the as-of day. Grouped
 * in SQL: one query for invitations, one for answers, whatever the number of classes.
 */
import { type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/rows.js';
import { idSet } from './stats.repo.js';
import { emptyTally, type Round, type SatisfactionTally } from '../../../domain/satisfaction/indices.js';
import type { Db } from '../../db/client.js';

/**
 * Per class of the set, one round's invitations sent and answers' summed scores before the bound, as a relation
 * (class_id, invited, answers, overall, happy, safety, care, activities, meals, meals_n, communication; scores less
 * their floor as the indices count them: docs/FIGURES.md). Classes with neither have no row.
 */
export function satisfactionSql(classIds: SQL, bound: Date, round: Round = 'final'): SQL {
  const at = sql`${bound.toISOString()}::timestamptz`;
  return sql`
    SELECT coalesce(i.class_id, a.class_id) AS class_id, coalesce(i.invited, 0) AS invited,
           coalesce(a.answers, 0) AS answers, coalesce(a.overall, 0) AS overall, coalesce(a.happy, 0) AS happy,
           coalesce(a.safety, 0) AS safety, coalesce(a.care, 0) AS care, coalesce(a.activities, 0) AS activities,
           coalesce(a.meals, 0) AS meals, coalesce(a.meals_n, 0) AS meals_n, coalesce(a.communication, 0) AS communication
      FROM (SELECT class_id, count(*)::int AS invited FROM satisfaction_invitations
             WHERE class_id IN (${classIds}) AND round = ${round} AND created_at < ${at} GROUP BY class_id) i
      FULL JOIN (
        SELECT class_id, count(*)::int AS answers, sum(overall - 1)::int AS overall, sum(happy)::int AS happy,
               sum(safety - 1)::int AS safety, sum(care - 1)::int AS care, sum(activities - 1)::int AS activities,
               coalesce(sum(meals - 1), 0)::int AS meals, count(meals)::int AS meals_n,
               sum(communication - 1)::int AS communication
          FROM satisfaction_answers
         WHERE class_id IN (${classIds}) AND round = ${round} AND answered_at < ${at} GROUP BY class_id) a
        ON a.class_id = i.class_id`;
}

/** A row of `satisfactionSql` as a tally (the indices' parts). */
export function tallyOfRow(r: SatisfactionRow): SatisfactionTally {
  const t = emptyTally();
  const n = Number(r.answers);
  t.invited = Number(r.invited);
  t.answers = n;
  t.overall = { n: Number(r.overall), d: 4 * n };
  t.happy = { n: Number(r.happy), d: 2 * n };
  t.items.safety = { n: Number(r.safety), d: 4 * n };
  t.items.care = { n: Number(r.care), d: 4 * n };
  t.items.activities = { n: Number(r.activities), d: 4 * n };
  t.items.meals = { n: Number(r.meals), d: 4 * Number(r.meals_n) };
  t.items.communication = { n: Number(r.communication), d: 4 * n };
  return t;
}

export interface SatisfactionRow {
  invited: number;
  answers: number;
  overall: number;
  happy: number;
  safety: number;
  care: number;
  activities: number;
  meals: number;
  meals_n: number;
  communication: number;
}

/** Per class, one round's invitations and answers before the bound (`satisfactionSql`), as tallies. */
export async function satisfactionTallies(
  db: Db,
  classIds: readonly number[],
  bound: Date,
  round: Round = 'final',
): Promise<Map<number, SatisfactionTally>> {
  const out = new Map<number, SatisfactionTally>();
  if (classIds.length === 0) return out;
  const rows = rowsOf<SatisfactionRow & { class_id: number }>(
    await db.execute(satisfactionSql(idSet([...new Set(classIds)]), bound, round)),
  );
  for (const r of rows) out.set(r.class_id, tallyOfRow(r));
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
