/**
 * Who owes which report (issue 14), computed from the tree and the campaign: every participating grassroots unit
 * (participatingUnitIds) reports to its district or industry union; every district / industry union with at least
 * one participating unit reports to the city; an ad-hoc request is owed by those of them inside the issuer's
 * subtree. A started report whose organisation no longer qualifies stays listed (nothing written is hidden).
 */
import { todayInChina, type IsoDate } from '../../../domain/calendar/dates.js';
import type { Campaign } from '../../../domain/campaign/schema.js';
import {
  headingsOf,
  type ReportPeriod,
  reportPeriods,
  type TimelinessState,
  timeliness,
} from '../../../domain/reports/calendar.js';
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/client.js';
import {
  type CampaignRecord,
  type OrgNode,
  orgsUnder,
  orgTreeUnder,
  participatingUnitIds,
  reportSubmissions,
  type ReportRow,
  reportsOfCampaign,
  requestsOfCampaign,
  unsafeFindCampaign,
} from './reports.repo.js';
import type { ReportType, SlotStatus } from './reports.schema.js';

export interface Slot {
  org: OrgNode;
  period: ReportPeriod;
  report: ReportRow | undefined;
  status: SlotStatus;
  state: TimelinessState;
}

export interface ReportingWorld {
  campaign: CampaignRecord & { orgPath: string };
  params: Campaign;
  today: IsoDate;
  orgs: Map<number, OrgNode>;
  periods: ReportPeriod[];
  /** Organisations expected to report (visible to the reader), units and districts. */
  reporters: OrgNode[];
  slots: Slot[];
}

export const slotKey = (orgId: number, type: string, period: string) => `${orgId}|${type}|${period}`;

/** China date of a timestamp (a submission at 23:30 on the due date, China time, is on time). */
export const chinaDate = (d: Date | null): IsoDate | null => (d ? todayInChina(d) : null);

export function slotState(dueDate: IsoDate, report: { firstSubmittedAt: Date | null } | undefined, today: IsoDate) {
  return timeliness(dueDate, chinaDate(report?.firstSubmittedAt ?? null), today);
}

export function periodOf(periods: readonly ReportPeriod[], type: string, period: string): ReportPeriod | undefined {
  return periods.find((p) => p.type === type && p.period === period);
}

/** A period for a started report whose period the campaign no longer lists (its months were changed since). */
function orphanPeriod(r: SlotReport): ReportPeriod {
  const type = r.type as ReportType;
  return {
    type,
    period: r.period,
    requestId: r.requestId,
    dueDate: r.dueDate,
    title: r.period ? `${r.period}` : type,
    headings: type === 'adhoc' ? [] : headingsOf(type),
  };
}

/**
 * The campaign's reporting picture as `actor` may see it (null: the system, for jobs and the CLI). Undefined when
 * the campaign does not exist.
 */
export async function reportingWorld(
  db: Db,
  campaignId: number,
  actor: Actor | null,
  now: Date,
): Promise<ReportingWorld | undefined> {
  const campaign = await unsafeFindCampaign(db, campaignId);
  if (!campaign) return undefined;
  const today = todayInChina(now);
  const [nodes, participating, requests, rows] = await Promise.all([
    orgsUnder(db, campaign.orgPath, actor),
    participatingUnitIds(db, campaignId),
    requestsOfCampaign(db, campaignId),
    reportsOfCampaign(db, campaignId, actor),
  ]);
  const params = campaign.params;
  const periods = periodsOf(params, requests);
  const orgs = new Map(nodes.map((o) => [o.id, o]));
  const reporters = reportersOf(nodes, participating);
  const slots: Slot[] = [];
  enumerateSlots(periods, reporters, rows, orgs, (org, period, report) =>
    slots.push(makeSlot(org, period, report, today)),
  );
  return { campaign, params, today, orgs, periods, reporters, slots };
}

/** The campaign's reporting periods: its calendar's and its ad-hoc requests'. */
function periodsOf(params: Campaign, requests: Awaited<ReturnType<typeof requestsOfCampaign>>): ReportPeriod[] {
  return reportPeriods(
    params,
    requests.map((r) => ({
      id: r.id,
      title: r.title,
      dueDate: r.dueDate,
      headings: r.headings,
      figureKeys: r.figureKeys,
      issuerPath: r.issuerPath,
    })),
  );
}

export type TreeNode = Pick<OrgNode, 'id' | 'parentId' | 'path' | 'kind' | 'active'>;

