/**
 * The city's and districts' dashboard (首页数据看板, issue 15) as one read: the targets of the campaign (P-T1…P-T3)
 * with their forecasts, one row per organisation under the one looked at (per class at a unit), the risk list and
 * the compliance heatmap — as of a day. Every number comes from the read layer: the rows are roll-ups of
 * `unitFigures` (the same figures the reports freeze), the class-level lists from `classFacts`, and the reporting
 * rate from the reports module's reporting world. Definitions: docs/FIGURES.md, "Dashboard". Unscoped: the route
 * decides that the actor may see the organisation.
 */
import { asc, eq } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import type { Campaign } from '../../../domain/campaign/schema.js';
import { RULE_IDS } from '../../../domain/rules/types.js';
import { APPROVED_STATUSES } from '../../../domain/stats/catalogue.js';
import type { FigureValue } from '../../../domain/stats/figures.js';
import { rollUp } from '../../../domain/stats/rollup.js';
import { satisfactionValues } from '../../../domain/stats/satisfaction-values.js';
import { emptyTally as emptySatisfaction } from '../../../domain/satisfaction/indices.js';
import { satisfactionTallies } from '../stats/stats.satisfaction.js';
import type { Db } from '../../db/client.js';
import { organizations } from '../../db/schema.js';
import { reportingWorld } from '../reports/reports.expected.js';
import { type ClassFact, classFacts, ENROLLING } from '../stats/stats.classes.js';
import type { DashboardDto, DashboardRow } from './dashboard.schema.js';
import { type ClassReads, endOfDay, unitFigures } from '../stats/stats.read.js';
import { namedDemonstrationClasses } from '../stats/stats.named.js';
import { scopeCounts } from '../stats/stats.aggregates.js';
import { inIds, unsafeUnitsUnder } from '../stats/stats.repo.js';

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
}

const APPROVED: ReadonlySet<string> = new Set(APPROVED_STATUSES);
const value = (vs: readonly FigureValue[], key: string): number => vs.find((v) => v.key === key)?.value ?? 0;
const percent = (vs: readonly FigureValue[], key: string): number | null =>
  vs.find((v) => v.key === key)?.value ?? null;
const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);
const group = <T>(items: readonly T[], key: (t: T) => number) => {
  const out = new Map<number, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
};

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

/** Reports due and submitted by the day, per reporting organisation path (null when the campaign has no world). */
async function reportingOf(db: Db, campaignId: number, asOf: IsoDate) {
  const bound = endOfDay(asOf);
  const world = await reportingWorld(db, campaignId, null, new Date(bound.getTime() - 1));
  if (!world) return [];
  return world.slots
    .filter((s) => s.period.dueDate <= asOf)
    .map((s) => ({
      path: s.org.path,
      submitted: s.report?.firstSubmittedAt ? s.report.firstSubmittedAt < bound : false,
    }));
}

