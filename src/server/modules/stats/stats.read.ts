/**
 * The statistics read layer (统计口径): every figure of docs/FIGURES.md (catalogue: src/domain/stats/catalogue.ts)
 * for a campaign as of a day. The reports, the dashboard and the exports read figures here and nowhere else; this
 * module in turn reads other modules' definitions only through their public reads (attendance: `attendanceTotals`
 * and `classDaysOf`; daily: `dailyCompleteness`).
 *
 * - `unitFigures`: each unit's own figures — the classes it leads (a joint class counts for its lead unit only),
 *   their places, children, attendance, records, incidents and verdicts, and the survey answers given for it. A
 *   fixed handful of grouped queries whatever the number of units.
 * - `orgFigures`: an organisation's figures — a unit's own, or for a district, an industry union or the city the
 *   roll-up (src/domain/stats/rollup.ts) of every unit in its subtree, so a parent's figure is by construction the
 *   roll-up of its units' (distinct families and children counted once).
 */
import { addDays, type IsoDate } from '../../../domain/calendar/dates.js';
import { CLASS_STATUSES } from '../../../domain/classes/lifecycle.js';
import {
  APPROVED_STATUSES,
  DELIVERING_STATUSES,
  FIGURES,
  INCIDENT_SEVERITIES,
} from '../../../domain/stats/catalogue.js';
import type { FigureValue } from '../../../domain/stats/figures.js';
import { addFunding, emptyFundingTally, type FundingTally, fundingValues } from '../../../domain/stats/funding.js';
import { distinctValue, emptyFigures, ratioValue, rollUp } from '../../../domain/stats/rollup.js';
import { satisfactionValues } from '../../../domain/stats/satisfaction-values.js';
import { emptyTally as emptySatisfaction, type SatisfactionTally } from '../../../domain/satisfaction/indices.js';
import { SURVEY_GRADES } from '../../../domain/surveys/answers.js';
import type { Db } from '../../db/client.js';
import { notFound } from '../../errors.js';
import { classFunding } from '../funding/funding.figures.js';
import type { AttendanceTotals } from '../attendance/attendance.totals.js';
import type { DailyCompleteness } from '../daily/daily.figures.js';
import { classDayTotals } from './stats.aggregates.js';
import { addTally, satisfactionTallies } from './stats.satisfaction.js';
import {
  acceptedPlaces,
  incidentCounts,
  latestFailing,
  type OwnedClass,
  ownedClasses,
  surveyAnswers,
  unsafeOrgById,
  unsafeUnitsUnder,
} from './stats.repo.js';

export { freezeFigures } from '../../../domain/stats/freeze.js';

export interface FiguresQuery {
  campaignId: number;
  /** The last day counted (the period's end), YYYY-MM-DD, China time, inclusive. */
  asOf: IsoDate;
}

/** The end of the as-of day: the next day's 00:00 in China (UTC+8, no daylight saving). */
export function endOfDay(asOf: IsoDate): Date {
  return new Date(`${addDays(asOf, 1)}T00:00:00+08:00`);
}

const DELIVERING: ReadonlySet<string> = new Set(DELIVERING_STATUSES);
const APPROVED: ReadonlySet<string> = new Set(APPROVED_STATUSES);

/** Counters of one unit while its rows are read. */
interface Tally {
  classes: Map<string, number>;
  capacity: number;
  delivering: boolean;
  placesTaken: number;
  kindergartenTaken: number;
  children: Set<number>;
  families: Set<number>;
  workingDays: number;
  present: number;
  scheduled: number;
  incidents: Map<string, number>;
  recordsDone: number;
  recordsRequired: number;
  compliant: number;
  approved: number;
  respondents: number;
  surveyChildren: Map<string, number>;
  funding: FundingTally;
  satisfaction: SatisfactionTally;
}

function emptyTally(): Tally {
  return {
    classes: new Map(),
    capacity: 0,
    delivering: false,
    placesTaken: 0,
    kindergartenTaken: 0,
    children: new Set(),
    families: new Set(),
    workingDays: 0,
    present: 0,
    scheduled: 0,
    incidents: new Map(),
    recordsDone: 0,
    recordsRequired: 0,
    compliant: 0,
    approved: 0,
    respondents: 0,
    surveyChildren: new Map(),
    funding: emptyFundingTally(),
    satisfaction: emptySatisfaction(),
  };
}

