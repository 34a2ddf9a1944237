/**
 * /api/supervision/visits and /api/supervision/items: planning and doing inspection visits, and the rectification
 * items their findings open. Thin handlers: load scoped → authorise → service → present with abilities.
 */
import { todayInChina } from '../../../domain/calendar/dates.js';
import { authorize } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { actorOf } from '../../request.js';
import { openFileStore } from '../../storage/fileStore.js';
import { receiveUpload } from '../../storage/upload.js';
import { fileListResponse, fileResponse } from '../files/files.schema.js';
import { filesOfOwner } from '../files/files.repo.js';
import { presentFile } from '../files/files.service.js';
import { addItemFile, decideItem, ITEM_OWNER, loadItem, presentItem, respondToItem } from './rectification.service.js';
import { itemPolicy, visitPolicy } from './supervision.policy.js';
import { findingsCount, historyOf, listVisibleItems, listVisibleVisits } from './supervision.repo.js';
import {
  cancelVisitBody,
  classItemsResponse,
  decideBody,
  headcountQuery,
  headcountResponse,
  idParams,
  inspectorsQuery,
  inspectorsResponse,
  itemListResponse,
  itemResponse,
  listItemsQuery,
  listVisitsQuery,
  planVisitBody,
  respondBody,
  submitVisitBody,
  visitListResponse,
  visitResponse,
} from './supervision.schema.js';
import {
  addVisitPhoto,
  cancelVisit,
  doorHeadcount,
  inspectorsOver,
  loadClassOwner,
  loadVisit,
  planVisit,
  presentVisit,
  submitVisit,
  VISIT_OWNER,
} from './visits.service.js';

export async function visitRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  const tags = ['supervision'];

  app.get(
    '/api/supervision/visits',
    { schema: { tags, querystring: listVisitsQuery, response: { 200: visitListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const q = req.query;
      const { rows, total } = await listVisibleVisits(db, actor, { ...q, mine: q.mine === 'true' });
      const findings = await findingsCount(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((v) => presentVisit(actor, v, findings.get(v.id) ?? 0)), total };
    },
  );

  app.get(
    '/api/supervision/visits/:id',
    { schema: { tags, params: idParams, response: { 200: visitResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const v = await loadVisit(db, actor, req.params.id);
      return presentVisit(actor, v, (await findingsCount(db, [v.id])).get(v.id) ?? 0);
    },
  );

  app.post(
    '/api/supervision/visits',
    { schema: { tags, body: planVisitBody, response: { 201: visitResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(presentVisit(actor, await planVisit(db, req.ctx, actor, req.body)));
    },
  );

  app.post(
    '/api/supervision/visits/:id/cancel',
    { schema: { tags, params: idParams, body: cancelVisitBody, response: { 200: visitResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentVisit(actor, await cancelVisit(db, req.ctx, actor, req.params.id, req.body.reason));
    },
  );

  app.post(
    '/api/supervision/visits/:id/submit',
    { schema: { tags, params: idParams, body: submitVisitBody, response: { 200: visitResponse, 201: visitResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const { visit, replay } = await submitVisit(db, req.ctx, actor, req.params.id, req.body);
      const findings = (await findingsCount(db, [visit.id])).get(visit.id) ?? 0;
      return reply.code(replay ? 200 : 201).send(presentVisit(actor, visit, findings));
    },
  );

  app.get(
    '/api/supervision/visits/:id/headcount',
    { schema: { tags, params: idParams, querystring: headcountQuery, response: { 200: headcountResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const v = await loadVisit(db, actor, req.params.id);
      authorize(visitPolicy.upload(actor, v), true);
      return {
        day: req.query.day,
        time: req.query.time,
        present: await doorHeadcount(db, v, req.query.day, req.query.time),
      };
    },
  );

  app.get(
    '/api/supervision/visits/:id/files',
    { schema: { tags, params: idParams, response: { 200: fileListResponse } } },
    async (req) => {
      const v = await loadVisit(db, actorOf(req), req.params.id);
      return { items: (await filesOfOwner(db, VISIT_OWNER, v.id)).map(presentFile) };
    },
  );

  app.post(
    '/api/supervision/visits/:id/files',
    { schema: { tags, params: idParams, consumes: ['multipart/form-data'], response: { 201: fileResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const v = await loadVisit(db, actor, req.params.id);
      authorize(visitPolicy.upload(actor, v), true);
      const received = await receiveUpload(req);
      return reply.code(201).send(presentFile(await addVisitPhoto(db, store, req.ctx, v, received)));
    },
  );

  app.get(
    '/api/supervision/inspectors',
    { schema: { tags, querystring: inspectorsQuery, response: { 200: inspectorsResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const { owner } = await loadClassOwner(db, actor, req.query.classId);
      authorize(visitPolicy.plan(actor, owner.path), true);
      return { items: await inspectorsOver(db, owner.path) };
    },
  );

  // ---- rectification items --------------------------------------------------------------------------------
  app.get(
    '/api/supervision/items',
    { schema: { tags, querystring: listItemsQuery, response: { 200: itemListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const q = req.query;
      const today = todayInChina(req.ctx.now);
      const { rows, total } = await listVisibleItems(db, actor, {
        ...q,
        overdueOn: q.overdue === 'true' ? today : undefined,
      });
      return { items: rows.map((i) => presentItem(actor, i, req.ctx.now)), total };
    },
  );

  app.get(
    '/api/supervision/items/:id',
    { schema: { tags, params: idParams, response: { 200: itemResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const i = await loadItem(db, actor, req.params.id);
      return presentItem(actor, i, req.ctx.now, await historyOf(db, i.id));
    },
  );

  app.post(
    '/api/supervision/items/:id/respond',
    { schema: { tags, params: idParams, body: respondBody, response: { 200: itemResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const i = await respondToItem(db, req.ctx, actor, req.params.id, req.body);
      return presentItem(actor, i, req.ctx.now, await historyOf(db, i.id));
    },
  );

  app.post(
    '/api/supervision/items/:id/decide',
    { schema: { tags, params: idParams, body: decideBody, response: { 200: itemResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const i = await decideItem(db, req.ctx, actor, req.params.id, req.body);
      return presentItem(actor, i, req.ctx.now, await historyOf(db, i.id));
    },
  );

  app.get(
    '/api/supervision/items/:id/files',
    { schema: { tags, params: idParams, response: { 200: fileListResponse } } },
    async (req) => {
      const i = await loadItem(db, actorOf(req), req.params.id);
      return { items: (await filesOfOwner(db, ITEM_OWNER, i.id)).map(presentFile) };
    },
  );

  app.post(
    '/api/supervision/items/:id/files',
    { schema: { tags, params: idParams, consumes: ['multipart/form-data'], response: { 201: fileResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const i = await loadItem(db, actor, req.params.id);
      authorize(itemPolicy.respond(actor, i), true);
      const received = await receiveUpload(req);
      return reply.code(201).send(presentFile(await addItemFile(db, store, req.ctx, i, received)));
    },
  );

  /** The class page's panel: the class's items not yet closed (scoped like every item read). */
  app.get(
    '/api/classes/:id/rectification',
    { schema: { tags, params: idParams, response: { 200: classItemsResponse } } },
    async (req) => {
      const actor = actorOf(req);
      await loadClassOwner(db, actor, req.params.id);
      const { rows } = await listVisibleItems(db, actor, { classId: req.params.id, page: 1, pageSize: 200 });
      const items = rows.filter((i) => i.status !== 'closed').map((i) => presentItem(actor, i, req.ctx.now));
      return { open: items.length, overdue: items.filter((i) => i.overdue).length, items };
    },
  );
}
