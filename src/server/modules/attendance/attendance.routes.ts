/** The attendance API (issue 6): the door, events, pickup codes, absences, corrections, the grid and its export. */
import { todayInChina } from '../../../domain/calendar/dates.js';
import { actorOf } from '../../request.js';
import type { App, Deps } from '../../deps.js';
import { unitsOf } from '../classes/classes.repo.js';
import { attendanceWorkbook } from './attendance.export.js';
import {
  cancelAbsence,
  childAttendance,
  getCode,
  issueCode,
  reportAbsence,
  revokeCodeAsAdmin,
  revokeCodeAsGuardian,
} from './attendance.parent.js';
import { correctDay } from './attendance.corrections.js';
import { ackHealth, doorClasses, doorView } from './attendance.door.js';
import { attendanceRates, classEvents, classGrid } from './attendance.records.js';
import {
  absenceBody,
  absenceResponse,
  adultIdParams,
  childDayParams,
  childIdParams,
  classIdParams,
  classIdQuery,
  codeResponse,
  correctedDay,
  correctionBody,
  doorClassesResponse,
  doorQuery,
  doorResponse,
  eventsQuery,
  eventsResponse,
  gridResponse,
  healthAckBody,
  parentAttendanceResponse,
  postEventsBody,
  postEventsResponse,
  rangeQuery,
  ratesQuery,
  ratesResponse,
} from './attendance.schema.js';
import { doorSessionWith, postEventsFast } from './attendance.fast.js';
import { postEvents } from './attendance.service.js';

export async function attendanceRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['attendance'];

  app.get('/api/door/classes', { schema: { tags, response: { 200: doorClassesResponse } } }, async (req) =>
    doorClasses(db, actorOf(req), req.ctx.now),
  );

  app.get(
    '/api/classes/:id/door',
    { schema: { tags, params: classIdParams, querystring: doorQuery, response: { 200: doorResponse } } },
    async (req) => doorView(db, actorOf(req), req.params.id, req.query.day, req.ctx.now),
  );

  app.post(
    '/api/attendance/events',
    {
      schema: { tags, body: postEventsBody, response: { 200: postEventsResponse } },
      // The fast path's read brings the session with it: one round trip fewer for every tap at the door.
      config: { sessionWith: doorSessionWith(deps.database) },
    },
    // The common batch goes the fast path; anything it does not take, the batch path decides.
    async (req) =>
      (await postEventsFast(deps.database, req.ctx, actorOf(req), req.body, req.prefetched)) ??
      postEvents(db, deps.sealer, req.ctx, actorOf(req), req.body),
  );

  app.post(
    '/api/classes/:id/door/health-ack',
    { schema: { tags, params: classIdParams, body: healthAckBody } },
    async (req, reply) => {
      await ackHealth(db, req.ctx, actorOf(req), req.params.id, req.body.childId, req.body.day);
      return reply.code(204).send();
    },
  );

  // ---- pickup codes
  app.get(
    '/api/parent/pickup-adults/:adultId/code',
    { schema: { tags, params: adultIdParams, response: { 200: codeResponse } } },
    async (req) => getCode(db, deps.sealer, actorOf(req), req.params.adultId),
  );
  app.post(
    '/api/parent/pickup-adults/:adultId/code',
    { schema: { tags, params: adultIdParams, response: { 200: codeResponse } } },
    async (req) => issueCode(db, deps.sealer, req.ctx, actorOf(req), req.params.adultId),
  );
  app.delete(
    '/api/parent/pickup-adults/:adultId/code',
    { schema: { tags, params: adultIdParams } },
    async (req, reply) => {
      await revokeCodeAsGuardian(db, req.ctx, actorOf(req), req.params.adultId);
      return reply.code(204).send();
    },
  );
  app.delete('/api/pickup-adults/:adultId/code', { schema: { tags, params: adultIdParams } }, async (req, reply) => {
    await revokeCodeAsAdmin(db, req.ctx, actorOf(req), req.params.adultId);
    return reply.code(204).send();
  });

  // ---- absences and the parent's view
  app.post(
    '/api/parent/children/:childId/absences',
    { schema: { tags, params: childIdParams, body: absenceBody, response: { 200: absenceResponse } } },
    async (req) => reportAbsence(db, req.ctx, actorOf(req), req.params.childId, req.body),
  );
  app.delete(
    '/api/parent/children/:childId/absences/:day',
    { schema: { tags, params: childDayParams, querystring: classIdQuery } },
    async (req, reply) => {
      await cancelAbsence(db, req.ctx, actorOf(req), req.params.childId, req.query.classId, req.params.day);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/parent/children/:childId/attendance',
    {
      schema: { tags, params: childIdParams, querystring: classIdQuery, response: { 200: parentAttendanceResponse } },
    },
    async (req) => childAttendance(db, actorOf(req), req.params.childId, req.query.classId),
  );

  // ---- corrections, the grid, raw events, export, rates
  app.post(
    '/api/classes/:id/attendance/corrections',
    { schema: { tags, params: classIdParams, body: correctionBody, response: { 200: correctedDay } } },
    async (req) => correctDay(db, req.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/classes/:id/attendance',
    { schema: { tags, params: classIdParams, querystring: rangeQuery, response: { 200: gridResponse } } },
    async (req) => {
      const { _class, ...grid } = await classGrid(db, actorOf(req), req.params.id, req.query, req.ctx.now);
      return grid;
    },
  );
  app.get(
    '/api/classes/:id/attendance/events',
    { schema: { tags, params: classIdParams, querystring: eventsQuery, response: { 200: eventsResponse } } },
    async (req) => classEvents(db, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/classes/:id/attendance.xlsx',
    { schema: { tags, params: classIdParams, querystring: rangeQuery } },
    async (req, reply) => {
      const g = await classGrid(db, actorOf(req), req.params.id, req.query, req.ctx.now);
      const unitName = (await unitsOf(db, [g._class.id])).get(g._class.id)?.find((u) => u.isOwner)?.name ?? '';
      const from = g.days[0] ?? req.query.from ?? '';
      const to = g.days[g.days.length - 1] ?? req.query.to ?? '';
      const buf = await attendanceWorkbook({
        className: g._class.name,
        unitName,
        from,
        to,
        today: todayInChina(req.ctx.now),
        days: g.days,
        children: g.children,
        rate: g.summary.rate,
        presentChildDays: g.summary.presentChildDays,
        rateAsOf: g.summary.rateAsOf,
        scheduledChildDays: g.summary.scheduledChildDays,
      });
      const name = `${g._class.name}-出勤表-${from}-${to}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="attendance-${g._class.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(buf);
    },
  );
  app.get(
    '/api/attendance/rates',
    { schema: { tags, querystring: ratesQuery, response: { 200: ratesResponse } } },
    async (req) => attendanceRates(db, actorOf(req), req.query, req.ctx.now),
  );
}
