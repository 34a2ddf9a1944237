/**
 * /public/classes (the class finder) and /public/classes/:id (a class's public page). Filters travel as a plain GET
 * form, so the finder works without script and every result list has its own shareable address. A filter value
 * that does not parse is ignored (and shown unset), never an error page.
 */
import type { FastifyRequest } from 'fastify';
import type { App, Deps } from '../../deps.js';
import { html, PUBLIC_PAGE_LIMIT, replyPublicNotFound, replyPublicPage } from './layout.js';
import {
  ACTIVITY_ZH,
  dateZh,
  feeZh,
  gradesZh,
  MEALS_ZH,
  paragraphs,
  rangeZh,
  STATUS_ZH,
  statusTag,
} from './public.labels.js';
import {
  currentCampaign,
  findPublicClass,
  findPublicClasses,
  type PublicClassRow,
  publicAreas,
} from './public.repo.js';
import { publicPhotosOfClass } from './public.photos.js';

const PAGE_SIZE = 24;
const GRADE_OPTIONS = ['K', '1', '2', '3', '4', '5', '6'] as const;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

function str(q: Record<string, unknown>, k: string, max = 40): string | undefined {
  const v = q[k];
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t && t.length <= max ? t : undefined;
}

export function parseFinderQuery(query: unknown) {
  const q = (query ?? {}) as Record<string, unknown>;
  const area = Number(str(q, 'area', 10));
  const page = Number(str(q, 'page', 5));
  const grade = str(q, 'grade', 2);
  const from = str(q, 'from', 10);
  const to = str(q, 'to', 10);
  return {
    areaId: Number.isInteger(area) && area > 0 ? area : undefined,
    grade: grade && (GRADE_OPTIONS as readonly string[]).includes(grade) ? grade : undefined,
    from: from && ISO.test(from) ? from : undefined,
    to: to && ISO.test(to) ? to : undefined,
    placesLeft: str(q, 'places', 3) === '1',
    q: str(q, 'q', 40),
    page: Number.isInteger(page) && page > 0 && page < 1000 ? page : 1,
  };
}

const left = (c: PublicClassRow) => Math.max(0, (c.capacity ?? 0) - (c.taken ?? 0));

function placesText(c: PublicClassRow): string {
  if (c.status !== 'open') return `共 ${c.capacity ?? 0} 个名额`;
  const n = left(c);
  return n > 0 ? `余 ${n} 个名额（共 ${c.capacity ?? 0} 个）` : `名额已满（共 ${c.capacity ?? 0} 个）`;
}

const classCard = (c: PublicClassRow) => html`<a class="card" href="/public/classes/${c.id}">
<h3>${c.name}</h3>
<p>${statusTag(c.status)}${c.areaName ? html`<span class="tag off">${c.areaName}</span>` : ''}</p>
<p class="muted">${c.unitName}</p>
<p>${rangeZh(c.startDate, c.endDate)}${c.dailyStart ? ` · ${c.dailyStart}–${c.dailyEnd ?? ''}` : ''}</p>
<p>${gradesZh(c.gradesOffered)} · ${placesText(c)}</p>
${c.venueAddress ? html`<p class="muted">${c.venueAddress}</p>` : ''}
</a>`;

function pageLink(f: ReturnType<typeof parseFinderQuery>, page: number): string {
  const p = new URLSearchParams();
  if (f.areaId) p.set('area', String(f.areaId));
  if (f.grade) p.set('grade', f.grade);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.placesLeft) p.set('places', '1');
  if (f.q) p.set('q', f.q);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return `/public/classes${s ? `?${s}` : ''}`;
}

