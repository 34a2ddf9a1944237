/**
 * The city's and districts' dashboard (首页数据看板, issue 15) as one read: the targets of the campaign (P-T1…P-T3)
 * with their forecasts, one row per organisation under the one looked at (per class at a unit), the risk list and
 * the compliance heatmap — as of a day. Every number comes from the read layer: at a unit the figures are
 * `unitFigures`' (the same figures the reports freeze); above a unit the rows and the total are the sums of the same
 * class-level reads per row (`districtSums`, the figures `orgFigures` gives, without a figure list per unit), the
 * class-level lists come from `classFacts`, and the reporting rate from the reports module's reporting world. Definitions: docs/FIGURES.md, "Dashboard". Unscoped: the route
 * decides that the actor may see the organisation.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/rows.js';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import type { Campaign } from '../../../domain/campaign/schema.js';
import { RULE_IDS } from '../../../domain/rules/types.js';
import { APPROVED_STATUSES, DELIVERING_STATUSES } from '../../../domain/stats/catalogue.js';
import type { FigureValue } from '../../../domain/stats/figures.js';
import { groupBy, ratioValue, rollUp } from '../../../domain/stats/rollup.js';
import { satisfactionValues } from '../../../domain/stats/satisfaction-values.js';
import { emptyTally as emptySatisfaction, type SatisfactionTally } from '../../../domain/satisfaction/indices.js';
import { addTally, satisfactionTallies } from '../stats/stats.satisfaction.js';
import type { Db } from '../../db/client.js';
import { reportingTally, type TreeNode } from '../reports/reports.expected.js';
import { type ClassFact, classFacts, ENROLLING } from '../stats/stats.classes.js';
import { type DashboardDto, type DashboardRow, RISK_LIMIT, RISK_ORDER } from './dashboard.schema.js';
import { type ClassReads, deliveryTotals, endOfDay, unitFigures } from '../stats/stats.read.js';
import { namedDemonstrationClasses } from '../stats/stats.named.js';
import { scopeCounts } from '../stats/stats.aggregates.js';
import { latestFailing, ownedClasses } from '../stats/stats.repo.js';

export interface DashboardOrg {
  id: number;
  name: string;
  kind: string;
  path: string;
}

export interface DashboardInput {
  campaign: { id: number; name: string; params: Campaign };
  org: DashboardOrg;
  breadcrumbs: { id: number; name: string; kind: string }[];
  asOf: IsoDate;
  /** At most this many classes of each risk kind (default `RISK_LIMIT`; the .xlsx passes Infinity). */
  riskLimit?: number;
}

const APPROVED: ReadonlySet<string> = new Set(APPROVED_STATUSES);
const DELIVERING: ReadonlySet<string> = new Set(DELIVERING_STATUSES);
const value = (vs: readonly FigureValue[], key: string): number => vs.find((v) => v.key === key)?.value ?? 0;
const percent = (vs: readonly FigureValue[], key: string): number | null =>
  vs.find((v) => v.key === key)?.value ?? null;
const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

interface RowParts {
  id: number;
  name: string;
  kind: string;
  drill: boolean;
  status: string | null;
  figures: FigureValue[];
  facts: ClassFact[];
  reporting: { due: number; submitted: number } | null;
}

function rowOf(p: RowParts): DashboardRow {
  const f = p.figures;
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    drill: p.drill,
    status: p.status,
    classes: {
      total: value(f, 'classes.total'),
      enrolling: value(f, 'classes.approved') + value(f, 'classes.open'),
      running: value(f, 'classes.running'),
      finished: value(f, 'classes.closed') + value(f, 'classes.archived'),
      other: value(f, 'classes.draft') + value(f, 'classes.submitted') + value(f, 'classes.returned'),
    },
    unitsDelivering: value(f, 'units.delivering'),
    capacity: value(f, 'places.capacity'),
    placesTaken: value(f, 'places.taken'),
    children: value(f, 'children.enrolled'),
    families: value(f, 'families.served'),
    attendanceRate: percent(f, 'attendance.rate'),
    satisfaction: percent(f, 'satisfaction.parents'),
    failingClasses: p.facts.filter((c) => (c.failing?.length ?? 0) > 0).length,
    openItems: p.facts.reduce((s, c) => s + c.openItems, 0),
    overdueItems: p.facts.reduce((s, c) => s + c.overdueItems, 0),
    reportingRate: p.reporting ? pct(p.reporting.submitted, p.reporting.due) : null,
  };
}

