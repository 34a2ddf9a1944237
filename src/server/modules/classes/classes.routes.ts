/** /api/classes: care classes (issue 4) with their lifecycle, verdicts, staff roster and the list export. */
import { z } from 'zod';
import { actorOf } from '../../request.js';
import type { App, Deps } from '../../deps.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { openFileStore } from '../../storage/fileStore.js';
import { receiveUpload } from '../../storage/upload.js';
import { fileResponse } from '../files/files.schema.js';
import { presentFile } from '../files/files.service.js';
import { loadOrg } from '../orgs/orgs.service.js';
import { authorize } from '../../auth/policy.js';
import { classPolicy } from './classes.policy.js';
import { classDocuments, documentTemplate, uploadClassDocument, writeClassDocument } from './classes.documents.js';
import { classesWorkbook } from './classes.export.js';
import { presentDetail, presentStaff, presentSummaries } from './classes.present.js';
import { listVisibleClasses } from './classes.repo.js';
import {
  classDetail,
  classDocumentsResponse,
  classIdParams,
  documentKindParams,
  writeDocumentBody,
  classSummary,
  commentBody,
  createClassBody,
  listClassesQuery,
  staffBody,
  staffIdParams,
  staffResponse,
  transitionBody,
  updateClassBody,
} from './classes.schema.js';
import {
  addStaff,
  campaignOf,
  commentOnClass,
  createClass,
  loadClass,
  removeStaff,
  staffOf,
  transitionClass,
  updateClass,
} from './classes.service.js';

export async function classRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  const tags = ['classes'];
  const detail = { 200: classDetail };

  const list = async (
    req: { query: z.infer<typeof listClassesQuery> } & Parameters<typeof actorOf>[0],
    pageSize?: number,
  ) => {
    const actor = actorOf(req);
    const q = req.query;
    const underPath = q.orgId ? (await loadOrg(db, actor, q.orgId)).path : undefined;
    const { rows, total } = await listVisibleClasses(db, actor, {
      ...q,
      ...(pageSize ? { page: 1, pageSize } : {}),
      underPath,
    });
    return { items: await presentSummaries(db, actor, rows), total };
  };

  app.get(
    '/api/classes',
    {
      schema: {
        tags,
        querystring: listClassesQuery,
        response: { 200: z.object({ items: z.array(classSummary), total: z.number() }) },
      },
    },
    async (req) => list(req),
  );

  app.get('/api/classes/export', { schema: { tags, querystring: listClassesQuery } }, async (req, reply) => {
    const { items } = await list(req, 10_000);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="classes.xlsx"; filename*=UTF-8''${encodeURIComponent('托管班列表.xlsx')}`,
      )
      .send(await classesWorkbook(items));
  });

  app.get('/api/classes/:id', { schema: { tags, params: classIdParams, response: detail } }, async (req) => {
    const actor = actorOf(req);
    return presentDetail(db, actor, (await loadClass(db, actor, req.params.id)).row);
  });

  app.post(
    '/api/classes',
    { schema: { tags, body: createClassBody, response: { 201: classDetail } } },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(await presentDetail(db, actor, await createClass(db, req.ctx, actor, req.body)));
    },
  );

  app.patch(
    '/api/classes/:id',
    { schema: { tags, params: classIdParams, body: updateClassBody, response: detail } },
    async (req) => {
      const actor = actorOf(req);
      return presentDetail(db, actor, await updateClass(db, req.ctx, actor, req.params.id, req.body));
    },
  );

  app.post(
    '/api/classes/:id/transition',
    { schema: { tags, params: classIdParams, body: transitionBody, response: detail } },
    async (req) => {
      const actor = actorOf(req);
      return presentDetail(
        db,
        actor,
        await transitionClass(db, req.ctx, actor, req.params.id, req.body.action, req.body.comment),
      );
    },
  );

  app.post(
    '/api/classes/:id/comments',
    { schema: { tags, params: classIdParams, body: commentBody, response: detail } },
    async (req) => {
      const actor = actorOf(req);
      await commentOnClass(db, req.ctx, actor, req.params.id, req.body.comment);
      return presentDetail(db, actor, (await loadClass(db, actor, req.params.id)).row);
    },
  );

  // Written rules (安全管理制度, 应急预案, 值班表 …): the list, the template, an upload, or text written from the template.
  app.get(
    '/api/classes/:id/documents',
    { schema: { tags, params: classIdParams, response: { 200: classDocumentsResponse } } },
    async (req) => {
      const { row } = await loadClass(db, actorOf(req), req.params.id);
      return classDocuments(db, row, await campaignOf(db, row.campaignId));
    },
  );

  app.get(
    '/api/classes/:id/documents/:kind/template',
    {
      schema: {
        tags,
        params: documentKindParams,
        produces: ['text/plain'],
        description: 'The template of one document kind as UTF-8 text, filled with what the class knows.',
      },
    },
    async (req, reply) => {
      const t = await documentTemplate(db, actorOf(req), req.params.id, req.params.kind);
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', contentDisposition('attachment', t.filename))
        .send(`\uFEFF${t.text}\n`);
    },
  );

  app.post(
    '/api/classes/:id/documents',
    { schema: { tags, params: classIdParams, consumes: ['multipart/form-data'], response: { 201: fileResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      // Authorise before reading the body: nobody makes the server take in a file they may not attach.
      const { row, ref } = await loadClass(db, actor, req.params.id);
      authorize(classPolicy.manageDocuments(actor, ref), true);
      const received = await receiveUpload(req);
      const f = await uploadClassDocument(db, store, req.ctx, actor, row.id, received);
      return reply.code(201).send(presentFile(f));
    },
  );

  app.post(
    '/api/classes/:id/documents/:kind',
    { schema: { tags, params: documentKindParams, body: writeDocumentBody, response: { 201: fileResponse } } },
    async (req, reply) => {
      const f = await writeClassDocument(
        db,
        store,
        req.ctx,
        actorOf(req),
        req.params.id,
        req.params.kind,
        req.body.text,
      );
      return reply.code(201).send(presentFile(f));
    },
  );

  app.get(
    '/api/classes/:id/staff',
    { schema: { tags, params: classIdParams, response: { 200: z.object({ items: z.array(staffResponse) }) } } },
    async (req) => {
      const actor = actorOf(req);
      await loadClass(db, actor, req.params.id);
      return { items: (await staffOf(db, [req.params.id])).map(presentStaff) };
    },
  );

  app.post(
    '/api/classes/:id/staff',
    { schema: { tags, params: classIdParams, body: staffBody, response: { 201: staffResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await addStaff(db, req.ctx, actor, req.params.id, { ...req.body, classId: req.params.id });
      return reply.code(201).send(presentStaff(row));
    },
  );

  app.delete(
    '/api/classes/:id/staff/:staffId',
    { schema: { tags, params: staffIdParams, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      await removeStaff(db, req.ctx, actorOf(req), req.params.id, req.params.staffId);
      return { ok: true as const };
    },
  );
}
