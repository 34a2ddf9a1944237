/**
 * The public side of 公示 and naming (no login): the pages /public/publicity, /public/publicity/:id (with the
 * objection form posted as plain HTML: the site runs no script), /public/verify/:code and /public/showcase, and the
 * same objection flow as JSON under /api/public/publicity/:id/… for apps. Rate-limited like every public route.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { publicityPhase } from '../../../domain/naming/publicity.js';
import type { App, Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { PUBLIC_PAGE_LIMIT, replyPublicNotFound, replyPublicPage } from '../public/layout.js';
import {
  type ObjectionFormState,
  publicityDetailBody,
  publicityListBody,
  showcaseBody,
  verifyBody,
} from './naming.pages.js';
import {
  publicNotice,
  publicNotices,
  sendObjectionCode,
  showcase,
  submitObjection,
  verifyCertificate,
} from './naming.public.js';
import { entriesOf } from './naming.repo.js';
import {
  idParams,
  publicCodeBody,
  publicCodeResponse,
  publicObjectionBody,
  publicObjectionResponse,
} from './naming.schema.js';

const FORM = 'application/x-www-form-urlencoded';

const numericId = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : null);

export async function namingSiteRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const config = { auth: 'public' as const, rateLimit: PUBLIC_PAGE_LIMIT };
  const codeLimit = { max: deps.config.publicRateLimit.max, timeWindow: deps.config.publicRateLimit.windowMs };
  const hide = { hide: true };

  app.get('/public/publicity', { config, schema: hide }, async (req, reply) => {
    const today = todayInChina(req.ctx.now);
    const notices = await publicNotices(db);
    const counts = await entriesOf(
      db,
      notices.map((n) => n.id),
    );
    const items = notices.map((notice) => ({
      notice,
      phase: publicityPhase(notice, today),
      entries: counts.filter((e) => e.noticeId === notice.id).length,
    }));
    return replyPublicPage(req, reply, {
      title: '公示',
      description: '市级示范爱心托管班评选等公示：拟命名名单、公示期和异议受理。',
      path: '/public/publicity',
      body: publicityListBody(items),
    });
  });

  async function detail(
    req: FastifyRequest,
    reply: FastifyReply,
    rawId: string,
    form: ObjectionFormState,
    status = 200,
  ) {
    const id = numericId(rawId);
    const found = id === null ? null : await publicNotice(db, id);
    if (!found) return replyPublicNotFound(req, reply, `/public/publicity/${rawId}`);
    const phase = publicityPhase(found.notice, todayInChina(req.ctx.now));
    return replyPublicPage(
      req,
      reply,
      {
        title: found.notice.title,
        description: `${found.notice.campaign.name}：拟命名 ${found.entries.length} 个托管班，公示期 ${found.notice.startsOn} 至 ${found.notice.endsOn}。`,
        path: `/public/publicity/${found.notice.id}`,
        body: publicityDetailBody(found.notice, phase, found.entries, form, found.outcome),
      },
      status,
    );
  }

  app.get<{ Params: { id: string } }>('/public/publicity/:id', { config, schema: hide }, (req, reply) =>
    detail(req, reply, req.params.id, { step: 'phone' }),
  );

  // The two steps of the objection form, posted as an HTML form (urlencoded), answered with the page again.
  await app.register(async (scope) => {
    scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const message = (e: unknown) => {
      if (e instanceof AppError) {
        const fields = e.fieldIssuesIn('zh-CN');
        return fields.length > 0 ? fields.map((f) => f.message).join('；') : e.messageIn('zh-CN');
      }
      throw e;
    };
    scope.post<{ Params: { id: string }; Body: Record<string, string> }>(
      '/public/publicity/:id/code',
      { config: { auth: 'public', rateLimit: codeLimit }, schema: hide },
      async (req, reply) => {
        const id = numericId(req.params.id);
        const phone = String(req.body?.phone ?? '');
        const parsed = publicCodeBody.safeParse({ phone });
        if (id === null) return replyPublicNotFound(req, reply, `/public/publicity/${req.params.id}`);
        if (!parsed.success)
          return detail(req, reply, req.params.id, { step: 'phone', phone, error: '请输入正确的 11 位手机号' }, 400);
        try {
          const sent = await sendObjectionCode(db, deps.sender, deps.sealer, req.ctx, id, parsed.data.phone);
          const info = `验证码已发送至 ${sent.phone}，10 分钟内有效。`;
          return detail(req, reply, req.params.id, { step: 'code', phone: parsed.data.phone, info });
        } catch (e) {
          const status = e instanceof AppError ? e.statusCode : 500;
          return detail(req, reply, req.params.id, { step: 'phone', phone, error: message(e) }, status);
        }
      },
    );
    scope.post<{ Params: { id: string }; Body: Record<string, string> }>(
      '/public/publicity/:id/objection',
      { config, schema: hide },
      async (req, reply) => {
        const id = numericId(req.params.id);
        if (id === null) return replyPublicNotFound(req, reply, `/public/publicity/${req.params.id}`);
        const b = req.body ?? {};
        const entryId = b.entryId ? Number(b.entryId) : null;
        const form = { phone: String(b.phone ?? ''), entryId, content: String(b.content ?? '') };
        const parsed = publicObjectionBody.safeParse({ ...form, code: String(b.code ?? '') });
        if (!parsed.success) {
          const where = parsed.error.issues[0]?.path[0];
          const error =
            where === 'code'
              ? '请输入 6 位验证码'
              : where === 'content'
                ? '请填写异议内容（2000 字以内）'
                : '请重新验证手机号';
          return detail(req, reply, req.params.id, { step: where === 'phone' ? 'phone' : 'code', ...form, error }, 400);
        }
        try {
          const r = await submitObjection(db, deps.sealer, req.ctx, id, parsed.data);
          return detail(req, reply, req.params.id, { step: 'done', masked: r.phone, info: `受理编号 ${r.id}。` });
        } catch (e) {
          const status = e instanceof AppError ? e.statusCode : 500;
          return detail(req, reply, req.params.id, { step: 'code', ...form, error: message(e) }, status);
        }
      },
    );
  });

  app.get<{ Params: { code: string } }>('/public/verify/:code', { config, schema: hide }, async (req, reply) => {
    const { state, naming } = await verifyCertificate(db, req.params.code);
    const title =
      state === 'valid' ? `证书有效：${naming?.className}` : state === 'revoked' ? '证书已撤销' : '未找到该证书';
    return replyPublicPage(
      req,
      reply,
      {
        title,
        description: '市级示范爱心托管班证书核验',
        path: `/public/verify/${encodeURIComponent(req.params.code)}`,
        body: verifyBody(state, naming),
      },
      state === 'unknown' ? 404 : 200,
    );
  });

  app.get('/public/showcase', { config, schema: hide }, async (req, reply) =>
    replyPublicPage(req, reply, {
      title: '市级示范爱心托管班',
      description: '经申报、评审和公示，由市总工会命名的市级示范爱心托管班。',
      path: '/public/showcase',
      body: showcaseBody(await showcase(db)),
    }),
  );

  // ---- the same objection flow as JSON ----------------------------------------------------------------------
  const tags = ['naming'];
  app.post(
    '/api/public/publicity/:id/code',
    {
      config: { auth: 'public', rateLimit: codeLimit },
      schema: { tags, params: idParams, body: publicCodeBody, response: { 200: publicCodeResponse } },
    },
    async (req) => sendObjectionCode(db, deps.sender, deps.sealer, req.ctx, req.params.id, req.body.phone),
  );
  app.post(
    '/api/public/publicity/:id/objections',
    {
      config: { auth: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: { tags, params: idParams, body: publicObjectionBody, response: { 201: publicObjectionResponse } },
    },
    async (req, reply) =>
      reply.code(201).send(await submitObjection(db, deps.sealer, req.ctx, req.params.id, req.body)),
  );
}
