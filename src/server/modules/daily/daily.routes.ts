import { actorOf } from '../../request.js';
import { authorize } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { openFileStore } from '../../storage/fileStore.js';
import { receiveUpload } from '../../storage/upload.js';
import { dayOrToday, loadDailyClass, unsafeDailyClassById } from './daily.context.js';
import { addDailyPhoto, presentDailyFile } from './daily.files.js';
import { dailyPolicy } from './daily.policy.js';
import {
  classIdParams,
  createRecordBody,
  dailyFileResponse,
  dayQuery,
  dayRecordsResponse,
  doneBody,
  missingTodayResponse,
  noteBody,
  parentTimetableResponse,
  recordResponse,
  sessionParams,
  sessionResponse,
  summaryQuery,
  summaryResponse,
  timetableResponse,
} from './daily.schema.js';
import { createRecord, dayRecords, missingToday, recordsSummary } from './records.service.js';
import { addNote, guardianMaySee, markDone, parentTimetable, timetable } from './timetable.service.js';

export async function dailyRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  const tags = ['daily'];

  app.get(
    '/api/classes/:id/daily-records',
    { schema: { tags, params: classIdParams, querystring: dayQuery, response: { 200: dayRecordsResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const c = await loadDailyClass(db, actor, req.params.id);
      return dayRecords(db, actor, c, dayOrToday(req.query.day, req.ctx.now));
    },
  );

  app.get(
    '/api/classes/:id/daily-records/missing-today',
    { schema: { tags, params: classIdParams, response: { 200: missingTodayResponse } } },
    async (req) => missingToday(db, await loadDailyClass(db, actorOf(req), req.params.id), req.ctx.now),
  );

  app.get(
    '/api/classes/:id/daily-records/summary',
    { schema: { tags, params: classIdParams, querystring: summaryQuery, response: { 200: summaryResponse } } },
    async (req) => recordsSummary(db, await loadDailyClass(db, actorOf(req), req.params.id), req.query, req.ctx.now),
  );

  app.post(
    '/api/classes/:id/daily-records',
    { schema: { tags, params: classIdParams, body: createRecordBody, response: { 201: recordResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const c = await loadDailyClass(db, actor, req.params.id);
      return reply.code(201).send(await createRecord(db, req.ctx, actor, c, req.body));
    },
  );

  app.post(
    '/api/classes/:id/daily-files',
    {
      schema: { tags, params: classIdParams, consumes: ['multipart/form-data'], response: { 201: dailyFileResponse } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // Authorise before reading the body: nobody makes the server take in a file they may not attach.
      const c = await loadDailyClass(db, actor, req.params.id);
      authorize(dailyPolicy.write(actor, c.ref), true);
      const received = await receiveUpload(req);
      return reply.code(201).send(presentDailyFile(c.row.id, await addDailyPhoto(db, store, req.ctx, c, received)));
    },
  );

  app.get(
    '/api/classes/:id/timetable',
    { schema: { tags, params: classIdParams, querystring: dayQuery, response: { 200: timetableResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const c = await loadDailyClass(db, actor, req.params.id);
      return timetable(db, actor, c, dayOrToday(req.query.day, req.ctx.now));
    },
  );

  app.post(
    '/api/classes/:id/timetable/:sessionId/done',
    { schema: { tags, params: sessionParams, body: doneBody, response: { 200: sessionResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const c = await loadDailyClass(db, actor, req.params.id);
      return markDone(db, req.ctx, actor, c, req.params.sessionId, req.body);
    },
  );

  app.post(
    '/api/classes/:id/timetable/:sessionId/notes',
    { schema: { tags, params: sessionParams, body: noteBody, response: { 200: sessionResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const c = await loadDailyClass(db, actor, req.params.id);
      return addNote(db, req.ctx, actor, c, req.params.sessionId, req.body.note);
    },
  );

  app.get(
    '/api/parent/classes/:id/timetable',
    { schema: { tags, params: classIdParams, querystring: dayQuery, response: { 200: parentTimetableResponse } } },
    async (req) => {
      const actor = actorOf(req);
      // Only a guardian whose child holds or is offered a place; anyone else hears "not found".
      if (!(await guardianMaySee(db, actor.userId, req.params.id))) throw notFound();
      const c = await unsafeDailyClassById(db, req.params.id);
      if (!c) throw notFound();
      return parentTimetable(db, c, dayOrToday(req.query.day, req.ctx.now));
    },
  );
}
