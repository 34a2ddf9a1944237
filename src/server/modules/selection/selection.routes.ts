/**
 * /api/campaigns/:id/selection/… and /api/selection/applications/…: settings (gate, rubric, quotas), the units'
 * applications with their dossier and gate, photos, submission, withdrawal and the districts' recommendations.
 */
import { authorize } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { actorOf } from '../../request.js';
import { openFileStore } from '../../storage/fileStore.js';
import { IMAGE_KINDS } from '../../storage/contentType.js';
import { checkUpload, receiveUpload } from '../../storage/upload.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import { filesOfOwner } from '../files/files.repo.js';
import { fileListResponse, fileResponse } from '../files/files.schema.js';
import { attachFile, presentFile } from '../files/files.service.js';
import {
  createApplication,
  loadApplication,
  recommendApplication,
  submitApplication,
  updateApplication,
  withdrawApplication,
} from './selection.applications.js';
import { APPLICATION_OWNER, buildDossier, frozenDossier } from './selection.dossier.js';
import { gateOf } from './selection.gate.js';
import { selectionPolicy } from './selection.policy.js';
import { candidateClasses, presentApplication, quotaUse } from './selection.present.js';
import { listVisibleApplications } from './selection.repo.js';
import {
  applicationResponse,
  campaignParams,
  createApplicationBody,
  idParams,
  reasonBody,
  recommendBody,
  settingsBody,
  updateApplicationBody,
} from './selection.schema.js';
import { campaignDistricts, presentSettings, saveSettings, settingsOf } from './selection.settings.js';

export async function selectionRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  const tags = ['selection'];

  app.get('/api/campaigns/:id/selection/settings', { schema: { tags, params: campaignParams } }, async (req) => {
    const actor = actorOf(req);
    const c = await loadCampaign(db, actor, req.params.id);
    return {
      ...presentSettings(await settingsOf(db, c.id)),
      districts: await campaignDistricts(db, c),
      abilities: { manage: selectionPolicy.manage(actor, c) },
    };
  });

  app.put(
    '/api/campaigns/:id/selection/settings',
    { schema: { tags, params: campaignParams, body: settingsBody } },
    async (req) => {
      const actor = actorOf(req);
      const c = await loadCampaign(db, actor, req.params.id);
      return presentSettings(await saveSettings(db, req.ctx, actor, c, req.body));
    },
  );

  app.get('/api/campaigns/:id/selection/applications', { schema: { tags, params: campaignParams } }, async (req) => {
    const actor = actorOf(req);
    const c = await loadCampaign(db, actor, req.params.id);
    const rows = await listVisibleApplications(db, actor, c.id);
    const s = await settingsOf(db, c.id);
    return {
      items: rows.map((a) => presentApplication(actor, a)),
      quotas: quotaUse(s, rows),
      abilities: { manage: selectionPolicy.manage(actor, c) },
    };
  });

  app.get('/api/campaigns/:id/selection/candidates', { schema: { tags, params: campaignParams } }, async (req) => {
    const actor = actorOf(req);
    const c = await loadCampaign(db, actor, req.params.id);
    return { items: await candidateClasses(db, actor, c.id) };
  });

  app.post(
    '/api/campaigns/:id/selection/applications',
    { schema: { tags, params: campaignParams, body: createApplicationBody, response: { 201: applicationResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const c = await loadCampaign(db, actor, req.params.id);
      const a = await createApplication(db, req.ctx, actor, c.id, req.body.classId);
      return reply.code(201).send(presentApplication(actor, a));
    },
  );

  /** The application with its dossier (live while a draft, frozen once submitted) and the gate's verdict. */
  app.get('/api/selection/applications/:id', { schema: { tags, params: idParams } }, async (req) => {
    const actor = actorOf(req);
    const a = await loadApplication(db, actor, req.params.id);
    const s = await settingsOf(db, a.campaignId);
    const frozen = a.status === 'draft' ? undefined : await frozenDossier(db, a.id);
    const dossier = frozen ?? (await buildDossier(db, a, req.ctx.now));
    return {
      application: presentApplication(actor, a),
      dossier,
      frozen: !!frozen,
      gate: { settings: s.gate, unmet: gateOf(s, dossier) },
    };
  });

  app.patch(
    '/api/selection/applications/:id',
    { schema: { tags, params: idParams, body: updateApplicationBody, response: { 200: applicationResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentApplication(actor, await updateApplication(db, req.ctx, actor, req.params.id, req.body));
    },
  );

  app.post(
    '/api/selection/applications/:id/submit',
    { schema: { tags, params: idParams, response: { 200: applicationResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentApplication(actor, await submitApplication(db, req.ctx, actor, req.params.id));
    },
  );

  app.post(
    '/api/selection/applications/:id/withdraw',
    { schema: { tags, params: idParams, body: reasonBody, response: { 200: applicationResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentApplication(actor, await withdrawApplication(db, req.ctx, actor, req.params.id, req.body.reason));
    },
  );

  app.post(
    '/api/selection/applications/:id/recommend',
    { schema: { tags, params: idParams, body: recommendBody, response: { 200: applicationResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentApplication(actor, await recommendApplication(db, req.ctx, actor, req.params.id, req.body));
    },
  );

  app.get(
    '/api/selection/applications/:id/files',
    { schema: { tags, params: idParams, response: { 200: fileListResponse } } },
    async (req) => {
      const a = await loadApplication(db, actorOf(req), req.params.id);
      return { items: (await filesOfOwner(db, APPLICATION_OWNER, a.id)).map(presentFile) };
    },
  );

  app.post(
    '/api/selection/applications/:id/files',
    { schema: { tags, params: idParams, consumes: ['multipart/form-data'], response: { 201: fileResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const a = await loadApplication(db, actor, req.params.id);
      authorize(selectionPolicy.edit(actor, a), true);
      const checked = checkUpload(await receiveUpload(req), IMAGE_KINDS);
      const file = await attachFile(
        db,
        store,
        req.ctx,
        { ownerType: APPLICATION_OWNER, ownerId: a.id, orgId: a.orgId, orgPath: a.unitPath },
        'photo',
        checked,
      );
      return reply.code(201).send(presentFile(file));
    },
  );
}
