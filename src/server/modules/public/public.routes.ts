/**
 * /public/: the site's home page, its stylesheet and share image. The home page links every public page (the
 * crawl test follows them all); each page is server-rendered (layout.ts), rate-limited and revalidated by ETag.
 */
import fs from 'node:fs';
import type { App, Deps } from '../../deps.js';
import {
  html,
  navItems,
  PUBLIC_NAV,
  PUBLIC_PAGE_LIMIT,
  replyPublicPage,
  sendWithEtag,
  setAnsweringPaths,
} from './layout.js';
import { publishedNews } from './news.service.js';
import { SITE_CSS } from './site.css.js';

const YEAR = 'public, max-age=31536000, immutable';
const SHARE_PNG = new URL('./assets/share.png', import.meta.url);

const BLURB: Record<string, string> = {
  '/public/programme': '本期托管项目的时间、规则和进度',
  '/public/classes': '按区、年级、日期和余位查找托管班',
  '/public/showcase': '市级示范爱心托管班',
  '/public/cases': '各地托管班的好做法',
  '/public/news': '工会发布的托管工作动态',
  '/public/publicity': '示范班评选等公示信息',
  '/public/volunteers': '托管班招募职工和社会志愿者',
};

export async function publicSiteRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const config = { auth: 'public' as const, rateLimit: PUBLIC_PAGE_LIMIT };
  const schema = { hide: true };

  app.addHook('onReady', async () => {
    setAnsweringPaths(
      new Set(PUBLIC_NAV.filter((n) => app.hasRoute({ method: 'GET', url: n.path })).map((n) => n.path)),
    );
  });

  app.get('/public', { config, schema }, (_req, reply) => reply.redirect('/public/'));

  app.get('/public/', { config, schema }, async (req, reply) => {
    const tiles = navItems()
      .filter((n) => n.path !== '/public/')
      .map(
        (n) => html`<a class="card" href="${n.path}"><h3>${n.zh}</h3><p class="muted">${BLURB[n.path] ?? ''}</p></a>`,
      );
    const news = await publishedNews(db, 3);
    const latest = news.length
      ? html`<h2>最新动态</h2><div class="cards">${news.map(
          (n) =>
            html`<a class="card" href="/public/news/${n.id}"><h3>${n.title}</h3><p class="muted">${n.summary}</p></a>`,
        )}</div>`
      : '';
    return replyPublicPage(req, reply, {
      title: '职工子女爱心托管',
      description: '工会为职工子女开办的寒暑假爱心托管班：项目介绍、找托管班、示范班、优秀案例、新闻和公示。',
      path: '/public/',
      body: html`<h1>职工子女爱心托管</h1>
<p class="lead">寒暑假期间，工会联合各单位为职工子女开办爱心托管班。这里公开托管项目、各托管班的基本信息和工作动态。</p>
<p><a class="btn" href="/public/classes">找托管班</a> <a class="btn ghost" href="/m/">家长报名</a></p>
<h2>栏目</h2>
<div class="cards">${tiles}</div>
${latest}`,
    });
  });

  app.get('/public/assets/site.css', { config, schema }, async (req, reply) =>
    sendWithEtag(req, reply, SITE_CSS, 'text/css; charset=utf-8', YEAR),
  );

  app.get('/public/assets/share.png', { config, schema }, async (req, reply) =>
    sendWithEtag(req, reply, fs.readFileSync(SHARE_PNG), 'image/png', 'public, max-age=86400'),
  );
}
