/**
 * /api/volunteers: calls for help (志愿者招募), the applications and their acceptance, the staff's own door
 * check-ins and the hours served; /api/public/volunteers: the applicant's code and form (no account,
 * rate-limited). Thin handlers: authenticate → validate → load (scoped) → authorise → service → present.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { ADMIN_ROLES } from '../../../domain/people/roles.js';
import { inScope } from '../../auth/scope.js';
import type { App, Deps } from '../../deps.js';
import { careClasses, organizations } from '../../db/schema.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { actorOf } from '../../request.js';
import { postMarks } from './volunteers.door.js';
import { checkSelf, classHours, hoursRecordPdf, myDoorClasses, myHours } from './volunteers.hours.js';
import { volunteerPolicy } from './volunteers.policy.js';
import { sendApplyCode, submitApplication } from './volunteers.public.js';
import { applicationCounts, applicationsOf, headedClassIds, listVisibleCalls } from './volunteers.repo.js';
import {
  acceptBody,
  acceptResponse,
  applicationListResponse,
  applicationResponse,
  callListResponse,
  callResponse,
  checkBody,
  classHoursQuery,
  classHoursResponse,
  createCallBody,
  declineBody,
  idParams,
  listCallsQuery,
  myClassesResponse,
  myHoursResponse,
  postableClassesResponse,
  postMarksBody,
  postMarksResponse,
  publicApplyBody,
  publicApplyResponse,
  publicCodeBody,
  publicCodeResponse,
  revealResponse,
  updateCallBody,
} from './volunteers.schema.js';
import {
  acceptApplication,
  createCall,
  declineApplication,
  loadCall,
  presentApplication,
  presentCall,
  revealApplicationPhone,
  updateCall,
} from './volunteers.service.js';
import { authorize } from '../../auth/policy.js';

const EMPTY = { pending: 0, accepted: 0, declined: 0 };

export async function volunteerRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['volunteers'];
  const publicLimit = { max: deps.config.publicRateLimit.max, timeWindow: deps.config.publicRateLimit.windowMs };

  /** Classes the caller may post a call for: administered owner unit or headed, between approval and closing. */
  const postable = async (actor: ReturnType<typeof actorOf>) => {
    const headed = [...(await headedClassIds(db, actor.userId))];
    return db
      .select({
        id: careClasses.id,
        name: careClasses.name,
        orgName: organizations.name,
        startDate: sql<string>`coalesce(${careClasses.startDate}, '')`,
        endDate: sql<string>`coalesce(${careClasses.endDate}, '')`,
      })
      .from(careClasses)
      .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
      .where(
        and(
          inArray(careClasses.status, ['approved', 'open', 'running']),
          or(
            inScope(organizations.path, actor, ADMIN_ROLES),
            headed.length > 0 ? inArray(careClasses.id, headed) : sql`false`,
          ),
        ),
      )
      .orderBy(careClasses.startDate, careClasses.id)
      .limit(300);
  };

  app.get('/api/volunteers/classes', { schema: { tags, response: { 200: postableClassesResponse } } }, async (req) => ({
    items: await postable(actorOf(req)),
  }));

  app.get(
    '/api/volunteers/calls',
    { schema: { tags, querystring: listCallsQuery, response: { 200: callListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const rows = await listVisibleCalls(db, actor, req.query);
      const counts = await applicationCounts(
        db,
        rows.map((r) => r.id),
      );
      const headed = await headedClassIds(
        db,
        actor.userId,
        rows.map((r) => r.classId),
      );
      const today = todayInChina(req.ctx.now);
      const canCreate =
        actor.grants.some((g) => ADMIN_ROLES.includes(g.role)) || (await headedClassIds(db, actor.userId)).size > 0;
      return {
        items: rows.map((r) =>
          presentCall(
            actor,
            r,
            { orgPath: r.orgPath, isHead: headed.has(r.classId) },
            counts.get(r.id) ?? EMPTY,
            today,
          ),
        ),
        canCreate,
      };
    },
  );

  const presentOne = async (actor: ReturnType<typeof actorOf>, id: number, now: Date) => {
    const { call, ref } = await loadCall(db, actor, id);
    const counts = await applicationCounts(db, [id]);
    return presentCall(actor, call, ref, counts.get(id) ?? EMPTY, todayInChina(now));
  };

  app.get(
    '/api/volunteers/calls/:id',
    { schema: { tags, params: idParams, response: { 200: callResponse } } },
    async (req) => presentOne(actorOf(req), req.params.id, req.ctx.now),
  );

  app.post(
    '/api/volunteers/calls',
    { schema: { tags, body: createCallBody, response: { 201: callResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const call = await createCall(db, req.ctx, actor, req.body);
      return reply.code(201).send(await presentOne(actor, call.id, req.ctx.now));
    },
  );

  app.patch(
    '/api/volunteers/calls/:id',
    { schema: { tags, params: idParams, body: updateCallBody, response: { 200: callResponse } } },
    async (req) => {
      const actor = actorOf(req);
      await updateCall(db, req.ctx, actor, req.params.id, req.body);
      return presentOne(actor, req.params.id, req.ctx.now);
    },
  );

  app.get(
    '/api/volunteers/calls/:id/applications',
    { schema: { tags, params: idParams, response: { 200: applicationListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const { call, ref } = await loadCall(db, actor, req.params.id);
      authorize(volunteerPolicy.listApplications(actor, ref), true);
      return { items: (await applicationsOf(db, call.id)).map((a) => presentApplication(actor, a, ref)) };
    },
  );

  app.post(
    '/api/volunteers/applications/:id/reveal-phone',
    { schema: { tags, params: idParams, response: { 200: revealResponse } } },
    async (req) => ({ phone: await revealApplicationPhone(db, req.ctx, actorOf(req), req.params.id) }),
  );

  app.post(
    '/api/volunteers/applications/:id/decline',
    { schema: { tags, params: idParams, body: declineBody, response: { 200: applicationResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const { app: row, ref } = await declineApplication(db, req.ctx, actor, req.params.id, req.body);
      return presentApplication(actor, row, ref);
    },
  );

  app.post(
    '/api/volunteers/applications/:id/accept',
    { schema: { tags, params: idParams, body: acceptBody, response: { 200: acceptResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const out = await acceptApplication(db, req.ctx, actor, req.params.id, req.body);
      // The volunteer learns how to sign in by text (after the commit; a failed text does not undo the acceptance).
      const text = out.account.initialPassword
        ? `【爱心托管】您已被接收为志愿者。登录账号：${out.account.username}，初始密码：${out.account.initialPassword}，首次登录须修改密码。`
        : `【爱心托管】您已被接收为志愿者，请使用原账号（${out.account.username}）登录。`;
      await deps.sender
        .send(out.app.phone, text)
        .catch((e: unknown) => req.log.warn({ err: e }, 'volunteer SMS failed'));
      return { application: presentApplication(actor, out.app, out.ref), account: out.account };
    },
  );

  // ---- the volunteer's own: door check-ins and hours -----------------------------------------------------
  app.get('/api/volunteers/me/classes', { schema: { tags, response: { 200: myClassesResponse } } }, async (req) => ({
    items: await myDoorClasses(db, actorOf(req), req.ctx.now),
  }));

  app.post(
    '/api/volunteers/me/check',
    { schema: { tags, body: checkBody, response: { 200: myClassesResponse } } },
    async (req) => {
      const actor = actorOf(req);
      await checkSelf(db, req.ctx, actor, req.body.classId, req.body.kind);
      return { items: await myDoorClasses(db, actor, req.ctx.now) };
    },
  );

  // The door screen's queue of own marks (made on the phone, maybe offline): each stored once by its clientId.
  app.post(
    '/api/volunteers/me/marks',
    { schema: { tags, body: postMarksBody, response: { 200: postMarksResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const results = await postMarks(db, req.ctx, actor, req.body.marks);
      return { results, items: await myDoorClasses(db, actor, req.ctx.now) };
    },
  );

  app.get('/api/volunteers/me/hours', { schema: { tags, response: { 200: myHoursResponse } } }, async (req) =>
    myHours(db, actorOf(req)),
  );

  app.get('/api/volunteers/me/hours.pdf', { schema: { tags } }, async (req, reply) => {
    const actor = actorOf(req);
    const pdf = await hoursRecordPdf(db, actor, req.ctx.now);
    return reply
      .type('application/pdf')
      .header('content-disposition', contentDisposition('attachment', `志愿服务时长记录-${actor.displayName}.pdf`))
      .send(pdf);
  });

  app.get(
    '/api/volunteers/hours',
    { schema: { tags, querystring: classHoursQuery, response: { 200: classHoursResponse } } },
    async (req) => ({ items: await classHours(db, actorOf(req), req.query.classId) }),
  );

  // ---- the applicant's side: public, rate-limited --------------------------------------------------------
  app.post(
    '/api/public/volunteers/calls/:id/code',
    {
      config: { auth: 'public', rateLimit: publicLimit },
      schema: { tags, params: idParams, body: publicCodeBody, response: { 200: publicCodeResponse } },
    },
    async (req) => sendApplyCode(db, deps.sender, req.ctx, req.params.id, req.body.phone),
  );

  app.post(
    '/api/public/volunteers/calls/:id/apply',
    {
      config: { auth: 'public', rateLimit: publicLimit },
      schema: { tags, params: idParams, body: publicApplyBody, response: { 201: publicApplyResponse } },
    },
    async (req, reply) => {
      await submitApplication(db, req.ctx, req.params.id, req.body);
      return reply
        .code(201)
        .send({ ok: true as const, message: '报名已提交。托管班所在单位审核后会电话联系您，请保持手机畅通。' });
    },
  );
}