/** Who reports: active participating units, and active districts / industry unions with one; districts first, path order. */
function reportersOf<T extends TreeNode>(nodes: readonly T[], participating: ReadonlySet<number>): T[] {
  const units = nodes.filter((o) => o.kind === 'unit' && o.active && participating.has(o.id));
  const parentsWithUnits = new Set(units.map((u) => u.parentId));
  const districts = nodes.filter(
    (o) => (o.kind === 'district' || o.kind === 'industry') && o.active && parentsWithUnits.has(o.id),
  );
  const rank = (o: T) => (o.kind === 'unit' ? 1 : 0);
  return [...districts, ...units].sort((a, b) =>
    rank(a) !== rank(b) ? rank(a) - rank(b) : a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
}

type SlotReport = Pick<ReportRow, 'orgId' | 'type' | 'period' | 'requestId' | 'dueDate'>;

/**
 * Every slot once: each period's reporters (an ad-hoc request's inside its issuer's subtree), then every started
 * report whose organisation or period no longer qualifies (nothing written is hidden).
 */
function enumerateSlots<O extends TreeNode, R extends SlotReport>(
  periods: readonly ReportPeriod[],
  reporters: readonly O[],
  rows: readonly R[],
  orgs: ReadonlyMap<number, O>,
  visit: (org: O, period: ReportPeriod, report: R | undefined) => void,
): void {
  const byKey = new Map(rows.map((r) => [slotKey(r.orgId, r.type, r.period), r]));
  const seen = new Set<string>();
  for (const period of periods) {
    for (const org of reporters) {
      if (
        period.issuerPath !== undefined &&
        !(org.path.startsWith(period.issuerPath) && org.path !== period.issuerPath)
      )
        continue;
      // No report started yet (a campaign's first weeks, or a national one's many units): no key to look up.
      if (byKey.size === 0) {
        visit(org, period, undefined);
        continue;
      }
      const key = slotKey(org.id, period.type, period.period);
      seen.add(key);
      visit(org, period, byKey.get(key));
    }
  }
  for (const r of rows) {
    if (seen.has(slotKey(r.orgId, r.type, r.period))) continue;
    const org = orgs.get(r.orgId);
    if (!org) continue;
    visit(org, periodOf(periods, r.type, r.period) ?? orphanPeriod(r), r);
  }
}

/**
 * The reporting rate's parts per reporting organisation, as of a day, for the dashboard (the system's view): the
 * slots of `reportingWorld` whose period was due by the day, and of those the ones first submitted before the day's
 * end (`bound`). Lean reads (no report contents, no names), so a national campaign's 60,000 slots are counted, not
 * built. Empty when the campaign does not exist.
 */
export async function reportingTally(
  db: Db,
  campaignId: number,
  asOf: IsoDate,
  bound: Date,
  /**
   * Only the organisations of this subtree (the dashboard's: its organisation and everything under it, already read;
   * their slots are the same as in the whole campaign's world). Default: the campaign's whole tree.
   */
  tree?: readonly TreeNode[],
): Promise<{ path: string; due: number; submitted: number }[]> {
  const campaign = await unsafeFindCampaign(db, campaignId);
  if (!campaign) return [];
  const [nodes, participating, requests, rows] = await Promise.all([
    tree ?? orgTreeUnder(db, campaign.orgPath),
    participatingUnitIds(db, campaignId),
    requestsOfCampaign(db, campaignId),
    reportSubmissions(db, campaignId),
  ]);
  const periods = periodsOf(campaign.params, requests);
  const tally = new Map<number, { path: string; due: number; submitted: number }>();
  enumerateSlots(
    periods,
    reportersOf(nodes, participating),
    rows,
    new Map(nodes.map((o) => [o.id, o])),
    (org, period, r) => {
      if (period.dueDate > asOf) return;
      let t = tally.get(org.id);
      if (!t) {
        t = { path: org.path, due: 0, submitted: 0 };
        tally.set(org.id, t);
      }
      t.due += 1;
      if (r?.firstSubmittedAt && r.firstSubmittedAt < bound) t.submitted += 1;
    },
  );
  return [...tally.values()];
}

function makeSlot(org: OrgNode, period: ReportPeriod, report: ReportRow | undefined, today: IsoDate): Slot {
  return {
    org,
    period,
    report,
    status: (report?.status as SlotStatus | undefined) ?? 'missing',
    state: slotState(period.dueDate, report, today),
  };
}
