/**
 * The city's and districts' dashboard (首页数据看板, issue 15) as one read: the targets of the campaign (P-T1…P-T3)
 * with their forecasts, one row per organisation under the one looked at (per class at a unit), the risk list and
 * the compliance heatmap — as of a day. Every number comes from the read layer: at a unit the figures are
 * `unitFigures`' (the same figures the reports freeze) and its rows its classes' `classFacts`; above a unit the rows
 * and the total are the class facts (`classFactsSql`, the read layer's own class reads in SQL) grouped by row in the
 * database — the figures `orgFigures` gives; the risk list, the heatmap and the forecasts come from the same grouped
 * statement at every level, and the reporting rate from the reports module's reporting world. Definitions:
 * docs/FIGURES.md, "Dashboard". Unscoped: the route decides that the actor may see the organisation.
 */
import { type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/rows.js';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import type { Campaign } from '../../../domain/campaign/schema.js';
import { RULE_IDS } from '../../../domain/rules/types.js';
import { APPROVED_STATUSES, DELIVERING_STATUSES } from '../../../domain/stats/catalogue.js';
import type { FigureValue } from '../../../domain/stats/figures.js';
import { ratioValue, rollUp } from '../../../domain/stats/rollup.js';
import { satisfactionValues } from '../../../domain/stats/satisfaction-values.js';
import { emptyTally as emptySatisfaction } from '../../../domain/satisfaction/indices.js';
import { type SatisfactionRow, satisfactionSql, satisfactionTallies, tallyOfRow } from '../stats/stats.satisfaction.js';
import type { Db } from '../../db/client.js';
import { reportingTallySql } from '../reports/reports.expected.js';
import { type ClassFact, classFacts, classFactsSql, ENROLLING } from '../stats/stats.classes.js';
import { type DashboardDto, type DashboardRow, RISK_LIMIT, RISK_ORDER } from './dashboard.schema.js';
import { endOfDay, unitFigures } from '../stats/stats.read.js';
import { namedDemonstrationClasses } from '../stats/stats.named.js';
import { refreshStale, scopeCounts } from '../stats/stats.aggregates.js';
import { campaignClassesSql, textList, type Units } from '../stats/stats.repo.js';

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
const value = (vs: readonly FigureValue[], key: string): number => vs.find((v) => v.key === key)?.value ?? 0;
const percent = (vs: readonly FigureValue[], key: string): number | null =>
  vs.find((v) => v.key === key)?.value ?? null;
const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/** What a row shows beside its figures: its classes failing a rule, its open and overdue rectification items. */
interface Supervision {
  failingClasses: number;
  openItems: number;
  overdueItems: number;
}

interface RowParts extends Supervision {
  id: number;
  name: string;
  kind: string;
  drill: boolean;
  status: string | null;
  figures: FigureValue[];
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
    failingClasses: p.failingClasses,
    openItems: p.openItems,
    overdueItems: p.overdueItems,
    reportingRate: p.reporting ? pct(p.reporting.submitted, p.reporting.due) : null,
  };
}

