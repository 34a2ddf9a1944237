/**
 * /api/news: the console's side of the news posts (write, submit, publish or return by a second person, withdraw);
 * /public/news and /public/news/:id: the published posts on the public site.
 */
import { and, eq } from 'drizzle-orm';
import type { App, Deps } from '../../deps.js';
import { newsPosts } from '../../db/tables/public.js';
import { actorOf } from '../../request.js';
import { html, PUBLIC_PAGE_LIMIT, replyPublicNotFound, replyPublicPage } from './layout.js';
import {
  listNewsQuery,
  newsBody,
  newsDetail as newsDetailResponse,
  newsIdParams,
  newsListResponse,
  reasonBody,
  updateNewsBody,
  versionBody,
} from './news.schema.js';
import {
  canWriteNews,
  createNews,
  listNews,
  newsDetail,
  publishedNews,
  publishNews,
  returnNews,
  submitNews,
  updateNews,
  withdrawNews,
} from './news.service.js';
import { dateZh, paragraphs } from './public.labels.js';

const day = (d: Date | null) => (d ? dateZh(d.toISOString().slice(0, 10), true) : '');

export async function newsRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['news'];
  const one = { params: newsIdParams, response: { 200: newsDetailResponse } };

  app.get(
    '/api/news',
    { schema: { tags, querystring: listNewsQuery, response: { 200: newsListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return { items: await listNews(db, actor, req.query.status), canWrite: canWriteNews(actor) };
    },
  );
  app.get('/api/news/:id', { schema: { tags, ...one } }, async (req) => newsDetail(db, actorOf(req), req.params.id));
  app.post(
    '/api/news',
    { schema: { tags, body: newsBody, response: { 201: newsDetailResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await createNews(db, req.ctx, actor, req.body);
      return reply.code(201).send(await newsDetail(db, actor, id));
    },
  );
  app.patch('/api/news/:id', { schema: { tags, ...one, body: updateNewsBody } }, async (req) => {
    await updateNews(db, req.ctx, actorOf(req), req.params.id, req.body);
    return newsDetail(db, actorOf(req), req.params.id);
  });
  app.post('/api/news/:id/submit', { schema: { tags, ...one, body: versionBody } }, async (req) => {
    await submitNews(db, req.ctx, actorOf(req), req.params.id, req.body.version);
    return newsDetail(db, actorOf(req), req.params.id);
  });
  app.post('/api/news/:id/publish', { schema: { tags, ...one, body: versionBody } }, async (req) => {
    await publishNews(db, req.ctx, actorOf(req), req.params.id, req.body.version);
    return newsDetail(db, actorOf(req), req.params.id);
  });
  app.post('/api/news/:id/return', { schema: { tags, ...one, body: reasonBody } }, async (req) => {
    await returnNews(db, req.ctx, actorOf(req), req.params.id, req.body.version, req.body.reason);
    return newsDetail(db, actorOf(req), req.params.id);
  });
  app.post('/api/news/:id/withdraw', { schema: { tags, ...one, body: reasonBody } }, async (req) => {
    await withdrawNews(db, req.ctx, actorOf(req), req.params.id, req.body.version, req.body.reason);
    return newsDetail(db, actorOf(req), req.params.id);
  });

  // ---- the public site ------------------------------------------------------------------------------------
  const config = { auth: 'public' as const, rateLimit: PUBLIC_PAGE_LIMIT };
  app.get('/public/news', { config, schema: { hide: true } }, async (req, reply) => {
    const posts = await publishedNews(db, 50);
    return replyPublicPage(req, reply, {
      title: '新闻动态',
      description: '工会爱心托管工作的新闻动态。',
      path: '/public/news',
      body: html`<h1>新闻动态</h1>
${
  posts.length
    ? html`<div class="cards">${posts.map(
        (p) =>
          html`<a class="card" href="/public/news/${p.id}"><h3>${p.title}</h3><p>${p.summary || (p.body.length > 80 ? `${p.body.slice(0, 80)}…` : p.body)}</p><p class="muted">${day(p.publishedAt)}</p></a>`,
      )}</div>`
    : html`<div class="empty">暂无新闻。</div>`
}`,
    });
  });
  app.get('/public/news/:id', { config, schema: { hide: true } }, async (req, reply) => {
    const { id: raw } = req.params as { id: string };
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
    const [p] = id
      ? await db
          .select()
          .from(newsPosts)
          .where(and(eq(newsPosts.id, id), eq(newsPosts.status, 'published')))
      : [];
    if (!p) return replyPublicNotFound(req, reply, `/public/news/${id || ''}`);
    return replyPublicPage(req, reply, {
      title: p.title,
      description: p.summary || p.body.slice(0, 100),
      path: `/public/news/${p.id}`,
      body: html`<p class="crumbs"><a href="/public/news">新闻动态</a> ›</p>
<h1>${p.title}</h1>
<p class="muted">${day(p.publishedAt)}</p>
<div class="prose">${paragraphs(p.body)}</div>`,
    });
  });
}
