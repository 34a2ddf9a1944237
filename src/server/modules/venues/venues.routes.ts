/**
 * /api/venues: a unit's venue library (场地库) with the P-R4 checklist, its evidence files and the district's
 * confirmation. Scoped to the caller's subtree; every record carries the caller's abilities.
 */
import { actorOf } from '../../request.js';
import { authorize } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { openFileStore } from '../../storage/fileStore.js';
import { receiveUpload } from '../../storage/upload.js';
import { filesOfOwner } from '../files/files.repo.js';
import { fileListResponse, fileResponse } from '../files/files.schema.js';
import { presentFile } from '../files/files.service.js';
import { loadOrg } from '../orgs/orgs.service.js';
import { hasFireEvidence } from './venues.confirmation.js';
import { venuePolicy } from './venues.policy.js';
import { listVisibleVenues } from './venues.repo.js';
import {
  confirmChecklistBody,
  createVenueBody,
  listVenuesQuery,
  reasonBody,
  updateVenueBody,
  venueIdParams,
  venueListResponse,
  venueResponse,
} from './venues.schema.js';
import {
  addVenueFile,
  confirmChecklist,
  createVenue,
  loadVenue,
  presentVenue,
  setVenueActive,
  updateVenue,
  VENUE_OWNER,
} from './venues.service.js';

export async function venueRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  const tags = ['venues'];

  app.get(
    '/api/venues',
    { schema: { tags, querystring: listVenuesQuery, response: { 200: venueListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const q = req.query;
      // An organisation outside the caller's scope is "not found", not an empty list.
      const underPath = q.orgId ? (await loadOrg(db, actor, q.orgId)).path : undefined;
      const { rows, total } = await listVisibleVenues(db, actor, {
        underPath,
        q: q.q,
        includeInactive: q.includeInactive === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: rows.map((v) => presentVenue(actor, v)), total };
    },
  );

  app.get(
    '/api/venues/:id',
    { schema: { tags, params: venueIdParams, response: { 200: venueResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const v = await loadVenue(db, actor, req.params.id);
      return presentVenue(actor, v, await hasFireEvidence(db, v));
    },
  );

  app.post(
    '/api/venues',
    { schema: { tags, body: createVenueBody, response: { 201: venueResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(presentVenue(actor, await createVenue(db, req.ctx, actor, req.body)));
    },
  );

  app.patch(
    '/api/venues/:id',
    { schema: { tags, params: venueIdParams, body: updateVenueBody, response: { 200: venueResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentVenue(actor, await updateVenue(db, req.ctx, actor, req.params.id, req.body));
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(
      `/api/venues/:id/${action}`,
      { schema: { tags, params: venueIdParams, body: reasonBody, response: { 200: venueResponse } } },
      async (req) => {
        const actor = actorOf(req);
        return presentVenue(actor, await setVenueActive(db, req.ctx, actor, req.params.id, active, req.body.reason));
      },
    );
  }

  app.post(
    '/api/venues/:id/confirm-checklist',
    { schema: { tags, params: venueIdParams, body: confirmChecklistBody, response: { 200: venueResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentVenue(actor, await confirmChecklist(db, req.ctx, actor, req.params.id, req.body.version));
    },
  );

  app.get(
    '/api/venues/:id/files',
    { schema: { tags, params: venueIdParams, response: { 200: fileListResponse } } },
    async (req) => {
      const v = await loadVenue(db, actorOf(req), req.params.id);
      return { items: (await filesOfOwner(db, VENUE_OWNER, v.id)).map(presentFile) };
    },
  );

  app.post(
    '/api/venues/:id/files',
    { schema: { tags, params: venueIdParams, consumes: ['multipart/form-data'], response: { 201: fileResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      // Authorise before reading the body: nobody makes the server take in a file they may not attach.
      const v = await loadVenue(db, actor, req.params.id);
      authorize(venuePolicy.upload(actor, v), true);
      const received = await receiveUpload(req);
      return reply.code(201).send(presentFile(await addVenueFile(db, store, req.ctx, v, received)));
    },
  );
}