const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

/** A unit's counters as figures, in the catalogue's order. */
function figuresOf(t: Tally): FigureValue[] {
  const values = new Map<string, FigureValue>();
  const put = (v: FigureValue) => values.set(v.key, v);
  let total = 0;
  for (const s of CLASS_STATUSES) {
    const n = t.classes.get(s) ?? 0;
    total += n;
    put({ key: `classes.${s}`, value: n });
  }
  put({ key: 'classes.total', value: total });
  put({ key: 'units.delivering', value: t.delivering ? 1 : 0 });
  put({ key: 'places.capacity', value: t.capacity });
  put({ key: 'places.taken', value: t.placesTaken });
  put(distinctValue('children.enrolled', t.children));
  put(distinctValue('families.served', t.families));
  put(ratioValue('kindergarten.share', t.kindergartenTaken, t.placesTaken));
  put({ key: 'workingDays.delivered', value: t.workingDays });
  put(ratioValue('attendance.rate', t.present, t.scheduled));
  let incidents = 0;
  for (const s of INCIDENT_SEVERITIES) {
    const n = t.incidents.get(s) ?? 0;
    incidents += n;
    put({ key: `incidents.${s}`, value: n });
  }
  put({ key: 'incidents.total', value: incidents });
  put(ratioValue('daily.completeness', t.recordsDone, t.recordsRequired));
  put(ratioValue('compliance.rate', t.compliant, t.approved));
  put({ key: 'survey.respondents', value: t.respondents });
  let surveyed = 0;
  for (const g of SURVEY_GRADES) {
    const n = t.surveyChildren.get(g) ?? 0;
    surveyed += n;
    put({ key: `survey.children.${g}`, value: n });
  }
  put({ key: 'survey.children', value: surveyed });
  for (const v of fundingValues(t.funding)) put(v);
  for (const v of satisfactionValues(t.satisfaction)) put(v);
  return FIGURES.map((f) => values.get(f.key) ?? { key: f.key, value: 0 });
}

/** The children an answer names, by grade (as the survey results count them: one per listed child). */
function answeredGrades(answers: unknown): string[] {
  const list = (answers as { children?: unknown } | null)?.children;
  if (!Array.isArray(list)) return [];
  return list
    .map((c) => (c as { grade?: unknown } | null)?.grade)
    .filter((g): g is string => typeof g === 'string' && (SURVEY_GRADES as readonly string[]).includes(g));
}

/**
 * Every given unit's own figures as of the day, by unit id (every id gets a full list, zeros when it led nothing).
 * Ids of other organisations work too: a district leads no class, so its own figures are zeros.
 * The places are read one by one and the distinct figures (`children.enrolled`, `families.served`) carry their
 * member ids, so that any roll-up counts a family once (the dashboard above a unit takes each organisation's own
 * distinct counts from the maintained aggregates instead: `scopeCounts`).
 */
