/** /api/campaigns: campaigns and the rules in force. */
import {
  agreementTemplateOf,
  agreementTemplateResponse,
  publishAgreementTemplate,
  publishTemplateBody,
} from './agreement-templates.js';
import { z } from 'zod';
import { TEMPLATE_2021 } from '../../../domain/campaign/index.js';
import { rulesInForce } from '../../../domain/rules/index.js';
import { actorOf } from '../../request.js';
import type { App, Deps } from '../../deps.js';
import {
  campaignDetail,
  campaignIdParams,
  campaignSummary,
  createCampaignBody,
  statusBody,
  updateCampaignBody,
} from './campaigns.schema.js';
import {
  createCampaign,
  listCampaigns,
  loadCampaign,
  presentDetail,
  presentSummary,
  setCampaignStatus,
  updateCampaign,
} from './campaigns.service.js';

export async function campaignRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['campaigns'];

  app.get(
    '/api/campaigns',
    { schema: { tags, response: { 200: z.object({ items: z.array(campaignSummary) }) } } },
    async (req) => {
      const actor = actorOf(req);
      return { items: (await listCampaigns(db, actor)).map((c) => presentSummary(actor, c)) };
    },
  );

  app.get(
    '/api/campaigns/template',
    {
      schema: {
        tags,
        response: {
          200: z.object({ params: z.record(z.string(), z.unknown()), rules: campaignDetail.shape.rules }),
        },
      },
    },
    async () => ({
      params: TEMPLATE_2021,
      rules: rulesInForce(TEMPLATE_2021).map((r) => ({ ...r, policyRefs: [...r.policyRefs] })),
    }),
  );

  app.get(
    '/api/campaigns/:id',
    { schema: { tags, params: campaignIdParams, response: { 200: campaignDetail } } },
    async (req) => {
      const actor = actorOf(req);
      return presentDetail(actor, await loadCampaign(db, actor, req.params.id));
    },
  );

  app.post(
    '/api/campaigns',
    { schema: { tags, body: createCampaignBody, response: { 201: campaignDetail } } },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(presentDetail(actor, await createCampaign(db, req.ctx, actor, req.body)));
    },
  );

  app.patch(
    '/api/campaigns/:id',
    { schema: { tags, params: campaignIdParams, body: updateCampaignBody, response: { 200: campaignDetail } } },
    async (req) => {
      const actor = actorOf(req);
      return presentDetail(actor, await updateCampaign(db, req.ctx, actor, req.params.id, req.body));
    },
  );

  app.get(
    '/api/campaigns/:id/agreement-template',
    { schema: { tags, params: campaignIdParams, response: { 200: agreementTemplateResponse } } },
    async (req) => agreementTemplateOf(db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/campaigns/:id/agreement-template',
    {
      schema: {
        tags,
        params: campaignIdParams,
        body: publishTemplateBody,
        response: { 201: agreementTemplateResponse },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await publishAgreementTemplate(db, req.ctx, actor, req.params.id, req.body);
      return reply.code(201).send(await agreementTemplateOf(db, actor, req.params.id));
    },
  );

  app.post(
    '/api/campaigns/:id/status',
    { schema: { tags, params: campaignIdParams, body: statusBody, response: { 200: campaignDetail } } },
    async (req) => {
      const actor = actorOf(req);
      return presentDetail(
        actor,
        await setCampaignStatus(db, req.ctx, actor, req.params.id, req.body.status, req.body.reason),
      );
    },
  );
}
