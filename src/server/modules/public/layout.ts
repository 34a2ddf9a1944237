/**
 * The public site's page frame (issue 17): every page under /public/ is rendered on the server into one small HTML
 * document — zh-CN first, a phone viewport, the share meta that WeChat and other apps read (Open Graph, itemprop,
 * description), a header with the programme's name and the site's menu, and a footer. No script; one small
 * stylesheet (/public/assets/site.css, cached for a year under a content-hash query). Other modules' public pages
 * (公示, showcase, verification, volunteers) call `replyPublicPage` with their body built by the `html` template,
 * which escapes every interpolated value unless it is already `SafeHtml`.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SITE_CSS } from './site.css.js';

// ---- escaping -------------------------------------------------------------------------------------------------

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESC[c] ?? c);
}

/** Markup already escaped (built by `html`, or `raw` on trusted constants). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Trusted markup, passed through as is: only for constants written in this code base, never for data. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

function part(v: unknown): string {
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(v);
}

/**
 * Tagged template: `html\`<p>${name}</p>\`` escapes `name`; nested `html` results and arrays of them are inserted
 * as they are; null, undefined and false render nothing (so `${cond && html\`…\`}` works).
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += part(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

// ---- the stylesheet -------------------------------------------------------------------------------------------

export const SITE_CSS_HASH = createHash('sha256').update(SITE_CSS).digest('hex').slice(0, 10);
export const SITE_CSS_URL = `/public/assets/site.css?v=${SITE_CSS_HASH}`;
export const DEFAULT_SHARE_IMAGE = '/public/assets/share.png';

// ---- the frame ------------------------------------------------------------------------------------------------

export const PROGRAMME = {
  zh: { name: '职工子女爱心托管', owner: '市总工会', tagline: '寒暑假爱心托管服务 · 公开信息' },
  en: { name: "Employees' Children Holiday Care", owner: 'City Federation of Trade Unions', tagline: 'Public site' },
} as const;

/** The site's menu: every public page is reachable from here and from /public/. */
export const PUBLIC_NAV: readonly { path: string; zh: string; en: string }[] = [
  { path: '/public/', zh: '首页', en: 'Home' },
  { path: '/public/programme', zh: '托管项目', en: 'Programme' },
  { path: '/public/classes', zh: '找托管班', en: 'Find a class' },
  { path: '/public/showcase', zh: '示范班', en: 'Showcase' },
  { path: '/public/cases', zh: '优秀案例', en: 'Good practice' },
  { path: '/public/news', zh: '新闻动态', en: 'News' },
  { path: '/public/publicity', zh: '公示', en: 'Publicity' },
  { path: '/public/volunteers', zh: '志愿者', en: 'Volunteers' },
];

/**
 * The menu's paths that answer on this server: a page another module has not registered (yet) is left out of the
 * menu and the home page, so no public link leads nowhere. Filled when the app is ready (public.routes.ts).
 */
let answering: ReadonlySet<string> | null = null;
export function setAnsweringPaths(paths: ReadonlySet<string>): void {
  answering = paths;
}
export const navItems = () => PUBLIC_NAV.filter((n) => !answering || answering.has(n.path));

export interface PublicPageOptions {
  /** The page's own title (the programme's name is appended). */
  title: string;
  /** One or two sentences: the search and share description. */
  description: string;
  /** A share image (same-origin path or absolute URL); the programme's default otherwise. */
  image?: string;
  /** The page's path under /public/ (canonical and og:url). */
  path: string;
  /** The page's main content. A plain string is escaped: pass `html` results. */
  body: SafeHtml | string;
  lang?: 'zh-CN' | 'en';
  /** The site's origin (https://host) for absolute share URLs; `replyPublicPage` fills it from the request. */
  origin?: string;
}

const absolute = (origin: string | undefined, url: string): string =>
  /^https?:\/\//.test(url) || !origin ? url : `${origin}${url.startsWith('/') ? '' : '/'}${url}`;