/** A class's figures in the catalogue's words, for a unit's class rows (the same counting as its unit's). */
function classFigures(c: ClassFact): FigureValue[] {
  const approved = APPROVED.has(c.status);
  return [
    { key: 'classes.total', value: 1 },
    { key: `classes.${c.status}`, value: 1 },
    { key: 'units.delivering', value: 0 },
    { key: 'places.capacity', value: approved ? c.capacity : 0 },
    { key: 'places.taken', value: c.placesHeld },
    { key: 'children.enrolled', value: c.children.length },
    { key: 'families.served', value: c.families.length },
    { key: 'attendance.rate', value: pct(c.present, c.scheduled) },
  ];
}

/** The class-level reads above a unit: the classes, the places held per class (counts) and the satisfaction tallies. */
type CountedReads = ClassReads & { placesHeld: Map<number, number>; satisfaction: Map<number, SatisfactionTally> };

/**
 * The class-level reads of a dashboard above a unit, each one grouped query over the classes: what the rows, the
 * total and the class facts need — not the incidents, survey answers or funding a unit's full figure list reads.
 */
async function countedReads(db: Db, campaignId: number, unitIds: readonly number[], asOf: IsoDate) {
  const bound = endOfDay(asOf);
  const classes = await ownedClasses(db, campaignId, unitIds, bound);
  const ids = classes.map((c) => c.id);
  // Side by side: the dashboard reads through the database handle itself, never a transaction (on PostgreSQL the
  // pool runs them on separate connections; PGlite, one connection, takes them in turn).
  const [held, failing, { attendance, records }, satisfaction] = await Promise.all([
    scopeCounts(db, { campaignId, scope: 'class', ids, asOf }),
    latestFailing(
      db,
      classes.filter((c) => APPROVED.has(c.status)).map((c) => c.id),
      bound,
    ),
    deliveryTotals(
      db,
      classes.filter((c) => DELIVERING.has(c.status)),
      asOf,
    ),
    satisfactionTallies(db, ids, bound),
  ]);
  const placesHeld = new Map([...held].map(([id, c]) => [id, c.places]));
  return { classes, placesHeld, failing, attendance, records, satisfaction } satisfies CountedReads;
}

/** What a dashboard row above a unit adds up over its classes (the unit figures' own counting, docs/FIGURES.md). */
interface Sums {
  classes: Map<string, number>;
  /** Units leading a delivering class (`units.delivering`). */
  delivering: Set<number>;
  capacity: number;
  placesTaken: number;
  present: number;
  scheduled: number;
  satisfaction: SatisfactionTally;
}

/**
 * The sums per row: every class added to the row its lead unit lies under (`rowOfUnit`). The same parts as each unit's
 * figures rolled up (sums add, ratios add their parts, the satisfaction tallies add) in one pass over the classes.
 */
function districtSums(r: CountedReads, rowOfUnit: (unitId: number) => number): Map<number, Sums> {
  const out = new Map<number, Sums>();
  for (const c of r.classes) {
    const key = rowOfUnit(c.unitId);
    let s = out.get(key);
    if (!s) {
      s = {
        classes: new Map(),
        delivering: new Set(),
        capacity: 0,
        placesTaken: 0,
        present: 0,
        scheduled: 0,
        satisfaction: emptySatisfaction(),
      };
      out.set(key, s);
    }
    s.classes.set(c.status, (s.classes.get(c.status) ?? 0) + 1);
    s.placesTaken += r.placesHeld.get(c.id) ?? 0;
    if (APPROVED.has(c.status)) s.capacity += c.capacity ?? 0;
    if (DELIVERING.has(c.status)) {
      s.delivering.add(c.unitId);
      const a = r.attendance.get(c.id);
      s.present += a?.presentChildDays ?? 0;
      s.scheduled += a?.scheduledChildDays ?? 0;
    }
    const t = r.satisfaction.get(c.id);
    if (t) addTally(s.satisfaction, t);
  }
  return out;
}

