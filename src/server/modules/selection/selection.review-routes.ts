/**
 * Review (评审): panels and assignments (city), the reviewer's assignments, the scoring page, scores and
 * recusal, and the ranking — `GET /api/campaigns/:id/selection/ranking`, city only, the contract the 公示 reads.
 */
import { authorize } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { actorOf } from '../../request.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import { assignReviewers, createPanel, listPanels, recuse } from './selection.panels.js';
import { selectionPolicy } from './selection.policy.js';
import { computeRanking } from './selection.ranking.js';
import { listReviewerCandidates } from './selection.reviewers.js';
import {
  assignBody,
  campaignParams,
  idParams,
  panelBody,
  rankingResponse,
  reasonBody,
  scoresBody,
} from './selection.schema.js';
import { myAssignments, reviewView, submitScores } from './selection.scores.js';
import { z } from 'zod';

const panelParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  panelId: z.coerce.number().int().positive(),
});

export async function selectionReviewRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['selection'];

  app.get(
    '/api/campaigns/:id/selection/ranking',
    { schema: { tags, params: campaignParams, response: { 200: rankingResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const c = await loadCampaign(db, actor, req.params.id);
      authorize(selectionPolicy.manage(actor, c), true);
      return { items: (await computeRanking(db, c.id)).items };
    },
  );

  app.get('/api/campaigns/:id/selection/panels', { schema: { tags, params: campaignParams } }, async (req) => {
    const actor = actorOf(req);
    const c = await loadCampaign(db, actor, req.params.id);
    return { items: await listPanels(db, actor, c) };
  });

  /** Active reviewers with their affiliations and automatic exclusions, and the declared recusals (city only). */
  app.get('/api/campaigns/:id/selection/reviewers', { schema: { tags, params: campaignParams } }, async (req) => {
    const actor = actorOf(req);
    const c = await loadCampaign(db, actor, req.params.id);
    return listReviewerCandidates(db, actor, c);
  });

  app.post(
    '/api/campaigns/:id/selection/panels',
    { schema: { tags, params: campaignParams, body: panelBody } },
    async (req, reply) => {
      const actor = actorOf(req);
      const c = await loadCampaign(db, actor, req.params.id);
      return reply.code(201).send(await createPanel(db, req.ctx, actor, c, req.body.name));
    },
  );

  app.post(
    '/api/campaigns/:id/selection/panels/:panelId/assign',
    { schema: { tags, params: panelParams, body: assignBody } },
    async (req) => {
      const actor = actorOf(req);
      const c = await loadCampaign(db, actor, req.params.id);
      return assignReviewers(db, req.ctx, actor, c, req.params.panelId, req.body);
    },
  );

  app.get('/api/selection/assignments/mine', { schema: { tags } }, async (req) => ({
    items: await myAssignments(db, actorOf(req)),
  }));

  app.get('/api/selection/review/:id', { schema: { tags, params: idParams } }, async (req) =>
    reviewView(db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/selection/review/:id/scores',
    { schema: { tags, params: idParams, body: scoresBody } },
    async (req) => ({ items: await submitScores(db, req.ctx, actorOf(req), req.params.id, req.body.scores) }),
  );

  app.post('/api/selection/review/:id/recuse', { schema: { tags, params: idParams, body: reasonBody } }, async (req) =>
    recuse(db, req.ctx, actorOf(req), req.params.id, req.body.reason),
  );
}