/** The full HTML document of a public page. */
export function renderPublicPage(p: PublicPageOptions): string {
  const lang = p.lang ?? 'zh-CN';
  const t = lang === 'en' ? PROGRAMME.en : PROGRAMME.zh;
  const fullTitle = p.title === t.name ? t.name : `${p.title} - ${t.name}`;
  const url = absolute(p.origin, p.path);
  const image = absolute(p.origin, p.image ?? DEFAULT_SHARE_IMAGE);
  const nav = navItems().map((n) => {
    const here = n.path === p.path || (n.path !== '/public/' && p.path.startsWith(n.path));
    return html`<a href="${n.path}"${here ? raw(' aria-current="page"') : ''}>${lang === 'en' ? n.en : n.zh}</a>`;
  });
  const doc = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>${fullTitle}</title>
<meta name="description" content="${p.description}">
<link rel="canonical" href="${url}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="${t.name}">
<meta property="og:title" content="${fullTitle}">
<meta property="og:description" content="${p.description}">
<meta property="og:image" content="${image}">
<meta property="og:url" content="${url}">
<meta property="og:locale" content="${lang === 'en' ? 'en_US' : 'zh_CN'}">
<meta itemprop="name" content="${fullTitle}">
<meta itemprop="description" content="${p.description}">
<meta itemprop="image" content="${image}">
<meta name="twitter:card" content="summary_large_image">
<meta name="format-detection" content="telephone=no">
<meta name="theme-color" content="#b8312f">
<link rel="stylesheet" href="${SITE_CSS_URL}">
</head>
<body>
<header class="site-head"><div class="wrap">
<a class="brand" href="/public/"><span class="logo" aria-hidden="true">托</span><span><b>${t.name}</b><small>${t.owner} · ${t.tagline}</small></span></a>
<nav class="site-nav" aria-label="${lang === 'en' ? 'Site' : '栏目'}">${nav}</nav>
</div></header>
<main class="wrap" id="main">
${p.body}
</main>
<footer class="site-foot"><div class="wrap">
<p>${t.owner} · ${t.name}</p>
<p>${
    lang === 'en'
      ? 'This site shows class-level facts only; no child or parent is named. Parents apply in the phone app.'
      : '本站只公开托管班层面的信息，不公开任何儿童或家长的个人信息。家长报名请进入'
  }${lang === 'en' ? '' : raw('<a href="/m/">家长端</a>。')}</p>
</div></footer>
</body>
</html>
`;
  return doc.value;
}

// ---- sending --------------------------------------------------------------------------------------------------

/** Pages built from live data: browsers revalidate (ETag → 304), shared caches keep them a minute. */
export const PAGE_CACHE = 'public, max-age=0, s-maxage=60, must-revalidate';

/** Every public page's rate limit (per client address), like the other public routes. */
export const PUBLIC_PAGE_LIMIT = { max: 300, timeWindow: 60_000 } as const;

/** The origin the browser used, for absolute share URLs (the proxy's host when TRUST_PROXY is set). */
export function originOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

/** A weak-free ETag of a body: its content hash. */
export const etagOf = (body: string | Buffer): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** Sends a body with its ETag, answering 304 when the browser already holds it. */
export function sendWithEtag(
  req: FastifyRequest,
  reply: FastifyReply,
  body: string | Buffer,
  type: string,
  cacheControl: string = PAGE_CACHE,
) {
  const etag = etagOf(body);
  reply.header('etag', etag).header('cache-control', cacheControl).header('vary', 'accept-encoding');
  const inm = req.headers['if-none-match'];
  if (inm?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
  return reply.type(type).send(body);
}

/** Renders a public page and sends it (ETag, cache policy, 200 or the given status). */
export function replyPublicPage(
  req: FastifyRequest,
  reply: FastifyReply,
  page: Omit<PublicPageOptions, 'origin'>,
  status = 200,
) {
  const doc = renderPublicPage({ ...page, origin: originOf(req) });
  if (status !== 200)
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(doc);
  return sendWithEtag(req, reply, doc, 'text/html; charset=utf-8');
}

/** A "not found" page in the site's frame (an unknown, unpublished or withdrawn item). */
export function replyPublicNotFound(req: FastifyRequest, reply: FastifyReply, path: string) {
  return replyPublicPage(
    req,
    reply,
    {
      title: '页面不存在',
      description: '您要找的内容不存在或已不再公开。',
      path,
      body: html`<section class="empty"><h1>页面不存在</h1><p>您要找的内容不存在或已不再公开。</p><p><a class="btn" href="/public/">返回首页</a></p></section>`,
    },
    404,
  );
}
