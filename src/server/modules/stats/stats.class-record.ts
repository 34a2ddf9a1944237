/**
 * One class's record over the campaign, as of a day (docs/FIGURES.md, "Class record"): the class-level facts of the
 * dashboard (`classFacts`: children, attendance, daily records, latest failing rules, open serious incidents, open
 * rectification items) plus the history the demonstration-class dossier shows — the rule verdicts over time,
 * incidents by severity, inspections done, rectification items opened and closed, working days and the funding
 * ledger's totals, and the class's 家长满意度 (`satisfaction.parents`, 0–100; null below 5 answers, the figure's
 * privacy rule). Unscoped: the caller decides what the actor may see.
 */
import { and, asc, count, eq, lt, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import { ledgerTotals } from '../../../domain/funding/ledger.js';
import { satisfactionValues } from '../../../domain/stats/satisfaction-values.js';
import type { Db } from '../../db/client.js';
import { careClasses, inspectionVisits, rectificationItems, ruleVerdicts } from '../../db/schema.js';
import { classDaysOf } from '../attendance/attendance.class-days.js';
import { asFacts, ledgerOf } from '../funding/funding.repo.js';
import { type ClassFact, classFacts } from './stats.classes.js';
import { endOfDay } from './stats.read.js';
import { incidentCounts } from './stats.repo.js';
import { satisfactionTallies } from './stats.satisfaction.js';

export interface VerdictPoint {
  asOf: string;
  computedAt: string;
  trigger: string;
  failing: string[];
}

export interface FailingRuleMessage {
  id: string;
  zh: string;
  en: string;
}

export interface ClassRecord {
  fact: ClassFact;
  workingDays: number;
  /** Present ÷ scheduled child-days, null when nothing was scheduled. */
  attendanceRate: number | null;
  /** Records made ÷ owed, null when none were owed. */
  recordsCompleteness: number | null;
  verdicts: VerdictPoint[];
  /** The failing rules of the latest evaluation with their messages; null when never evaluated. */
  latestFailing: FailingRuleMessage[] | null;
  incidents: { minor: number; serious: number; critical: number };
  inspectionsDone: number;
  rectifications: { total: number; open: number };
  funding: { incomeFen: number; expenseFen: number } | null;
  /** 家长满意度 0–100 (`satisfaction.parents`), null below 5 answers or before any survey. */
  satisfactionIndex: number | null;
}

export async function classRecord(
  db: Db,
  q: { campaignId: number; classId: number; unitId: number; asOf: IsoDate },
): Promise<ClassRecord | undefined> {
  const bound = endOfDay(q.asOf);
  const fact = (await classFacts(db, { campaignId: q.campaignId, unitIds: [q.unitId], asOf: q.asOf })).find(
    (f) => f.id === q.classId,
  );
  if (!fact) return undefined;
  const [cls] = await db.select().from(careClasses).where(eq(careClasses.id, q.classId));
  const days = cls ? await classDaysOf(db, cls) : [];
  const workingDays = days.filter((d) => d <= q.asOf).length;
  const verdictRows = await db
    .select({
      asOf: ruleVerdicts.asOf,
      computedAt: ruleVerdicts.computedAt,
      trigger: ruleVerdicts.trigger,
      failing: ruleVerdicts.failing,
      results: ruleVerdicts.results,
    })
    .from(ruleVerdicts)
    .where(and(eq(ruleVerdicts.classId, q.classId), lt(ruleVerdicts.computedAt, bound)))
    .orderBy(asc(ruleVerdicts.computedAt), asc(ruleVerdicts.id));
  const latest = verdictRows[verdictRows.length - 1];
  const inc = { minor: 0, serious: 0, critical: 0 };
  for (const r of await incidentCounts(db, [q.classId], bound))
    if (r.severity in inc) inc[r.severity as keyof typeof inc] += Number(r.n);
  const [visits] = await db
    .select({ n: count() })
    .from(inspectionVisits)
    .where(
      and(
        eq(inspectionVisits.classId, q.classId),
        eq(inspectionVisits.status, 'done'),
        lt(inspectionVisits.doneAt, bound),
      ),
    );
  const [items] = await db
    .select({
      total: sql<number>`count(*)::int`,
      open: sql<number>`count(*) FILTER (WHERE ${rectificationItems.closedAt} IS NULL OR ${rectificationItems.closedAt} >= ${bound.toISOString()}::timestamptz)::int`,
    })
    .from(rectificationItems)
    .where(and(eq(rectificationItems.classId, q.classId), lt(rectificationItems.createdAt, bound)));
  const ledger = (await ledgerOf(db, q.classId)).filter((r) => r.e.date <= q.asOf).map((r) => asFacts(r.e));
  const totals = ledger.length > 0 ? ledgerTotals(ledger) : null;
  const tally = (await satisfactionTallies(db, [q.classId], bound)).get(q.classId);
  const parents = tally ? satisfactionValues(tally).find((v) => v.key === 'satisfaction.parents') : undefined;
  return {
    fact,
    workingDays,
    attendanceRate: fact.scheduled > 0 ? fact.present / fact.scheduled : null,
    recordsCompleteness: fact.recordsRequired > 0 ? fact.recordsDone / fact.recordsRequired : null,
    verdicts: verdictRows.map((v) => ({
      asOf: v.asOf,
      computedAt: v.computedAt.toISOString(),
      trigger: v.trigger,
      failing: Array.isArray(v.failing) ? v.failing : [],
    })),
    latestFailing: latest
      ? (Array.isArray(latest.results) ? latest.results : [])
          .filter((r) => r.status === 'fail')
          .map((r) => ({ id: r.id, zh: r.message.zh, en: r.message.en }))
      : null,
    incidents: inc,
    inspectionsDone: Number(visits?.n ?? 0),
    rectifications: { total: Number(items?.total ?? 0), open: Number(items?.open ?? 0) },
    funding: totals ? { incomeFen: totals.incomeFen, expenseFen: totals.expenseFen } : null,
    satisfactionIndex: parents?.value ?? null,
  };
}