/** The supervision columns of a unit's class rows and total, from its classes' facts. */
function supervisionOf(facts: readonly ClassFact[]): Supervision {
  return {
    failingClasses: facts.filter((c) => (c.failing?.length ?? 0) > 0).length,
    openItems: facts.reduce((s, c) => s + c.openItems, 0),
    overdueItems: facts.reduce((s, c) => s + c.overdueItems, 0),
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

/** One row's sums over its classes (or the total's: `row_id` null), as the grouped read returns them. */
type SumRow = SatisfactionRow & {
  row_id: number | null;
  total: number;
  statuses: Record<string, number>;
  delivering: number;
  capacity: number;
  places: number;
  present: number;
  scheduled: number;
  failing_classes: number;
  open_items: number;
  overdue_items: number;
  forecast_units: number;
  free_places: number;
};

/** A row's figures (those `rowOf` shows) from its sums and its own distinct counts. */
function sumFigures(s: SumRow | undefined, own: { children: number; families: number } | undefined): FigureValue[] {
  const classes = Object.entries(s?.statuses ?? {});
  return [
    { key: 'classes.total', value: classes.reduce((n, [, k]) => n + k, 0) },
    ...classes.map(([status, n]) => ({ key: `classes.${status}`, value: n })),
    { key: 'units.delivering', value: s?.delivering ?? 0 },
    { key: 'places.capacity', value: s?.capacity ?? 0 },
    { key: 'places.taken', value: s?.places ?? 0 },
    { key: 'children.enrolled', value: own?.children ?? 0 },
    { key: 'families.served', value: own?.families ?? 0 },
    ratioValue('attendance.rate', s?.present ?? 0, s?.scheduled ?? 0),
    ...satisfactionValues(s ? tallyOfRow(s) : emptySatisfaction()),
  ];
}

type Risk = DashboardDto['risks'][number];

/**
 * The class facts grouped in the database (docs/FIGURES.md, "Dashboard"): per row — the child organisation a class's
 * lead unit lies under (`rowKey`), or the class itself at a unit — and in all, the sums a row shows, the heatmap's
 * failing classes per rule, the forecasts' parts; and the risk list, the worst `limit` classes of each kind with
 * their number. One statement over `classFactsSql`: a national dashboard receives a few dozen rows, not its 16,000
 * classes.
 */
async function groupedFacts(
  db: Db,
  q: { campaignId: number; unitIds: Units; asOf: IsoDate; rowKey: SQL; min: number; limit: number },
) {
  const bound = endOfDay(q.asOf);
  const delivering = textList(DELIVERING_STATUSES);
  const approved = textList(APPROVED_STATUSES);
  // The attendance rate as `pct` rounds it (a double, halves up), so that a class's risk and its row agree.
  const rate = sql`floor((f.present::float8 / f.scheduled) * 1000 + 0.5) / 10`;
  // Each risk kind: which classes, and the value they are listed by, the worst first (`ord`: the lowest attendance,
  // the most of the rest), then by class id; at most `limit` of each are listed, all are counted.
  const risk: Record<Risk['kind'], { when: SQL; value: SQL }> = {
    attendance: { when: sql`f.status = 'running' AND f.scheduled > 0 AND ${rate} < ${q.min}`, value: sql`${rate}` },
    records: {
      when: sql`f.status = 'running' AND f.records_required > f.records_done`,
      value: sql`(f.records_required - f.records_done)::float8`,
    },
    incident: { when: sql`f.open_serious > 0`, value: sql`f.open_serious::float8` },
    overdue: { when: sql`f.overdue_items > 0`, value: sql`f.overdue_items::float8` },
  };
  const limit = Number.isFinite(q.limit) ? sql`LIMIT ${q.limit}` : sql``;
  // The facts of every class, each with its row.
  const facts = sql`f AS MATERIALIZED (SELECT fx.*, ${q.rowKey} AS row_id
      FROM (${classFactsSql(q)}) fx JOIN organizations u ON u.id = fx.unit_id)`;
  const satisfaction = sql`s AS (${satisfactionSql(sql`SELECT id FROM f`, bound)})`;
  // The rows' sums, the statuses and the heatmap.
  const rowsSelect = sql`
        (SELECT json_agg(g) FROM (
           SELECT f.row_id, GROUPING(f.row_id) AS total,
                  count(DISTINCT f.unit_id) FILTER (WHERE f.status IN (${delivering}))::int AS delivering,
                  coalesce(sum(f.capacity) FILTER (WHERE f.status IN (${approved})), 0)::int AS capacity,
                  sum(f.places_held)::int AS places, sum(f.present)::int AS present,
                  sum(f.scheduled)::int AS scheduled,
                  count(*) FILTER (WHERE jsonb_array_length(f.failing) > 0)::int AS failing_classes,
                  sum(f.open_items)::int AS open_items, sum(f.overdue_items)::int AS overdue_items,
                  count(DISTINCT f.unit_id) FILTER (WHERE f.status IN (${approved}))::int AS forecast_units,
                  coalesce(sum(greatest(0, f.capacity - f.places_held))
                    FILTER (WHERE f.status IN (${textList(ENROLLING)})), 0)::int AS free_places,
                  coalesce(sum(s.invited), 0)::int AS invited, coalesce(sum(s.answers), 0)::int AS answers,
                  coalesce(sum(s.overall), 0)::int AS overall, coalesce(sum(s.happy), 0)::int AS happy,
                  coalesce(sum(s.safety), 0)::int AS safety, coalesce(sum(s.care), 0)::int AS care,
                  coalesce(sum(s.activities), 0)::int AS activities, coalesce(sum(s.meals), 0)::int AS meals,
                  coalesce(sum(s.meals_n), 0)::int AS meals_n,
                  coalesce(sum(s.communication), 0)::int AS communication
             FROM f LEFT JOIN s ON s.class_id = f.id
            GROUP BY GROUPING SETS ((f.row_id), ())) g) AS sums,
        (SELECT json_agg(t) FROM (
           SELECT f.row_id, GROUPING(f.row_id) AS total, f.status, count(*)::int AS n FROM f
            GROUP BY GROUPING SETS ((f.row_id, f.status), (f.status))) t) AS statuses,
        (SELECT json_agg(h) FROM (
           SELECT f.row_id, GROUPING(f.row_id) AS total, rule, count(*)::int AS n
             FROM f, jsonb_array_elements_text(f.failing) AS rule
            GROUP BY GROUPING SETS ((f.row_id, rule), (rule))) h) AS heat`;
  // The risk list: how many classes of each kind, and the worst of each.
  const risksSelect = sql`
        (SELECT json_object_agg(k.kind, k.n) FROM (${sql.join(
          RISK_ORDER.map(
            (kind) => sql`SELECT ${kind}::text AS kind, count(*)::int AS n FROM f WHERE ${risk[kind].when}`,
          ),
          sql` UNION ALL `,
        )}) k) AS risk_counts,
        (SELECT json_agg(x ORDER BY x.kind, x.ord, x.id) FROM (
           SELECT x.*, u.name AS unit_name FROM (${sql.join(
             RISK_ORDER.map(
               (kind) => sql`(SELECT ${kind}::text AS kind, f.id, f.name, f.unit_id, ${risk[kind].value} AS value,
                          ${kind === 'attendance' ? risk[kind].value : sql`-(${risk[kind].value})`} AS ord
                   FROM f WHERE ${risk[kind].when} ORDER BY ord, f.id ${limit})`,
             ),
             sql` UNION ALL `,
           )}) x JOIN organizations u ON u.id = x.unit_id) x) AS risks`;
  const statement = sql`WITH ${facts}, ${satisfaction} SELECT ${rowsSelect}, ${risksSelect}`;
  // One statement over 16,000 classes whose numbers the planner cannot estimate (the facts are a CTE): PostgreSQL
  // would compile it with JIT first (seconds, for a query that runs in a fraction of one), so not for this one.
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL jit = off`);
    // What is read must not be behind a committed write: the units' classes marked stale are recomputed first.
    await refreshStale(tx, campaignClassesSql(q.campaignId, q.unitIds));
    return tx.execute(statement);
  });
  const [row] = rowsOf<{
    sums: SumRow[] | null;
    statuses: { row_id: number | null; total: number; status: string; n: number }[] | null;
    heat: { row_id: number | null; total: number; rule: string; n: number }[] | null;
    risk_counts: Record<Risk['kind'], number> | null;
    risks: { kind: Risk['kind']; id: number; name: string; unit_id: number; unit_name: string; value: number }[] | null;
  }>(result);
  // The total is the grouping set without a row (`total` 1); a row is keyed by its id.
  const key = (r: { row_id: number | null; total: number }) => (r.total ? 'total' : String(r.row_id));
  const statuses = new Map<string, Record<string, number>>();
  for (const t of row?.statuses ?? []) {
    const m = statuses.get(key(t)) ?? {};
    m[t.status] = t.n;
    statuses.set(key(t), m);
  }
  return {
    sums: new Map((row?.sums ?? []).map((r) => [key(r), { ...r, statuses: statuses.get(key(r)) ?? {} }])),
    heat: new Map((row?.heat ?? []).map((h) => [`${key(h)}:${h.rule}`, h.n])),
    riskCounts: { incident: 0, overdue: 0, attendance: 0, records: 0, ...row?.risk_counts },
    risks: row?.risks ?? [],
  };
}

/**
 * Reports due and submitted by the day under the organisation, per row (the child organisation a reporter lies
 * under, keyed by id) and in all (`total`): the reports module's tally (`reportingTallySql`, the reporting world's
 * slots counted), grouped in the database.
 */
async function reportingByRow(db: Db, campaignId: number, asOf: IsoDate, org: DashboardOrg) {
  const out = new Map<string, { due: number; submitted: number }>();
  const tally = await reportingTallySql(db, { campaignId, asOf, bound: endOfDay(asOf), underPath: org.path });
  if (!tally) return out;
  const rows = rowsOf<{ row_id: number | null; total: number; due: number; submitted: number }>(
    await db.execute(sql`
      SELECT t.row_id, GROUPING(t.row_id) AS total, coalesce(sum(t.due), 0)::int AS due,
             coalesce(sum(t.submitted), 0)::int AS submitted
        FROM (SELECT nullif(split_part(substr(x.path, ${org.path.length + 1}), '/', 1), '')::int AS row_id, x.due,
                     x.submitted
                FROM (${tally}) x) t
       GROUP BY GROUPING SETS ((t.row_id), ())`),
  );
  for (const r of rows) {
    if (r.total) out.set('total', r);
    else if (r.row_id !== null) out.set(String(r.row_id), r);
  }
  return out;
}

export async function dashboardView(db: Db, input: DashboardInput): Promise<DashboardDto> {
  const { campaign, org, asOf } = input;
  const params = campaign.params;
  const atUnit = org.kind === 'unit';
  const min = params.scale.minAttendanceRate * 100;
  // The units under the organisation as SQL: the grouped facts start at once, beside the read of the tree.
  const units = sql`SELECT id FROM organizations WHERE path LIKE ${`${org.path}%`} AND kind = 'unit'`;
  const rowKey = atUnit ? sql`fx.id` : sql`nullif(split_part(substr(u.path, ${org.path.length + 1}), '/', 1), '')::int`;
  const grouping = groupedFacts(db, {
    campaignId: campaign.id,
    unitIds: units,
    asOf,
    rowKey,
    min,
    limit: input.riskLimit ?? RISK_LIMIT,
  });
  // Awaited below with the other reads; should the children's read fail first, its failure is the one reported.
  grouping.catch(() => undefined);
  // The rows above a unit: the child organisations, kinds then ids (a row's key is the unit path's next segment). At
  // a unit, its own id (and any unit under it) for its own figures.
  const kids = atUnit
    ? []
    : rowsOf<{ id: number; name: string; kind: string; path: string }>(
        await db.execute(
          sql`SELECT id, name, kind, path FROM organizations WHERE parent_id = ${org.id} ORDER BY kind, id`,
        ),
      );
  const unitIds = atUnit ? rowsOf<{ id: number }>(await db.execute(units)).map((u) => u.id) : [];
  const q = { campaignId: campaign.id, unitIds, asOf };
  // Side by side on PostgreSQL's pool (PGlite, one connection, takes them in turn): the grouped facts; a unit's
  // own figures and class facts (its rows are its classes, with their members); the reporting tally; the named
  // classes; the distinct families and children of the organisation and its rows.
  const [grouped, unitSide, reports, named, own] = await Promise.all([
    grouping,
    atUnit
      ? (async () => {
          const perUnit = await unitFigures(db, q);
          const facts = await classFacts(db, q);
          const sat = await satisfactionTallies(
            db,
            facts.map((c) => c.id),
            endOfDay(asOf),
          );
          return { perUnit, facts, sat };
        })()
      : null,
    reportingByRow(db, campaign.id, asOf, org),
    namedDemonstrationClasses(db, { ...q, unitIds: units }),
    atUnit
      ? null
      : scopeCounts(db, { campaignId: campaign.id, scope: 'org', ids: [org.id, ...kids.map((k) => k.id)], asOf }),
  ]);

  const reportingOf = (key: string) => reports.get(key) ?? { due: 0, submitted: 0 };

  const sumsOf = (id: number) => grouped.sums.get(String(id));
  const all = grouped.sums.get('total');
  const supervision = (s: SumRow | undefined): Supervision => ({
    failingClasses: s?.failing_classes ?? 0,
    openItems: s?.open_items ?? 0,
    overdueItems: s?.overdue_items ?? 0,
  });
  // The total: the sums over every class under the organisation with the organisation's own distinct counts (a
  // family in two districts is one family); at a unit, its own figures.
  const totals = rowOf({
    ...org,
    drill: false,
    status: null,
    figures: unitSide ? rollUp([...unitSide.perUnit.values()]) : sumFigures(all, own?.get(org.id)),
    ...(unitSide ? supervisionOf(unitSide.facts) : supervision(all)),
    reporting: reportingOf('total'),
  });

  let rows: DashboardRow[];
  let heatRows: { id: number; name: string; classes: number }[];
  if (unitSide) {
    // A unit's rows are its classes: their figures by the same definitions as its own (classFigures), with their
    // satisfaction from the same read.
    rows = unitSide.facts.map((c) =>
      rowOf({
        id: c.id,
        name: c.name,
        kind: 'class',
        drill: false,
        status: c.status,
        figures: [...classFigures(c), ...satisfactionValues(unitSide.sat.get(c.id) ?? emptySatisfaction())],
        ...supervisionOf([c]),
        reporting: null,
      }),
    );
    heatRows = unitSide.facts.map((c) => ({ id: c.id, name: c.name, classes: APPROVED.has(c.status) ? 1 : 0 }));
  } else {
    rows = kids.map((k) => {
      const s = sumsOf(k.id);
      return rowOf({
        ...k,
        drill: true,
        status: null,
        figures: sumFigures(s, own?.get(k.id)),
        ...supervision(s),
        reporting: reportingOf(String(k.id)),
      });
    });
    heatRows = kids.map((k) => {
      const st = sumsOf(k.id)?.statuses ?? {};
      return { id: k.id, name: k.name, classes: APPROVED_STATUSES.reduce((n, x) => n + (st[x] ?? 0), 0) };
    });
  }

  const failingBy = grouped.heat;
  const rules = RULE_IDS.filter((r) => failingBy.has(`total:${r}`));
  const heatmap = {
    rules: [...rules],
    rows: heatRows.map((r) => ({
      id: r.id,
      name: r.name,
      classes: r.classes,
      failing: rules.map((rule) => failingBy.get(`${r.id}:${rule}`) ?? 0),
    })),
  };

  const detail: Record<Risk['kind'], (v: number) => string> = {
    attendance: (v) => `出勤率 ${v}%，低于最低要求 ${min}%`,
    records: (v) => `日常台账缺 ${v} 项`,
    incident: (v) => `较重及以上安全事件 ${v} 起未结案`,
    overdue: (v) => `整改事项逾期 ${v} 项`,
  };
  const riskCounts = grouped.riskCounts;
  // The worst first within a kind (the lowest attendance, the most of the rest), then the class id.
  const risks: Risk[] = RISK_ORDER.flatMap((kind) =>
    grouped.risks
      .filter((r) => r.kind === kind)
      .map((r) => ({
        kind,
        classId: r.id,
        className: r.name,
        unitId: r.unit_id,
        unitName: r.unit_name,
        value: r.value,
        detail: detail[kind](r.value),
      })),
  );

  const forecastUnits = all?.forecast_units ?? 0;
  const freePlaces = all?.free_places ?? 0;
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