export async function publicClassRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const config = { auth: 'public' as const, rateLimit: PUBLIC_PAGE_LIMIT };
  const schema = { hide: true };

  app.get('/public/classes', { config, schema }, async (req: FastifyRequest, reply) => {
    const f = parseFinderQuery(req.query);
    const campaign = await currentCampaign(db);
    const areas = campaign ? await publicAreas(db, campaign.id) : [];
    const { rows, total } = campaign
      ? await findPublicClasses(db, { ...f, campaignId: campaign.id, pageSize: PAGE_SIZE })
      : { rows: [], total: 0 };
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const sel = (on: boolean) => (on ? html` selected` : '');
    const form = html`<form class="filters" method="get" action="/public/classes">
<label>区/系统<select name="area"><option value="">全部</option>${areas.map(
      (a) => html`<option value="${a.id}"${sel(a.id === f.areaId)}>${a.name}</option>`,
    )}</select></label>
<label>年级<select name="grade"><option value="">全部</option>${GRADE_OPTIONS.map(
      (g) => html`<option value="${g}"${sel(g === f.grade)}>${g === 'K' ? '幼儿园大班' : `${g}年级`}</option>`,
    )}</select></label>
<label>开始不早于<input type="date" name="from" value="${f.from ?? ''}"></label>
<label>开始不晚于<input type="date" name="to" value="${f.to ?? ''}"></label>
<label class="wide">地址或名称<input type="search" name="q" maxlength="40" placeholder="如：建设路、工人文化宫" value="${f.q ?? ''}"></label>
<label><span>&nbsp;</span><span><input type="checkbox" name="places" value="1"${f.placesLeft ? html` checked` : ''}> 只看有余位</span></label>
<div class="actions"><button class="btn" type="submit">查找</button><a href="/public/classes">清除条件</a><span class="muted">共 ${total} 个托管班</span></div>
</form>`;
    const list = rows.length
      ? html`<div class="cards">${rows.map(classCard)}</div>`
      : html`<div class="empty">${
          campaign ? '没有符合条件的托管班，请放宽条件再试。' : '本期托管项目尚未发布，请稍后再来。'
        }</div>`;
    const pager =
      pages > 1
        ? html`<nav class="pager">${f.page > 1 ? html`<a href="${pageLink(f, f.page - 1)}">上一页</a>` : ''}<span>第 ${f.page} / ${pages} 页</span>${
            f.page < pages ? html`<a href="${pageLink(f, f.page + 1)}">下一页</a>` : ''
          }</nav>`
        : '';
    return replyPublicPage(req, reply, {
      title: '找托管班',
      description: '按区、年级、日期、余位和地址查找爱心托管班，查看时间、地点、费用和活动安排。',
      path: '/public/classes',
      body: html`<h1>找托管班</h1>
<p class="lead">${campaign ? campaign.name : ''} 托管班一览。报名请在家长端完成：<a href="/m/">进入家长端</a>。</p>
${form}${list}${pager}
<h2>怎样报名</h2>
<ol><li>用手机打开<a href="/m/">家长端</a>，以职工本人手机号注册并验证。</li><li>登记孩子信息，阅读并同意隐私告知。</li><li>选择托管班提交报名，等待单位确认名额、签署托管协议。</li></ol>`,
    });
  });

  app.get('/public/classes/:id', { config, schema }, async (req, reply) => {
    const { id: raw } = req.params as { id: string };
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
    const c = id ? await findPublicClass(db, id) : undefined;
    if (!c) return replyPublicNotFound(req, reply, `/public/classes/${id || ''}`);
    const photos = await publicPhotosOfClass(db, c.id);
    const slots = [...c.activityPlan].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
    const WEEKDAY = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
    const activityKinds = [...new Set(slots.map((s) => ACTIVITY_ZH[s.kind] ?? s.kind))];
    const apply =
      c.status === 'open' && left(c) > 0
        ? html`<p><a class="btn" href="/m/#/classes/${c.id}/apply">在家长端报名</a></p>`
        : html`<p class="muted">${c.status === 'open' ? '名额已满，可在家长端登记候补。' : `本班${STATUS_ZH[c.status]?.text ?? ''}。`}</p>`;
    const description = `${c.unitName}开办的爱心托管班，${rangeZh(c.startDate, c.endDate)}，面向${gradesZh(c.gradesOffered)}，${feeZh(c.feeAmount)}。`;
    return replyPublicPage(req, reply, {
      title: c.name,
      description,
      path: `/public/classes/${c.id}`,
      ...(photos[0] ? { image: photos[0].url } : {}),
      body: html`<p class="crumbs"><a href="/public/classes">找托管班</a> ›</p>
<h1>${c.name}</h1>
<p>${statusTag(c.status)}${c.areaName ? html`<span class="tag off">${c.areaName}</span>` : ''}</p>
${apply}
<dl class="facts">
<dt>开办单位</dt><dd>${c.unitName}</dd>
<dt>托管地点</dt><dd>${c.venueName ?? '待定'}${c.venueAddress ? html`<br><span class="muted">${c.venueAddress}</span>` : ''}</dd>
<dt>托管日期</dt><dd>${rangeZh(c.startDate, c.endDate, true)}${
        c.closedDates.length
          ? html`<br><span class="muted">停托：${c.closedDates.map((d) => dateZh(d)).join('、')}</span>`
          : ''
      }</dd>
<dt>每日时间</dt><dd>${c.dailyStart ? `${c.dailyStart}–${c.dailyEnd ?? ''}` : '待定'}</dd>
<dt>招收年级</dt><dd>${gradesZh(c.gradesOffered)}</dd>
<dt>名额</dt><dd>${placesText(c)}</dd>
<dt>费用</dt><dd>${feeZh(c.feeAmount)}${c.feeNote ? html`<br><span class="muted">${c.feeNote}</span>` : ''}</dd>
<dt>午餐</dt><dd>${MEALS_ZH[c.meals] ?? c.meals}</dd>
</dl>
${c.publicDescription ? html`<h2>托管班介绍</h2><div class="prose">${paragraphs(c.publicDescription)}</div>` : ''}
<h2>活动安排</h2>
${
  slots.length
    ? html`<p>${activityKinds.map((k) => html`<span class="tag">${k}</span>`)}</p>
<table class="list"><thead><tr><th>星期</th><th>时间</th><th>内容</th></tr></thead><tbody>${slots.map(
        (s) =>
          html`<tr><td>${WEEKDAY[s.weekday] ?? ''}</td><td>${s.start}–${s.end}</td><td>${s.title || ACTIVITY_ZH[s.kind] || s.kind}</td></tr>`,
      )}</tbody></table>`
    : html`<div class="empty">活动安排待公布。</div>`
}
${
  photos.length
    ? html`<h2>活动照片</h2><div class="photos">${photos.map(
        (p) => html`<img src="${p.url}" alt="${p.alt}" loading="lazy" decoding="async" width="400" height="300">`,
      )}</div>`
    : ''
}`,
    });
  });
}
