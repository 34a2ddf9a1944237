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
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import {
  type CampaignRecord,
  type OrgNode,
  orgsUnder,
  participatingUnitIds,
  participatesSql,
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
 * end (`bound`) — counted in the database by the same rules (`reportersOf`, `enumerateSlots`: the reporters, an
 * ad-hoc request's subtree, a started report whose organisation or period no longer qualifies), so that a national
 * campaign's 80,000 slots are neither built nor sent (test/api/reports.test.ts holds the two equal on every due day).
 * Only the organisations under `underPath` (inclusive; default: the campaign's whole tree — an organisation's slots
 * are the same in its subtree as in the whole world). As a relation of parts (org_id, path, due, submitted) to be
 * summed — an organisation may have several rows, or a row with nothing due; undefined when the campaign does not
 * exist.
 */
export async function reportingTallySql(
  db: Db,
  q: { campaignId: number; asOf: IsoDate; bound: Date; underPath?: string },
): Promise<SQL | undefined> {
  const [campaign, requests] = await Promise.all([
    unsafeFindCampaign(db, q.campaignId),
    requestsOfCampaign(db, q.campaignId),
  ]);
  if (!campaign) return undefined;
  const periods = periodsOf(campaign.params, requests).map((p, i) => ({
    i,
    type: p.type,
    period: p.period,
    due: p.dueDate,
    issuer: p.issuerPath ?? null,
  }));
  const at = sql`${q.bound.toISOString()}::timestamptz`;
  // A reporter's slots due by the day: every period due that is not an ad-hoc request, and each ad-hoc request due
  // whose issuer's subtree it lies in (below the issuer) — counted, not listed (a national campaign has 16,000
  // reporters).
  const due = periods.filter((p) => p.due <= q.asOf);
  // An ad-hoc request is owed below its issuer (as `enumerateSlots`: inside the subtree, not the issuer itself).
  const belowIssuer = (path: SQL, issuer: SQL) =>
    sql`(left(${path}, length(${issuer})) = ${issuer} AND ${path} <> ${issuer})`;
  const reporterDue = sql.join(
    [
      sql`${due.filter((p) => p.issuer === null).length}`,
      ...due.flatMap((p) => (p.issuer === null ? [] : [sql`${belowIssuer(sql`r.path`, sql`${p.issuer}::text`)}::int`])),
    ],
    sql` + `,
  );
  return sql`
    WITH p AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(periods)}::jsonb)
                 AS p(i int, type text, period text, due text, issuer text)),
         n AS (SELECT id, parent_id, path, kind, active FROM organizations
                WHERE path LIKE ${`${q.underPath ?? campaign.orgPath}%`}),
         u AS (SELECT id, parent_id, path FROM n WHERE kind = 'unit' AND active AND ${participatesSql(q.campaignId, sql`n.id`)}),
         r AS (SELECT id, path FROM u
               UNION ALL
               SELECT id, path FROM n
                WHERE kind IN ('district', 'industry') AND active AND id IN (SELECT parent_id FROM u)),
         x AS (SELECT org_id, type, period, due_date, first_submitted_at FROM reports
                WHERE campaign_id = ${q.campaignId}),
         -- The started reports that fill a reporter's slot, with their period's due date.
         fits AS (SELECT x.org_id, x.type, x.period, p.due, x.first_submitted_at
                    FROM x JOIN r ON r.id = x.org_id JOIN p ON p.type = x.type AND p.period = x.period
                   WHERE p.issuer IS NULL OR ${belowIssuer(sql`r.path`, sql`p.issuer`)})
    SELECT r.id AS org_id, r.path, (${reporterDue})::int AS due, 0 AS submitted FROM r
    UNION ALL
    SELECT f.org_id, r.path, 0, 1 FROM fits f JOIN r ON r.id = f.org_id
     WHERE f.due <= ${q.asOf} AND f.first_submitted_at < ${at}
    UNION ALL
    -- A started report that fills no slot (its organisation or its period no longer qualifies), by its period's due
    -- date or, its period gone, its own.
    SELECT x.org_id, n.path, 1, coalesce(x.first_submitted_at < ${at}, false)::int
      FROM x JOIN n ON n.id = x.org_id
     WHERE NOT EXISTS (SELECT 1 FROM fits f WHERE f.org_id = x.org_id AND f.type = x.type AND f.period = x.period)
       AND coalesce((SELECT p.due FROM p WHERE p.type = x.type AND p.period = x.period ORDER BY p.i LIMIT 1),
                    x.due_date) <= ${q.asOf}`;
}

/** `reportingTallySql` summed: per reporting organisation with a slot due by the day, its slots due and submitted. */
export async function reportingTally(
  db: Db,
  q: { campaignId: number; asOf: IsoDate; bound: Date; underPath?: string },
): Promise<{ path: string; due: number; submitted: number }[]> {
  const tally = await reportingTallySql(db, q);
  if (!tally) return [];
  return rowsOf<{ path: string; due: number; submitted: number }>(
    await db.execute(sql`SELECT path, sum(due)::int AS due, sum(submitted)::int AS submitted FROM (${tally}) t
                          GROUP BY path HAVING sum(due) > 0 ORDER BY path`),
  );
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
