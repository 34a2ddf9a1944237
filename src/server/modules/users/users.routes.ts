/** /api/users: people and role grants, scoped to the caller's subtree. */
import { z } from 'zod';
import { actorOf } from '../../request.js';
import type { App, Deps } from '../../deps.js';
import { loadOrg } from '../orgs/orgs.service.js';
import { grantsOf, listVisibleUsers } from './users.repo.js';
import {
  createUserBody,
  grantBody,
  grantIdParams,
  listUsersQuery,
  reasonBody,
  updateUserBody,
  userCreatedResponse,
  userIdParams,
  userResponse,
} from './users.schema.js';
import {
  createUser,
  grantRole,
  loadUser,
  presentUser,
  resetPassword,
  revealPhone,
  revokeRole,
  setUserActive,
  updateUser,
} from './users.service.js';

export async function userRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['users'];
  const one = { schema: { tags, params: userIdParams, response: { 200: userResponse } } };

  app.get(
    '/api/users',
    {
      schema: {
        tags,
        querystring: listUsersQuery,
        response: { 200: z.object({ items: z.array(userResponse), total: z.number() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const q = req.query;
      const orgPath = q.orgId ? (await loadOrg(db, actor, q.orgId)).path : undefined;
      const { rows, total } = await listVisibleUsers(db, actor, {
        orgPath,
        role: q.role,
        q: q.q,
        includeInactive: q.includeInactive === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
      const grants = await grantsOf(
        db,
        rows.map((u) => u.id),
      );
      return { items: rows.map((u) => presentUser(actor, u, grants)), total };
    },
  );

  app.get('/api/users/:id', one, async (req) => {
    const actor = actorOf(req);
    const { user, grants } = await loadUser(db, actor, req.params.id);
    return presentUser(actor, user, grants);
  });

  app.post(
    '/api/users',
    { schema: { tags, body: createUserBody, response: { 201: userCreatedResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const r = await createUser(db, req.ctx, actor, req.body);
      return reply.code(201).send({ ...presentUser(actor, r.user, r.grants), initialPassword: r.initialPassword });
    },
  );

  app.patch(
    '/api/users/:id',
    { schema: { tags, params: userIdParams, body: updateUserBody, response: { 200: userResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const r = await updateUser(db, req.ctx, actor, req.params.id, req.body);
      return presentUser(actor, r.user, r.grants);
    },
  );

  app.post(
    '/api/users/:id/grants',
    { schema: { tags, params: userIdParams, body: grantBody, response: { 200: userResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const r = await grantRole(db, req.ctx, actor, req.params.id, req.body.role, req.body.orgId);
      return presentUser(actor, r.user, r.grants);
    },
  );

  app.delete(
    '/api/users/:id/grants/:grantId',
    { schema: { tags, params: grantIdParams, response: { 200: userResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const r = await revokeRole(db, req.ctx, actor, req.params.id, req.params.grantId);
      return presentUser(actor, r.user, r.grants);
    },
  );

  for (const [path, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(
      `/api/users/:id/${path}`,
      { schema: { tags, params: userIdParams, body: reasonBody, response: { 200: userResponse } } },
      async (req) => {
        const actor = actorOf(req);
        const r = await setUserActive(db, req.ctx, actor, req.params.id, active, req.body.reason);
        return presentUser(actor, r.user, r.grants);
      },
    );
  }

  app.post(
    '/api/users/:id/reset-password',
    { schema: { tags, params: userIdParams, response: { 200: z.object({ temporaryPassword: z.string() }) } } },
    async (req) => ({ temporaryPassword: await resetPassword(db, req.ctx, actorOf(req), req.params.id) }),
  );

  app.post(
    '/api/users/:id/reveal-phone',
    { schema: { tags, params: userIdParams, response: { 200: z.object({ phone: z.string().nullable() }) } } },
    async (req) => ({ phone: await revealPhone(db, req.ctx, actorOf(req), req.params.id) }),
  );
}
