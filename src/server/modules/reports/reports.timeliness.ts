/**
 * Timeliness and completeness (及时率、完整率) of a campaign's reports at one level, as DHIS2 shows them: the grid
 * organisation × report with each cell's state and counts per column — for the city its districts and all units,
 * for a district or industry union its units — and the city-wide summary table (汇总表) of one period.
 */
import type { Actor } from '../../auth/actor.js';
import { scopeRoots } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import type { PeriodSheet } from '../../documents/report-document.js';
import { notFound } from '../../errors.js';
import { chinaDate, type ReportingWorld, reportingWorld, type Slot, slotKey } from './reports.expected.js';
import { definitionsOf, totalsOf } from './reports.figures.js';
import { REPORT_READERS } from './reports.policy.js';
import type { OrgNode } from './reports.repo.js';
import type { ReportType, TimelinessDto } from './reports.schema.js';
import { STATE_WORDS, STATUS_WORDS } from './reports.present.js';
import type { FigureValue, FrozenFigure } from '../../../domain/stats/figures.js';
import { versionsOf } from './reports.repo.js';

type Counts = TimelinessDto['totals'];
const zero = (): Counts => ({
  expected: 0,
  submitted: 0,
  onTime: 0,
  late: 0,
  missing: 0,
  notYetDue: 0,
  accepted: 0,
  returned: 0,
});

function count(c: Counts, s: Slot): void {
  c.expected++;
  if (s.state === 'on_time' || s.state === 'late') c.submitted++;
  if (s.state === 'on_time') c.onTime++;
  if (s.state === 'late') c.late++;
  if (s.state === 'missing') c.missing++;
  if (s.state === 'not_yet_due') c.notYetDue++;
  if (s.status === 'accepted') c.accepted++;
  if (s.status === 'returned') c.returned++;
}

/**
 * The level the caller looks at: the given organisation (visible to them), or their top node in the campaign's
 * tree. Undefined when it is not visible.
 */
export function levelOf(world: ReportingWorld, actor: Actor | null, orgId?: number): OrgNode | undefined {
  if (orgId !== undefined) return world.orgs.get(orgId);
  if (!actor) return world.orgs.get(world.campaign.orgId);
  const roots = scopeRoots(actor, REPORT_READERS);
  const nodes = [...world.orgs.values()].filter((o) => roots.includes(o.path));
  return nodes.sort((a, b) => a.path.length - b.path.length)[0];
}

/** Who appears at a level: everyone expected below it (a unit: itself). */
export function reportersAt(world: ReportingWorld, level: OrgNode): OrgNode[] {
  if (level.kind === 'unit') return world.reporters.filter((o) => o.id === level.id);
  return world.reporters.filter((o) => o.path.startsWith(level.path) && o.path !== level.path);
}

export async function timelinessGrid(
  db: Db,
  actor: Actor,
  campaignId: number,
  orgId: number | undefined,
  now: Date,
): Promise<TimelinessDto> {
  const world = await reportingWorld(db, campaignId, actor, now);
  const level = world && levelOf(world, actor, orgId);
  if (!world || !level) throw notFound();
  return gridOf(world, level);
}

export function gridOf(world: ReportingWorld, level: OrgNode): TimelinessDto {
  const rowsOrgs = reportersAt(world, level);
  const bySlot = new Map(world.slots.map((s) => [slotKey(s.org.id, s.period.type, s.period.period), s]));
  const columns = world.periods.filter((p) => rowsOrgs.some((o) => bySlot.has(slotKey(o.id, p.type, p.period))));
  const totals = zero();
  const colCounts = columns.map(() => zero());
  const rows = rowsOrgs.map((o) => ({
    orgId: o.id,
    orgName: o.name,
    orgKind: o.kind,
    parentId: o.parentId,
    parentName: o.parentName,
    cells: columns.map((p, i) => {
      const s = bySlot.get(slotKey(o.id, p.type, p.period));
      if (!s) return null;
      const c = colCounts[i];
      if (c) count(c, s);
      count(totals, s);
      return {
        reportId: s.report?.id ?? null,
        status: s.status,
        state: s.state,
        submittedAt: s.report?.firstSubmittedAt ?? null,
      };
    }),
  }));
  return {
    campaignId: world.campaign.id,
    orgId: level.id,
    orgName: level.name,
    today: world.today,
    columns: columns.map((p, i) => ({
      type: p.type as ReportType,
      period: p.period,
      requestId: p.requestId,
      title: p.title,
      dueDate: p.dueDate,
      counts: colCounts[i] ?? zero(),
    })),
    rows,
    totals,
  };
}

const stamp = (d: Date | null) =>
  d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : null;

/**
 * The 汇总表 of one period at a level: one row per expected grassroots unit (grouped by its district or industry
 * union), the figures of its latest submitted version (frozen; blank while nothing was submitted), and totals
 * rolled up from the rows (sums, ratios of summed parts).
 */
export async function periodSheet(
  db: Db,
  world: ReportingWorld,
  level: OrgNode,
  type: string,
  period: string,
  now: Date,
): Promise<PeriodSheet | undefined> {
  const p = world.periods.find((x) => x.type === type && x.period === period);
  if (!p) return undefined;
  const defs = definitionsOf(p.figureKeys);
  const units = reportersAt(world, level).filter((o) => o.kind === 'unit');
  const bySlot = new Map(world.slots.map((s) => [slotKey(s.org.id, s.period.type, s.period.period), s]));
  const rows: PeriodSheet['rows'] = [];
  const lists: FigureValue[][] = [];
  for (const o of units) {
    const s = bySlot.get(slotKey(o.id, p.type, p.period));
    if (!s) continue;
    let frozen: FrozenFigure[] = [];
    if (s.report && s.report.currentVersion > 0) {
      const v = (await versionsOf(db, s.report.id)).at(-1);
      frozen = Array.isArray(v?.figures) ? (v.figures as unknown as FrozenFigure[]) : [];
      lists.push(frozen);
    }
    const byKey = new Map(frozen.map((f) => [f.key, f.value]));
    const first = chinaDate(s.report?.firstSubmittedAt ?? null);
    rows.push({
      orgName: o.name,
      parentName: o.parentName ?? '',
      status: `${STATUS_WORDS[s.status] ?? s.status}（${STATE_WORDS[s.state] ?? s.state}）`,
      submittedAt: stamp(s.report?.firstSubmittedAt ?? null),
      onTime: first === null ? null : first <= p.dueDate,
      values: defs.map((d) => (s.report && s.report.currentVersion > 0 ? (byKey.get(d.key) ?? null) : null)),
    });
  }
  return {
    title: `${world.campaign.name} · ${p.title} · 汇总表`,
    subtitle: `${level.name}；报送截止 ${p.dueDate}；导出于 ${stamp(now) ?? ''}（北京时间）；数据为各单位报送时冻结的数值`,
    columns: defs.map((d) => ({ key: d.key, label: d.label.zh, unit: d.unit })),
    rows,
    totals: totalsOf(defs, lists),
  };
}
