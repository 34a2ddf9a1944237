/** /api/orgs: the organisation tree, scoped to the caller's subtree; each record carries the caller's abilities. */
import { z } from 'zod';
import { actorOf } from '../../request.js';
import { orgPolicy } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { buildImportTemplate, importUnits } from './orgs.import.js';
import { listVisibleOrgs, visibleTree } from './orgs.repo.js';
import {
  createOrgBody,
  deactivateBody,
  idParams,
  importResult,
  listOrgsQuery,
  moveOrgBody,
  orgListResponse,
  orgResponse,
  treeResponse,
  updateOrgBody,
} from './orgs.schema.js';
import { asRef, createOrg, loadOrg, moveOrg, presentOrg, setOrgActive, updateOrg } from './orgs.service.js';

export async function orgRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['orgs'];

  app.get(
    '/api/orgs',
    { schema: { tags, querystring: listOrgsQuery, response: { 200: orgListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const q = req.query;
      // A parent or subtree outside the caller's scope is "not found", not an empty list.
      if (q.parentId) await loadOrg(db, actor, q.parentId);
      const under = q.under ? (await loadOrg(db, actor, q.under)).path : undefined;
      const { rows, total } = await listVisibleOrgs(db, actor, {
        parentId: q.parentId,
        underPath: under,
        q: q.q,
        kind: q.kind,
        includeInactive: q.includeInactive === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
      return { items: rows.map((o) => presentOrg(actor, o)), total };
    },
  );

  app.get(
    '/api/orgs/tree',
    {
      schema: {
        tags,
        querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
        response: { 200: treeResponse },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const rows = await visibleTree(db, actor, req.query.includeInactive === 'true');
      const ids = new Set(rows.map((r) => r.id));
      return {
        nodes: rows.map((r) => ({
          id: r.id,
          // A node whose parent is outside the caller's scope is a root of their view.
          parentId: r.parentId !== null && ids.has(r.parentId) ? r.parentId : null,
          name: r.name,
          kind: r.kind as 'city',
          active: r.active,
          createChild: orgPolicy.createChild(actor, {
            id: r.id,
            path: r.path,
            kind: r.kind as 'city',
            active: r.active,
          }),
        })),
      };
    },
  );

  app.get(
    '/api/orgs/import-template',
    { schema: { tags, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] } },
    async (_req, reply) => {
      const buf = await buildImportTemplate();
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="units-template.xlsx"; filename*=UTF-8''${encodeURIComponent('基层单位导入模板.xlsx')}`,
        )
        .send(buf);
    },
  );

  app.get('/api/orgs/:id', { schema: { tags, params: idParams, response: { 200: orgResponse } } }, async (req) => {
    const actor = actorOf(req);
    return presentOrg(actor, await loadOrg(db, actor, req.params.id));
  });

  app.post(
    '/api/orgs',
    { schema: { tags, body: createOrgBody, response: { 201: orgResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const o = await createOrg(db, req.ctx, actor, req.body);
      return reply.code(201).send(presentOrg(actor, o));
    },
  );

  app.patch(
    '/api/orgs/:id',
    { schema: { tags, params: idParams, body: updateOrgBody, response: { 200: orgResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentOrg(actor, await updateOrg(db, req.ctx, actor, req.params.id, req.body));
    },
  );

  app.post(
    '/api/orgs/:id/move',
    { schema: { tags, params: idParams, body: moveOrgBody, response: { 200: orgResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentOrg(actor, await moveOrg(db, req.ctx, actor, req.params.id, req.body.newParentId));
    },
  );

  app.post(
    '/api/orgs/:id/deactivate',
    { schema: { tags, params: idParams, body: deactivateBody, response: { 200: orgResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentOrg(actor, await setOrgActive(db, req.ctx, actor, req.params.id, false, req.body.reason));
    },
  );

  app.post(
    '/api/orgs/:id/reactivate',
    { schema: { tags, params: idParams, body: deactivateBody, response: { 200: orgResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentOrg(actor, await setOrgActive(db, req.ctx, actor, req.params.id, true, req.body.reason));
    },
  );

  app.post(
    '/api/orgs/:id/import',
    { schema: { tags, params: idParams, consumes: ['multipart/form-data'], response: { 200: importResult } } },
    async (req) => {
      const actor = actorOf(req);
      const parent = await loadOrg(db, actor, req.params.id);
      if (!orgPolicy.createChild(actor, asRef(parent), 'unit')) throw new AppError('FORBIDDEN');
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const file = await req.file();
      if (!file) throw new AppError('BAD_REQUEST');
      const buf = await file.toBuffer();
      const ids = await importUnits(db, req.ctx, actor, parent.id, buf);
      return { imported: ids.length, ids };
    },
  );
}
