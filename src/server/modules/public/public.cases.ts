/**
 * /public/cases and /public/cases/:id: the good-practice cases (先进经验, P-W3) the city published
 * (`practice_cases.published`, curated in the supervision module). Class and unit names with the case's text; the
 * photos pass the publicity rule of public.photos.ts at every render.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { careClasses, organizations, practiceCases } from '../../db/schema.js';
import type { App, Deps } from '../../deps.js';
import { html, PUBLIC_PAGE_LIMIT, replyPublicNotFound, replyPublicPage } from './layout.js';
import { dateZh, paragraphs } from './public.labels.js';
import { publicPhotosOfCases } from './public.photos.js';
import { PUBLIC_CLASS_STATUSES } from './public.repo.js';

const caseQuery = (db: Db) =>
  db
    .select({
      id: practiceCases.id,
      title: practiceCases.title,
      body: practiceCases.body,
      publishedAt: practiceCases.publishedAt,
      classId: careClasses.id,
      classStatus: careClasses.status,
      className: careClasses.name,
      unitName: organizations.name,
    })
    .from(practiceCases)
    .innerJoin(careClasses, eq(careClasses.id, practiceCases.classId))
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId));

const day = (d: Date | null) => (d ? dateZh(d.toISOString().slice(0, 10), true) : '');
const excerpt = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);
const classLink = (c: { classId: number; classStatus: string; className: string }) =>
  (PUBLIC_CLASS_STATUSES as readonly string[]).includes(c.classStatus)
    ? html`<a href="/public/classes/${c.classId}">${c.className}</a>`
    : html`${c.className}`;

export async function publicCaseRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const config = { auth: 'public' as const, rateLimit: PUBLIC_PAGE_LIMIT };
  const schema = { hide: true };

  app.get('/public/cases', { config, schema }, async (req, reply) => {
    const rows = await caseQuery(db)
      .where(eq(practiceCases.published, true))
      .orderBy(desc(practiceCases.publishedAt), desc(practiceCases.id))
      .limit(60);
    const photos = await publicPhotosOfCases(
      db,
      rows.map((r) => r.id),
    );
    const cover = new Map<number, string>();
    for (const p of photos) if (!cover.has(p.ownerId)) cover.set(p.ownerId, p.url);
    return replyPublicPage(req, reply, {
      title: '优秀案例',
      description: '各地爱心托管班的好做法：安全管理、课程活动、志愿服务和家校协作。',
      path: '/public/cases',
      ...(photos[0] ? { image: photos[0].url } : {}),
      body: html`<h1>优秀案例</h1>
<p class="lead">督导中发现、经市总工会审定发布的托管班好做法。</p>
${
  rows.length
    ? html`<div class="cards">${rows.map(
        (r) => html`<a class="card" href="/public/cases/${r.id}"><h3>${r.title}</h3>
<p class="muted">${r.unitName} · ${r.className}</p><p>${excerpt(r.body)}</p>${
          cover.has(r.id)
            ? html`<img src="${cover.get(r.id)}" alt="案例照片" loading="lazy" decoding="async" width="400" height="300">`
            : ''
        }<p class="muted">${day(r.publishedAt)}</p></a>`,
      )}</div>`
    : html`<div class="empty">暂无发布的案例。</div>`
}`,
    });
  });

  app.get('/public/cases/:id', { config, schema }, async (req, reply) => {
    const { id: raw } = req.params as { id: string };
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
    const [c] = id ? await caseQuery(db).where(and(eq(practiceCases.id, id), eq(practiceCases.published, true))) : [];
    if (!c) return replyPublicNotFound(req, reply, `/public/cases/${id || ''}`);
    const photos = await publicPhotosOfCases(db, [c.id]);
    return replyPublicPage(req, reply, {
      title: c.title,
      description: excerpt(c.body),
      path: `/public/cases/${c.id}`,
      ...(photos[0] ? { image: photos[0].url } : {}),
      body: html`<p class="crumbs"><a href="/public/cases">优秀案例</a> ›</p>
<h1>${c.title}</h1>
<p class="muted">${c.unitName} · ${classLink(c)} · ${day(c.publishedAt)}</p>
<div class="prose">${paragraphs(c.body)}</div>
${
  photos.length
    ? html`<div class="photos">${photos.map(
        (p) => html`<img src="${p.url}" alt="${p.alt}" loading="lazy" decoding="async" width="400" height="300">`,
      )}</div>`
    : ''
}`,
    });
  });
}