export async function unitFigures(
  db: Db,
  q: FiguresQuery & { unitIds: readonly number[] },
): Promise<Map<number, FigureValue[]>> {
  const unitIds = [...new Set(q.unitIds)];
  const bound = endOfDay(q.asOf);
  const tallies = new Map<number, Tally>(unitIds.map((id) => [id, emptyTally()]));
  const classes = await ownedClasses(db, q.campaignId, unitIds, bound);
  const unitOf = new Map(classes.map((c) => [c.id, c.unitId]));
  const tallyOf = (classId: number) => tallies.get(unitOf.get(classId) ?? -1);
  const ids = classes.map((c) => c.id);
  const delivering = classes.filter((c) => DELIVERING.has(c.status));
  const approved = classes.filter((c) => APPROVED.has(c.status));

  // One query after another, not side by side: the caller may pass a transaction (one connection), e.g. a report
  // that freezes its figures in the same snapshot it saves them in.
  const places = await acceptedPlaces(db, ids, bound);
  const incidentRows = await incidentCounts(db, ids, bound);
  const failing = await latestFailing(
    db,
    approved.map((c) => c.id),
    bound,
  );
  // Attendance, daily records and class days from the maintained aggregates: a range sum per class, not a scan.
  const { attendance, records, days } = await deliveryTotals(db, delivering, q.asOf);
  const answers = await surveyAnswers(db, q.campaignId, unitIds, bound);
  const funding = await classFunding(db, ids, q.asOf, bound);
  const satisfaction = await satisfactionTallies(db, ids, bound);

  for (const c of classes) {
    const t = tallies.get(c.unitId);
    if (!t) continue;
    bump(t.classes, c.status);
    addFunding(t.funding, funding.get(c.id));
    if (APPROVED.has(c.status)) {
      t.capacity += c.capacity ?? 0;
      t.approved += 1;
      const f = failing.get(c.id);
      if (f && f.length === 0) t.compliant += 1;
    }
    if (DELIVERING.has(c.status)) {
      t.delivering = true;
      t.workingDays += days.get(c.id) ?? 0;
      const a = attendance.get(c.id);
      t.present += a?.presentChildDays ?? 0;
      t.scheduled += a?.scheduledChildDays ?? 0;
      const r = records.get(c.id);
      t.recordsDone += r?.done ?? 0;
      t.recordsRequired += r?.required ?? 0;
    }
  }
  for (const p of places) {
    const t = tallyOf(p.classId);
    if (!t) continue;
    t.families.add(p.familyId);
    if (!p.held) continue;
    t.placesTaken += 1;
    if (p.grade === 'K') t.kindergartenTaken += 1;
    t.children.add(p.childId);
  }
  for (const r of incidentRows) {
    const t = tallyOf(r.classId);
    if (t) bump(t.incidents, r.severity, Number(r.n));
  }
  for (const a of answers) {
    const t = tallies.get(a.orgId);
    if (!t) continue;
    t.respondents += 1;
    for (const g of answeredGrades(a.answers)) bump(t.surveyChildren, g);
  }
  for (const [classId, s] of satisfaction) {
    const t = tallyOf(classId);
    if (t) addTally(t.satisfaction, s);
  }
  return new Map(unitIds.map((id) => [id, figuresOf(tallies.get(id) ?? emptyTally())]));
}

/**
 * Attendance, daily records and class days up to the day, per delivering class, from the aggregates the stats
 * module keeps in step with the writes (stats.aggregates.ts): the same parts as attendanceTotals, dailyCompleteness
 * and the class days would give, read as a range sum.
 */
export async function deliveryTotals(
  db: Db,
  classes: readonly OwnedClass[],
  asOf: IsoDate,
): Promise<{
  attendance: Map<number, AttendanceTotals>;
  records: Map<number, DailyCompleteness>;
  days: Map<number, number>;
}> {
  const totals = await classDayTotals(db, classes, asOf);
  const attendance = new Map<number, AttendanceTotals>();
  const records = new Map<number, DailyCompleteness>();
  const days = new Map<number, number>();
  for (const [id, t] of totals) {
    attendance.set(id, { presentChildDays: t.presentChildDays, scheduledChildDays: t.scheduledChildDays });
    records.set(id, { required: t.recordsRequired, done: t.recordsDone });
    days.set(id, t.days);
  }
  return { attendance, records, days };
}

/**
 * An organisation's figures as of the day: a unit's own; for a district, an industry union or the city the roll-up
 * of every grassroots unit in its subtree (active or not: what they did still happened). Not scoped: the caller
 * has decided the actor may see the organisation (the route does, through `inScope`). Unknown organisation: 404.
 */
export async function orgFigures(db: Db, q: FiguresQuery & { orgId: number }): Promise<FigureValue[]> {
  const org = await unsafeOrgById(db, q.orgId);
  if (!org) throw notFound();
  const unitIds = org.kind === 'unit' ? [org.id] : await unsafeUnitsUnder(db, org.path);
  const perUnit = await unitFigures(db, { campaignId: q.campaignId, asOf: q.asOf, unitIds });
  if (org.kind === 'unit') return perUnit.get(org.id) ?? emptyFigures();
  return rollUp([...perUnit.values()]);
}
