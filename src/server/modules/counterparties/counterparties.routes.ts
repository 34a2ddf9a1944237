/**
 * /api/counterparties: a unit's caterers, partner institutions and third-party providers (`?kind=`), their
 * documents and the provider qualification review. Scoped to the caller's subtree; records carry abilities.
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
import { counterpartyPolicy } from './counterparties.policy.js';
import { listVisibleCounterparties } from './counterparties.repo.js';
import {
  counterpartyIdParams,
  counterpartyListResponse,
  counterpartyResponse,
  createCounterpartyBody,
  listCounterpartiesQuery,
  reasonBody,
  reviewBody,
  updateCounterpartyBody,
} from './counterparties.schema.js';
import {
  addCounterpartyFile,
  COUNTERPARTY_OWNER,
  createCounterparty,
  loadCounterparty,
  presentCounterparty,
  reviewProvider,
  setCounterpartyActive,
  updateCounterparty,
} from './counterparties.service.js';

export async function counterpartyRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  const tags = ['counterparties'];
  const one = { tags, params: counterpartyIdParams };

  app.get(
    '/api/counterparties',
    { schema: { tags, querystring: listCounterpartiesQuery, response: { 200: counterpartyListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const q = req.query;
      const underPath = q.orgId ? (await loadOrg(db, actor, q.orgId)).path : undefined;
      const { rows, total } = await listVisibleCounterparties(db, actor, {
        kind: q.kind,
        underPath,
        q: q.q,
        includeInactive: q.includeInactive === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: rows.map((c) => presentCounterparty(actor, c)), total };
    },
  );

  app.get('/api/counterparties/:id', { schema: { ...one, response: { 200: counterpartyResponse } } }, async (req) => {
    const actor = actorOf(req);
    return presentCounterparty(actor, await loadCounterparty(db, actor, req.params.id));
  });

  app.post(
    '/api/counterparties',
    { schema: { tags, body: createCounterpartyBody, response: { 201: counterpartyResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(presentCounterparty(actor, await createCounterparty(db, req.ctx, actor, req.body)));
    },
  );

  app.patch(
    '/api/counterparties/:id',
    { schema: { ...one, body: updateCounterpartyBody, response: { 200: counterpartyResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentCounterparty(actor, await updateCounterparty(db, req.ctx, actor, req.params.id, req.body));
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(
      `/api/counterparties/:id/${action}`,
      { schema: { ...one, body: reasonBody, response: { 200: counterpartyResponse } } },
      async (req) => {
        const actor = actorOf(req);
        const c = await setCounterpartyActive(db, req.ctx, actor, req.params.id, active, req.body.reason);
        return presentCounterparty(actor, c);
      },
    );
  }

  app.post(
    '/api/counterparties/:id/review',
    { schema: { ...one, body: reviewBody, response: { 200: counterpartyResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentCounterparty(actor, await reviewProvider(db, req.ctx, actor, req.params.id, req.body));
    },
  );

  app.get('/api/counterparties/:id/files', { schema: { ...one, response: { 200: fileListResponse } } }, async (req) => {
    const c = await loadCounterparty(db, actorOf(req), req.params.id);
    return { items: (await filesOfOwner(db, COUNTERPARTY_OWNER, c.id)).map(presentFile) };
  });

  app.post(
    '/api/counterparties/:id/files',
    { schema: { ...one, consumes: ['multipart/form-data'], response: { 201: fileResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      // Authorise before reading the body: nobody makes the server take in a file they may not attach.
      const c = await loadCounterparty(db, actor, req.params.id);
      authorize(counterpartyPolicy.upload(actor, c), true);
      const received = await receiveUpload(req);
      return reply.code(201).send(presentFile(await addCounterpartyFile(db, store, req.ctx, c, received)));
    },
  );
}
