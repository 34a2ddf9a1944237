/**
 * Enrolment API (issue 5): the parents' side (open classes, apply, confirm, withdraw) and the units' side (the
 * queue, settings, the lottery). The steps before the first day (agreement, insurance, fee, reminders) are in
 * readiness.routes.ts, registered from here. Handlers are thin: shapes in enrolments.schema.ts, rules in
 * enrolments.policy.ts, reads and writes in the services.
 */
import type { App, Deps } from '../../deps.js';
import { actorOf } from '../../request.js';
import { configureEnrolment, drawLottery, enrolmentSettings, lotteryFor } from './lottery.service.js';
import { classQueue, openClassesFor, parentEnrolments, presentEnrolment } from './enrolments.queries.js';
import {
  applyBody,
  classEnrolmentsResponse,
  enrolmentResponse,
  enrolmentSettingsBody,
  enrolmentSettingsResponse,
  idParams,
  lotteryDrawResponse,
  lotteryResponse,
  okResponse,
  openClassListResponse,
  parentEnrolmentListResponse,
  withdrawBody,
} from './enrolments.schema.js';
import { apply, confirmOffer, withdraw } from './enrolments.service.js';
import { readinessRoutes } from './readiness.routes.js';

export async function enrolmentRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['enrolments'];

  app.get('/api/parent/classes', { schema: { tags, response: { 200: openClassListResponse } } }, async (req) => ({
    items: await openClassesFor(db, actorOf(req)),
  }));

  app.get(
    '/api/parent/enrolments',
    { schema: { tags, response: { 200: parentEnrolmentListResponse } } },
    async (req) => ({ items: await parentEnrolments(db, actorOf(req)) }),
  );

  app.post(
    '/api/enrolments',
    { schema: { tags, body: applyBody, response: { 201: enrolmentResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const { enrolment, ownerPath } = await apply(db, req.ctx, actor, req.body, deps.database);
      return reply.code(201).send(presentEnrolment(actor, { e: enrolment, ownerPath, own: true }));
    },
  );

  app.post(
    '/api/enrolments/:id/confirm',
    { schema: { tags, params: idParams, response: { 200: okResponse } } },
    async (req) => {
      await confirmOffer(db, req.ctx, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/enrolments/:id/withdraw',
    { schema: { tags, params: idParams, body: withdrawBody, response: { 200: okResponse } } },
    async (req) => {
      await withdraw(db, req.ctx, actorOf(req), req.params.id, req.body.reason);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/classes/:id/enrolments',
    { schema: { tags, params: idParams, response: { 200: classEnrolmentsResponse } } },
    async (req) => classQueue(db, actorOf(req), req.params.id),
  );

  app.put(
    '/api/classes/:id/enrolment-settings',
    { schema: { tags, params: idParams, body: enrolmentSettingsBody, response: { 200: okResponse } } },
    async (req) => {
      await configureEnrolment(db, req.ctx, actorOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/classes/:id/enrolment-settings',
    { schema: { tags, params: idParams, response: { 200: enrolmentSettingsResponse } } },
    async (req) => enrolmentSettings(db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/classes/:id/lottery/draw',
    { schema: { tags, params: idParams, response: { 200: lotteryDrawResponse } } },
    async (req) => ({ entries: await drawLottery(db, req.ctx, actorOf(req), req.params.id) }),
  );

  app.get(
    '/api/classes/:id/lottery',
    { schema: { tags, params: idParams, response: { 200: lotteryResponse } } },
    async (req) => lotteryFor(db, actorOf(req), req.params.id),
  );

  await readinessRoutes(app, deps);
}
