/** /api/supervision/meetings (推进会、现场会) and /api/supervision/cases (先进经验). */
import { authorize } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { actorOf } from '../../request.js';
import { openFileStore } from '../../storage/fileStore.js';
import { receiveUpload } from '../../storage/upload.js';
import { fileResponse } from '../files/files.schema.js';
import { presentFile } from '../files/files.service.js';
import { addCasePhoto, createCase, loadCase, presentCase, publishCase } from './cases.service.js';
import { createMeeting, presentMeetings, recordMeeting } from './meetings.service.js';
import { casePolicy } from './supervision.policy.js';
import { findVisibleMeeting, listVisibleCases, listVisibleMeetings } from './supervision.repo.js';
import {
  caseListResponse,
  caseResponse,
  createCaseBody,
  createMeetingBody,
  idParams,
  listCasesQuery,
  listMeetingsQuery,
  meetingListResponse,
  meetingResponse,
  publishBody,
  recordMeetingBody,
} from './supervision.schema.js';

export async function practiceRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  const tags = ['supervision'];

  const meetingById = async (req: Parameters<typeof actorOf>[0], id: number) => {
    const actor = actorOf(req);
    const row = await findVisibleMeeting(db, actor, id);
    if (!row) throw new AppError('INTERNAL');
    const [m] = await presentMeetings(db, actor, [row]);
    if (!m) throw new AppError('INTERNAL');
    return m;
  };

  app.get(
    '/api/supervision/meetings',
    { schema: { tags, querystring: listMeetingsQuery, response: { 200: meetingListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return { items: await presentMeetings(db, actor, await listVisibleMeetings(db, actor, req.query.campaignId)) };
    },
  );

  app.post(
    '/api/supervision/meetings',
    { schema: { tags, body: createMeetingBody, response: { 201: meetingResponse } } },
    async (req, reply) => {
      const id = await createMeeting(db, req.ctx, actorOf(req), req.body);
      return reply.code(201).send(await meetingById(req, id));
    },
  );

  app.post(
    '/api/supervision/meetings/:id/record',
    { schema: { tags, params: idParams, body: recordMeetingBody, response: { 200: meetingResponse } } },
    async (req) => meetingById(req, await recordMeeting(db, req.ctx, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/supervision/cases',
    { schema: { tags, querystring: listCasesQuery, response: { 200: caseListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const q = req.query;
      const rows = await listVisibleCases(db, actor, {
        campaignId: q.campaignId,
        published: q.published === undefined ? undefined : q.published === 'true',
      });
      return { items: await Promise.all(rows.map((c) => presentCase(db, actor, c))) };
    },
  );

  app.post(
    '/api/supervision/cases',
    { schema: { tags, body: createCaseBody, response: { 201: caseResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(await presentCase(db, actor, await createCase(db, req.ctx, actor, req.body)));
    },
  );

  app.post(
    '/api/supervision/cases/:id/publish',
    { schema: { tags, params: idParams, body: publishBody, response: { 200: caseResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentCase(db, actor, await publishCase(db, req.ctx, actor, req.params.id, req.body.published));
    },
  );

  app.post(
    '/api/supervision/cases/:id/photos',
    { schema: { tags, params: idParams, consumes: ['multipart/form-data'], response: { 201: fileResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const c = await loadCase(db, actor, req.params.id);
      // Photos are added by those who may mark cases over the class, until the city publishes it.
      authorize(casePolicy.create(actor, c.orgPath) && !c.published, true);
      const received = await receiveUpload(req);
      return reply.code(201).send(presentFile(await addCasePhoto(db, store, req.ctx, c, received)));
    },
  );
}