/** A row's figures (those `rowOf` shows) from its sums and its own distinct counts. */
function sumFigures(s: Sums | undefined, own: { children: number; families: number } | undefined): FigureValue[] {
  const classes = [...(s?.classes ?? [])];
  return [
    { key: 'classes.total', value: classes.reduce((n, [, k]) => n + k, 0) },
    ...classes.map(([status, n]) => ({ key: `classes.${status}`, value: n })),
    { key: 'units.delivering', value: s?.delivering.size ?? 0 },
    { key: 'places.capacity', value: s?.capacity ?? 0 },
    { key: 'places.taken', value: s?.placesTaken ?? 0 },
    { key: 'children.enrolled', value: own?.children ?? 0 },
    { key: 'families.served', value: own?.families ?? 0 },
    ratioValue('attendance.rate', s?.present ?? 0, s?.scheduled ?? 0),
    ...satisfactionValues(s?.satisfaction ?? emptySatisfaction()),
  ];
}

/** Reports due and submitted by the day, per reporting organisation of the tree (the reports module's slots, counted). */
async function reportingOf(db: Db, campaignId: number, asOf: IsoDate, tree: readonly TreeNode[]) {
  return reportingTally(db, campaignId, asOf, endOfDay(asOf), tree);
}

export async function dashboardView(db: Db, input: DashboardInput): Promise<DashboardDto> {
  const { campaign, org, asOf } = input;
  const params = campaign.params;
  // The organisation and everything under it, one read of raw rows (a national dashboard reads 16,000 units): the
  // units, the child organisations (the rows) and the tree the reporting tally counts in.
  const tree = rowsOf<{
    id: number;
    name: string;
    path: string;
    kind: string;
    parent_id: number | null;
    active: boolean;
  }>(
    await db.execute(
      sql`SELECT id, name, path, kind, parent_id, active FROM organizations WHERE path LIKE ${`${org.path}%`} ORDER BY id`,
    ),
  );
  const units = tree.filter((o) => o.kind === 'unit');
  const unitIds = units.map((u) => u.id);
  // One set of class-level reads for the figures and the class lists: they agree and are read once.
  const reads: Partial<ClassReads> = {};
  // Above a unit the places, children and families come from the maintained aggregates (counts, no member ids): a
  // city's dashboard then reads a few rows per class and organisation, not every place. A family still counts
  // once at every level: each row's and the total's distinct figures are that organisation's own counts
  // (`distinctOf`), never a sum of its units'. A unit's page keeps the member lists (its class rows count them).
  const byCounts = org.kind !== 'unit';
  // A unit's page: its own figures (one list, its class rows beside it). Above a unit no per-unit figure lists: the
  // rows and the total are sums of the class-level reads (`districtSums`), one pass over the classes.
  // The class-level reads, and beside them (independent of them) the reporting tally, the named classes, the child
  // organisations and their own distinct counts.
  const classSide = async () => {
    const perUnit = byCounts
      ? null
      : await unitFigures(db, { campaignId: campaign.id, unitIds, asOf }, reads, { members: 'ids' });
    if (byCounts) Object.assign(reads, await countedReads(db, campaign.id, unitIds, asOf));
    const facts = await classFacts(db, { campaignId: campaign.id, unitIds, asOf }, reads);
    return { perUnit, facts };
  };
  // The rows above a unit: the child organisations, kinds then ids.
  const kids = byCounts
    ? tree
        .filter((o) => o.parent_id === org.id)
        .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id - b.id))
        .map((o) => ({ id: o.id, name: o.name, kind: o.kind, path: o.path }))
    : [];
  const orgSide = async () => ({
    own: byCounts
      ? await scopeCounts(db, {
          campaignId: campaign.id,
          scope: 'org',
          ids: [org.id, ...kids.map((k) => k.id)],
          asOf,
        })
      : null,
  });
  const [{ perUnit, facts }, reports, named, { own }] = await Promise.all([
    classSide(),
    reportingOf(
      db,
      campaign.id,
      asOf,
      tree.map((o) => ({ id: o.id, parentId: o.parent_id, path: o.path, kind: o.kind, active: o.active })),
    ),
    namedDemonstrationClasses(db, { campaignId: campaign.id, unitIds, asOf }),
    orgSide(),
  ]);
  const unitPath = new Map(units.map((u) => [u.id, u.path]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));

  // The reporting rate's parts under each row (the row's id is the reporter path's next segment) and in all.
  const reportingBy = new Map<string, { due: number; submitted: number }>();
  const add = (key: string, r: { due: number; submitted: number }) => {
    const t = reportingBy.get(key) ?? { due: 0, submitted: 0 };
    t.due += r.due;
    t.submitted += r.submitted;
    reportingBy.set(key, t);
  };
  for (const r of reports) {
    if (!r.path.startsWith(org.path)) continue;
    add(org.path, r);
    const next = r.path.slice(org.path.length).split('/')[0];
    if (next) add(`${org.path}${next}/`, r);
  }
  const reportingUnder = (path: string) => reportingBy.get(path) ?? { due: 0, submitted: 0 };
  // Above a unit: each child organisation's classes, found from the units' paths in one pass (the child's id is
  // the path's next segment), and their sums; the distinct counts are each organisation's own (`own`).
  const parts = byCounts
    ? (() => {
        const kidOfUnit = new Map<number, number>();
        for (const [id, path] of unitPath) kidOfUnit.set(id, Number(path.slice(org.path.length).split('/')[0]));
        const factsOf = groupBy(facts, (c) => kidOfUnit.get(c.unitId) ?? -1);
        const sums = districtSums(reads as CountedReads, (unitId) => kidOfUnit.get(unitId) ?? -1);
        return kids.map((k) => ({
          ...k,
          facts: factsOf.get(k.id) ?? [],
          figures: sumFigures(sums.get(k.id), own?.get(k.id)),
        }));
      })()
    : null;
  // The total: the sums over every class under the organisation (the sum of its children's rows when every unit lies
  // under a child), with the organisation's own distinct counts (a family in two districts is one family).
  const totals = rowOf({
    ...org,
    drill: false,
    status: null,
    figures: byCounts
      ? sumFigures(districtSums(reads as CountedReads, () => org.id).get(org.id), own?.get(org.id))
      : rollUp([...(perUnit?.values() ?? [])]),
    facts,
    reporting: reportingUnder(org.path),
  });

  let rows: DashboardRow[];
  let heatRows: { id: number; name: string; facts: ClassFact[] }[];
  if (org.kind === 'unit') {
    // A class's satisfaction figures: the same read and the same definitions as its unit's (the read layer's).
    const sat = await satisfactionTallies(
      db,
      facts.map((c) => c.id),
      endOfDay(asOf),
    );
    rows = facts.map((c) =>
      rowOf({
        id: c.id,
        name: c.name,
        kind: 'class',
        drill: false,
        status: c.status,
        figures: [...classFigures(c), ...satisfactionValues(sat.get(c.id) ?? emptySatisfaction())],
        facts: [c],
        reporting: null,
      }),
    );
    heatRows = facts.map((c) => ({ id: c.id, name: c.name, facts: [c] }));
  } else {
    const list = parts ?? [];
    rows = list.map((p) => rowOf({ ...p, drill: true, status: null, reporting: reportingUnder(p.path) }));
    heatRows = list.map((p) => ({ id: p.id, name: p.name, facts: p.facts }));
  }

  const failingRules = new Set(facts.flatMap((c) => c.failing ?? []));
  const rules = RULE_IDS.filter((r) => failingRules.has(r));
  const heatmap = {
    rules: [...rules],
    rows: heatRows.map((r) => {
      const approved = r.facts.filter((c) => APPROVED.has(c.status));
      return {
        id: r.id,
        name: r.name,
        classes: approved.length,
        failing: rules.map((rule) => approved.filter((c) => c.failing?.includes(rule)).length),
      };
    }),
  };

  const min = params.scale.minAttendanceRate * 100;
  type Risk = DashboardDto['risks'][number];
  type Found = { c: ClassFact; value: number };
  const byKind: Record<Risk['kind'], Found[]> = { incident: [], overdue: [], attendance: [], records: [] };
  for (const c of facts) {
    const rate = pct(c.present, c.scheduled);
    if (c.status === 'running' && rate !== null && rate < min) byKind.attendance.push({ c, value: rate });
    const missing = c.recordsRequired - c.recordsDone;
    if (c.status === 'running' && missing > 0) byKind.records.push({ c, value: missing });
    if (c.openSeriousIncidents > 0) byKind.incident.push({ c, value: c.openSeriousIncidents });
    if (c.overdueItems > 0) byKind.overdue.push({ c, value: c.overdueItems });
  }
  const detail: Record<Risk['kind'], (v: number) => string> = {
    attendance: (v) => `出勤率 ${v}%，低于最低要求 ${min}%`,
    records: (v) => `日常台账缺 ${v} 项`,
    incident: (v) => `较重及以上安全事件 ${v} 起未结案`,
    overdue: (v) => `整改事项逾期 ${v} 项`,
  };
  // The worst first within a kind (the lowest attendance, the most of the rest), then the class id: a stable order;
  // only the listed ones are worded.
  const limit = input.riskLimit ?? RISK_LIMIT;
  const riskCounts = {
    incident: byKind.incident.length,
    overdue: byKind.overdue.length,
    attendance: byKind.attendance.length,
    records: byKind.records.length,
  };
  const risks: Risk[] = RISK_ORDER.flatMap((kind) =>
    byKind[kind]
      .sort((a, b) => (kind === 'attendance' ? a.value - b.value : b.value - a.value) || a.c.id - b.c.id)
      .slice(0, limit)
      .map(({ c, value }) => ({
        kind,
        classId: c.id,
        className: c.name,
        unitId: c.unitId,
        unitName: unitName.get(c.unitId) ?? '',
        value,
        detail: detail[kind](value),
      })),
  );

  const forecastUnits = new Set(facts.filter((c) => APPROVED.has(c.status)).map((c) => c.unitId)).size;
  const freePlaces = facts
    .filter((c) => ENROLLING.has(c.status))
    .reduce((s, c) => s + Math.max(0, c.capacity - c.placesHeld), 0);
  const targets: DashboardDto['targets'] = [
    {
      key: 'units',
      label: '参与基层单位',
      target: params.targets.units,
      actual: totals.unitsDelivering,
      forecast: Math.max(totals.unitsDelivering, forecastUnits),
      note: null,
    },
    {
      key: 'families',
      label: '服务职工家庭',
      target: params.targets.families,
      actual: totals.families,
      forecast: totals.families + freePlaces,
      note: null,
    },
    {
      key: 'demonstrationClasses',
      label: '市级示范托管班',
      target: params.targets.demonstrationClasses,
      actual: named,
      forecast: named,
      note: named > 0 ? null : '示范班评选尚未开展（暂无评选数据），暂计 0',
    },
  ];

  return {
    campaignId: campaign.id,
    campaignName: campaign.name,
    asOf,
    org: { id: org.id, name: org.name, kind: org.kind },
    breadcrumbs: input.breadcrumbs,
    targets,
    totals,
    rows,
    risks,
    riskCounts,
    heatmap,
    minAttendanceRate: min,
  };
}
