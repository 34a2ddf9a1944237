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
  participatingUnitIds,
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

export function periodOf(periods: ReportPeriod[], type: string, period: string): ReportPeriod | undefined {
  return periods.find((p) => p.type === type && p.period === period);
}

/** A period for a started report whose period the campaign no longer lists (its months were changed since). */
function orphanPeriod(r: ReportRow): ReportPeriod {
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
  const periods = reportPeriods(
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
  const orgs = new Map(nodes.map((o) => [o.id, o]));
  const units = nodes.filter((o) => o.kind === 'unit' && o.active && participating.has(o.id));
  const parentsWithUnits = new Set(units.map((u) => u.parentId));
  const districts = nodes.filter(
    (o) => (o.kind === 'district' || o.kind === 'industry') && o.active && parentsWithUnits.has(o.id),
  );
  // Districts first, then units grouped under their district (path order).
  const rank = (o: OrgNode) => (o.kind === 'unit' ? 1 : 0);
  const reporters = [...districts, ...units].sort((a, b) =>
    rank(a) !== rank(b) ? rank(a) - rank(b) : a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );

  const byKey = new Map(rows.map((r) => [slotKey(r.orgId, r.type, r.period), r]));
  const slots: Slot[] = [];
  const seen = new Set<string>();
  for (const period of periods) {
    for (const org of reporters) {
      if (
        period.issuerPath !== undefined &&
        !(org.path.startsWith(period.issuerPath) && org.path !== period.issuerPath)
      )
        continue;
      const key = slotKey(org.id, period.type, period.period);
      const report = byKey.get(key);
      seen.add(key);
      slots.push(makeSlot(org, period, report, today));
    }
  }
  for (const r of rows) {
    const key = slotKey(r.orgId, r.type, r.period);
    if (seen.has(key)) continue;
    const org = orgs.get(r.orgId);
    if (!org) continue;
    slots.push(makeSlot(org, periodOf(periods, r.type, r.period) ?? orphanPeriod(r), r, today));
  }
  return { campaign, params, today, orgs, periods, reporters, slots };
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
