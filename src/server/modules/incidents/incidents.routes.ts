/**
 * /api/incidents and /api/classes/:id/incidents: incident reports (应急处理), their addenda, closing and reopening.
 * Handlers are thin: load scoped → authorise (in the service, from incidents.policy.ts) → present.
 */
import { z } from 'zod';
import { actorOf } from '../../request.js';
import type { App, Deps } from '../../deps.js';
import { loadClass } from '../classes/classes.service.js';
import { loadOrg } from '../orgs/orgs.service.js';
import { incidentPolicy } from './incidents.policy.js';
import { presentDetail, presentSummary } from './incidents.present.js';
import { enrolledChildren, listVisibleIncidents, unsafeClassRef } from './incidents.repo.js';
import {
  addendumBody,
  classIncidentsResponse,
  incidentDetail,
  incidentIdParams,
  incidentSummary,
  listIncidentsQuery,
  reportBody,
  statusBody,
} from './incidents.schema.js';
import { addAddendum, closeIncident, loadIncident, reopenIncident, reportIncident } from './incidents.service.js';

export async function incidentRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['incidents'];
  const detail = { 200: incidentDetail };

  app.get(
    '/api/incidents',
    {
      schema: {
        tags,
        querystring: listIncidentsQuery,
        response: { 200: z.object({ items: z.array(incidentSummary), total: z.number() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const underPath = req.query.orgId ? (await loadOrg(db, actor, req.query.orgId)).path : undefined;
      const { rows, total } = await listVisibleIncidents(db, actor, { ...req.query, underPath });
      return { items: rows.map((r) => presentSummary(r.i, r.className, r.unitName)), total };
    },
  );

  app.get('/api/incidents/:id', { schema: { tags, params: incidentIdParams, response: detail } }, async (req) => {
    const actor = actorOf(req);
    const { row } = await loadIncident(db, actor, req.params.id);
    return presentDetail(db, actor, req.ctx.lang, row);
  });

  app.get(
    '/api/classes/:id/incidents',
    { schema: { tags, params: incidentIdParams, response: { 200: classIncidentsResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const { row } = await loadClass(db, actor, req.params.id);
      const cls = await unsafeClassRef(db, actor, row.id);
      const { rows } = await listVisibleIncidents(db, actor, {
        classId: row.id,
        page: 1,
        pageSize: 200,
      });
      return {
        items: rows.map((r) => presentSummary(r.i, r.className, r.unitName)),
        canReport: incidentPolicy.report(actor, cls.ref),
        children: incidentPolicy.seeChildren(actor, cls.ref) ? await enrolledChildren(db, row.id) : null,
      };
    },
  );

  app.post(
    '/api/classes/:id/incidents',
    { schema: { tags, params: incidentIdParams, body: reportBody, response: { 201: incidentDetail } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await reportIncident(db, req.ctx, actor, req.params.id, req.body);
      return reply.code(201).send(await presentDetail(db, actor, req.ctx.lang, row));
    },
  );

  app.post(
    '/api/incidents/:id/addenda',
    { schema: { tags, params: incidentIdParams, body: addendumBody, response: { 201: incidentDetail } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await addAddendum(db, req.ctx, actor, req.params.id, req.body);
      return reply.code(201).send(await presentDetail(db, actor, req.ctx.lang, row));
    },
  );

  app.post(
    '/api/incidents/:id/close',
    { schema: { tags, params: incidentIdParams, body: statusBody, response: detail } },
    async (req) => {
      const actor = actorOf(req);
      const row = await closeIncident(db, req.ctx, actor, req.params.id, req.body);
      return presentDetail(db, actor, req.ctx.lang, row);
    },
  );

  app.post(
    '/api/incidents/:id/reopen',
    { schema: { tags, params: incidentIdParams, body: statusBody, response: detail } },
    async (req) => {
      const actor = actorOf(req);
      const row = await reopenIncident(db, req.ctx, actor, req.params.id, req.body);
      return presentDetail(db, actor, req.ctx.lang, row);
    },
  );
}
