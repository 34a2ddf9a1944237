/**
 * /api/subsidies: a paying organisation's union subsidies for a campaign (工会补贴) — the policy, the list computed
 * from the classes' figures with reasons, approved disbursement lists (拨付清单, .xlsx) and their payments. Scoped by
 * the paying organisation's subtree (`inScope`): outside it, 404. Every answer carries the caller's abilities.
 */
import type { App, Deps } from '../../deps.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { actorOf } from '../../request.js';
import { listWorkbook } from './subsidies.export.js';
import {
  approveBody,
  listParams,
  listResponse,
  overviewQuery,
  overviewResponse,
  paymentBody,
  paymentParams,
  policyBody,
  reverseBody,
} from './subsidies.schema.js';
import {
  approveList,
  loadList,
  overview,
  presentList,
  recordPayment,
  reversePayment,
  setPolicy,
} from './subsidies.service.js';

export async function subsidyRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['subsidies'];

  app.get(
    '/api/subsidies',
    { schema: { tags, querystring: overviewQuery, response: { 200: overviewResponse } } },
    async (req) => overview(db, req.ctx, actorOf(req), req.query.campaignId, req.query.orgId),
  );

  app.put(
    '/api/subsidies/policy',
    { schema: { tags, body: policyBody, response: { 200: overviewResponse } } },
    async (req) => {
      const actor = actorOf(req);
      await setPolicy(db, req.ctx, actor, req.body);
      return overview(db, req.ctx, actor, req.body.campaignId, req.body.orgId);
    },
  );

  app.post(
    '/api/subsidies/lists',
    { schema: { tags, body: approveBody, response: { 201: listResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await approveList(db, req.ctx, actor, req.body.campaignId, req.body.orgId);
      return reply.code(201).send(await presentList(db, actor, await loadList(db, actor, id)));
    },
  );

  app.get(
    '/api/subsidies/lists/:id',
    { schema: { tags, params: listParams, response: { 200: listResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentList(db, actor, await loadList(db, actor, req.params.id));
    },
  );

  app.get('/api/subsidies/lists/:id/export', { schema: { tags, params: listParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const l = await presentList(db, actor, await loadList(db, actor, req.params.id));
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        contentDisposition('attachment', `${l.orgName}-工会补贴拨付清单-第${l.version}版.xlsx`),
      )
      .send(await listWorkbook(l));
  });

  app.post(
    '/api/subsidies/lists/:id/payments',
    { schema: { tags, params: listParams, body: paymentBody, response: { 201: listResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const ll = await loadList(db, actor, req.params.id);
      await recordPayment(db, req.ctx, actor, ll, req.body);
      return reply.code(201).send(await presentList(db, actor, ll));
    },
  );

  app.post(
    '/api/subsidies/lists/:id/payments/:paymentId/reverse',
    { schema: { tags, params: paymentParams, body: reverseBody, response: { 201: listResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const ll = await loadList(db, actor, req.params.id);
      await reversePayment(db, req.ctx, actor, ll, req.params.paymentId, req.body.reason);
      return reply.code(201).send(await presentList(db, actor, ll));
    },
  );
}