export async function dashboardView(db: Db, input: DashboardInput): Promise<DashboardDto> {
  const { campaign, org, asOf } = input;
  const params = campaign.params;
  const unitIds = org.kind === 'unit' ? [org.id] : await unsafeUnitsUnder(db, org.path);
  // One set of class-level reads for the figures and the class lists: they agree and are read once.
  const reads: Partial<ClassReads> = {};
  // Above a unit the places, children and families come from the maintained aggregates (counts, no member ids): a
  // city's dashboard then reads a few rows per class and organisation, not every place. A family still counts
  // once at every level: each row's and the total's distinct figures are that organisation's own counts
  // (`distinctOf`), never a sum of its units'. A unit's page keeps the member lists (its class rows count them).
  const byCounts = org.kind !== 'unit';
  const perUnit = await unitFigures(db, { campaignId: campaign.id, unitIds, asOf }, reads, {
    members: byCounts ? 'counts' : 'ids',
  });
  const facts = await classFacts(db, { campaignId: campaign.id, unitIds, asOf }, reads);
  const reports = await reportingOf(db, campaign.id, asOf);
  const named = await namedDemonstrationClasses(db, { campaignId: campaign.id, unitIds, asOf });
  const units =
    unitIds.length === 0
      ? []
      : await db
          .select({ id: organizations.id, name: organizations.name, path: organizations.path })
          .from(organizations)
          .where(inIds(organizations.id, unitIds));
  const unitPath = new Map(units.map((u) => [u.id, u.path]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));

  const reportingUnder = (path: string) => {
    const mine = reports.filter((r) => r.path.startsWith(path));
    return { due: mine.length, submitted: mine.filter((r) => r.submitted).length };
  };
  const kids = byCounts
    ? await db
        .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, path: organizations.path })
        .from(organizations)
        .where(eq(organizations.parentId, org.id))
        .orderBy(asc(organizations.kind), asc(organizations.id))
    : [];
  const own = byCounts
    ? await scopeCounts(db, { campaignId: campaign.id, scope: 'org', ids: [org.id, ...kids.map((k) => k.id)], asOf })
    : null;
  /** An organisation's roll-up with its own distinct counts (a family in two of its units is one family). */
  const distinctOf = (id: number, figures: FigureValue[]): FigureValue[] => {
    const c = own?.get(id);
    if (!c) return figures;
    return figures.map((f) =>
      f.key === 'children.enrolled'
        ? { key: f.key, value: c.children }
        : f.key === 'families.served'
          ? { key: f.key, value: c.families }
          : f,
    );
  };
  // Above a unit: each child organisation's units and classes, found from the units' paths in one pass (the
  // child's id is the path's next segment), and their roll-ups.
  const parts = byCounts
    ? (() => {
        const kidOfUnit = new Map<number, number>();
        for (const [id, path] of unitPath) kidOfUnit.set(id, Number(path.slice(org.path.length).split('/')[0]));
        const unitsOf = group(unitIds, (id) => kidOfUnit.get(id) ?? -1);
        const factsOf = group(facts, (c) => kidOfUnit.get(c.unitId) ?? -1);
        const list = kids.map((k) => ({
          ...k,
          units: unitsOf.get(k.id) ?? [],
          facts: factsOf.get(k.id) ?? [],
          figures: distinctOf(k.id, rollUp((unitsOf.get(k.id) ?? []).map((id) => perUnit.get(id) ?? []))),
        }));
        return list;
      })()
    : null;
  // Every unit lies under one child: the total is the roll-up of the children's (sums and ratio parts add up; the
  // distinct counts are the organisation's own) — unless some unit was not placed under a child.
  const placed = parts?.reduce((n, p) => n + p.units.length, 0) === unitIds.length;
  const totals = rowOf({
    ...org,
    drill: false,
    status: null,
    figures: distinctOf(org.id, rollUp(parts && placed ? parts.map((p) => p.figures) : [...perUnit.values()])),
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
  const risks: DashboardDto['risks'] = [];
  for (const c of facts) {
    const base = { classId: c.id, className: c.name, unitId: c.unitId, unitName: unitName.get(c.unitId) ?? '' };
    const rate = pct(c.present, c.scheduled);
    if (c.status === 'running' && rate !== null && rate < min)
      risks.push({ ...base, kind: 'attendance', value: rate, detail: `出勤率 ${rate}%，低于最低要求 ${min}%` });
    const missing = c.recordsRequired - c.recordsDone;
    if (c.status === 'running' && missing > 0)
      risks.push({ ...base, kind: 'records', value: missing, detail: `日常台账缺 ${missing} 项` });
    if (c.openSeriousIncidents > 0)
      risks.push({
        ...base,
        kind: 'incident',
        value: c.openSeriousIncidents,
        detail: `较重及以上安全事件 ${c.openSeriousIncidents} 起未结案`,
      });
    if (c.overdueItems > 0)
      risks.push({ ...base, kind: 'overdue', value: c.overdueItems, detail: `整改事项逾期 ${c.overdueItems} 项` });
  }

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
    heatmap,
    minAttendanceRate: min,
  };
}
