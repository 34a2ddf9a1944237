/**
 * /api/stats/dashboard (and its .xlsx): the city's and districts' home. The organisation looked at is found within
 * the caller's scope (`inScope`, deny by default): outside it 404, without a reader's role 403. Without `orgId` the
 * caller's top organisation; the breadcrumbs run from there down to the one looked at.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { inScope, scopeRoots } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { campaigns, organizations } from '../../db/schema.js';
import type { App, Deps } from '../../deps.js';
import { dashboardXlsx } from './dashboard.xlsx.js';
import { notFound } from '../../errors.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { actorOf } from '../../request.js';
import { dashboardView } from './dashboard.js';
import { type DashboardQuery, dashboardQuery, dashboardResponse } from './dashboard.schema.js';
import { STATS_READERS, statsPolicy } from '../stats/stats.policy.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function loadView(db: Db, actor: Actor, q: DashboardQuery, now: Date, riskLimit?: number) {
  authorize(statsPolicy.read(actor), true);
  const visible = inScope(organizations.path, actor, STATS_READERS);
  const columns = {
    id: organizations.id,
    name: organizations.name,
    kind: organizations.kind,
    path: organizations.path,
  };
  const roots = scopeRoots(actor, STATS_READERS);
  const [org] =
    q.orgId !== undefined
      ? await db
          .select(columns)
          .from(organizations)
          .where(and(eq(organizations.id, q.orgId), visible))
      : await db
          .select(columns)
          .from(organizations)
          .where(inArray(organizations.path, roots.length ? roots : ['-']))
          .orderBy(organizations.path);
  if (!org) throw notFound();
  const [camp] = await db
    .select({ id: campaigns.id, name: campaigns.name, params: campaigns.params })
    .from(campaigns)
    .where(eq(campaigns.id, q.campaignId));
  if (!camp) throw notFound();
  const pathIds = org.path.split('/').filter(Boolean).map(Number);
  const above = await db
    .select(columns)
    .from(organizations)
    .where(and(inArray(organizations.id, pathIds), visible));
  const breadcrumbs = above
    .sort((a, b) => a.path.length - b.path.length)
    .map((o) => ({ id: o.id, name: o.name, kind: o.kind }));
  const asOf = q.asOf ?? todayInChina(now);
  return dashboardView(db, { campaign: camp, org, breadcrumbs, asOf, riskLimit });
}

export async function dashboardRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['stats'];

  app.get(
    '/api/stats/dashboard',
    { schema: { tags, querystring: dashboardQuery, response: { 200: dashboardResponse } } },
    async (req) => loadView(db, actorOf(req), req.query, req.ctx.now),
  );

  app.get(
    '/api/stats/dashboard.xlsx',
    {
      schema: {
        tags,
        querystring: dashboardQuery,
        produces: [XLSX],
        description: 'The dashboard as a workbook: targets, the rows, the risk list and the compliance heatmap.',
      },
    },
    async (req, reply) => {
      // The workbook lists every class at risk (the page shows the worst of each kind).
      const view = await loadView(db, actorOf(req), req.query, req.ctx.now, Number.POSITIVE_INFINITY);
      const name = `${view.org.name}数据看板（截至${view.asOf}）.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('attachment', name))
        .send(await dashboardXlsx(view));
    },
  );
}
