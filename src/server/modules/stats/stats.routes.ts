/**
 * /api/stats/figures: one organisation's figures for a campaign as of a day (the dashboard's read; the reports call
 * stats.read.ts directly). The organisation is looked up within the caller's scope (`inScope`): outside it, 404.
 */
import { and, eq } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { authorize } from '../../auth/policy.js';
import { inScope } from '../../auth/scope.js';
import type { App, Deps } from '../../deps.js';
import { campaigns, organizations } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { actorOf } from '../../request.js';
import { STATS_READERS, statsPolicy } from './stats.policy.js';
import { freezeFigures, orgFigures } from './stats.read.js';
import { figuresQuery, figuresResponse } from './stats.schema.js';

export async function statsRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['stats'];

  app.get(
    '/api/stats/figures',
    { schema: { tags, querystring: figuresQuery, response: { 200: figuresResponse } } },
    async (req) => {
      const actor = actorOf(req);
      authorize(statsPolicy.read(actor), true);
      const q = req.query;
      const [org] = await db
        .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
        .from(organizations)
        .where(and(eq(organizations.id, q.orgId), inScope(organizations.path, actor, STATS_READERS)));
      if (!org) throw notFound();
      const [camp] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, q.campaignId));
      if (!camp) throw notFound();
      const asOf = q.asOf ?? todayInChina(req.ctx.now);
      const values = await orgFigures(db, { campaignId: camp.id, orgId: org.id, asOf });
      return {
        campaignId: camp.id,
        orgId: org.id,
        orgName: org.name,
        orgKind: org.kind,
        asOf,
        figures: freezeFigures(values, asOf),
      };
    },
  );
}
