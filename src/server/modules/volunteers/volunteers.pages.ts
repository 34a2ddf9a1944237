/**
 * /public/volunteers: the calls for help on the public site (server-rendered in the site's frame, no script) and
 * the application form. Class-level facts only — the class, its unit and district, dates, skills, places — never a
 * child, a parent or a staff member. The form works without JavaScript in two steps on one page: 「获取验证码」
 * posts the filled form to …/code (the code is sent, the page comes back filled in), 「提交报名」 posts it to
 * …/apply. Both are rate-limited; a refusal comes back as the form with the reasons in Chinese (4xx).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { maskPhone, normalizeMobile } from '../../../domain/people/mask.js';
import {
  callTakesApplications,
  KIND_LABELS,
  SKILL_LABELS,
  VOLUNTEER_KINDS,
  VOLUNTEER_SKILLS,
  type CallKind,
  type VolunteerSkill,
} from '../../../domain/volunteers/index.js';
import type { App, Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import {
  html,
  originOf,
  PUBLIC_PAGE_LIMIT,
  renderPublicPage,
  replyPublicNotFound,
  replyPublicPage,
  type SafeHtml,
} from '../public/layout.js';
import { sendApplyCode, submitApplication } from './volunteers.public.js';
import { type PublicCall, unsafePublicCall, unsafePublicCalls } from './volunteers.repo.js';
import { publicApplyBody } from './volunteers.schema.js';

const skillText = (c: { skills: string[]; otherSkill: string | null }) =>
  c.skills
    .map((s) => (s === 'other' && c.otherSkill ? c.otherSkill : (SKILL_LABELS[s as VolunteerSkill]?.zh ?? s)))
    .join('、');
const left = (c: PublicCall) => Math.max(0, c.wanted - c.accepted);

function callCard(c: PublicCall): SafeHtml {
  return html`<a class="card" href="/public/volunteers/${c.id}">
<h3>${c.title}</h3>
<p>${c.className} · ${c.unitName}${c.districtName ? html` · ${c.districtName}` : ''}</p>
<p>${c.skills.map((s) => html`<span class="tag">${s === 'other' && c.otherSkill ? c.otherSkill : SKILL_LABELS[s as VolunteerSkill]?.zh}</span>`)}<span class="tag ok">${KIND_LABELS[c.volunteerKind as CallKind]?.zh}</span></p>
<p class="muted">${c.startDate} 至 ${c.endDate} · ${c.schedule} · 还需 ${left(c)} 人</p>
</a>`;
}

/** The form's values as typed (strings), so a refused form comes back filled in. */
interface FormValues {
  name: string;
  phone: string;
  code: string;
  kind: string;
  employer: string;
  skills: string[];
  availability: string;
  note: string;
}
const EMPTY_FORM: FormValues = {
  name: '',
  phone: '',
  code: '',
  kind: '',
  employer: '',
  skills: [],
  availability: '',
  note: '',
};

function readForm(body: unknown): FormValues {
  const p = body instanceof URLSearchParams ? body : new URLSearchParams();
  const one = (k: string) => (p.get(k) ?? '').slice(0, 400);
  return {
    name: one('name'),
    phone: one('phone'),
    code: one('code'),
    kind: one('kind'),
    employer: one('employer'),
    skills: p.getAll('skills').slice(0, 10),
    availability: one('availability'),
    note: one('note'),
  };
}

/** What each field must be, said in Chinese next to the field's name. */
const FIELD_ZH: Record<string, string> = {
  name: '姓名：请填写 2–30 个字的真实姓名',
  phone: '手机号：请填写 11 位手机号码',
  code: '验证码：请填写短信中的 6 位数字',
  kind: '志愿者类型：请选择职工志愿者或社会志愿者',
  employer: '工作单位：最多 60 个字',
  skills: '特长：请至少选择一项',
  availability: '可服务时间：请填写 2–200 个字，例如「7 月每周二、四下午」',
  note: '备注：最多 300 个字',
};

function formHtml(c: PublicCall, v: FormValues, messages: { errors?: string[]; info?: string }): SafeHtml {
  const kinds = VOLUNTEER_KINDS.filter((k) => c.volunteerKind === 'either' || c.volunteerKind === k);
  const kindValue = v.kind || (kinds.length === 1 ? kinds[0] : '');
  return html`<form class="apply" method="post" action="/public/volunteers/${c.id}/apply" novalidate>
<h2 id="apply">报名</h2>
${messages.errors?.length ? html`<div class="notice err" role="alert"><b>请修改以下内容：</b><ul>${messages.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
${messages.info ? html`<div class="notice ok" role="status">${messages.info}</div>` : ''}
<label>姓名<input name="name" value="${v.name}" maxlength="30" autocomplete="name" required></label>
<label>手机号<input name="phone" value="${v.phone}" inputmode="numeric" maxlength="13" autocomplete="tel" required></label>
<div class="row"><label>短信验证码<input name="code" value="${v.code}" inputmode="numeric" maxlength="6" autocomplete="one-time-code"></label>
<button class="btn ghost" type="submit" formaction="/public/volunteers/${c.id}/code">获取验证码</button></div>
<fieldset><legend>志愿者类型</legend>${kinds.map(
    (k) =>
      html`<label class="inline"><input type="radio" name="kind" value="${k}"${kindValue === k ? html` checked` : ''}> ${KIND_LABELS[k].zh}</label>`,
  )}</fieldset>
<label>工作单位（职工志愿者必填）<input name="employer" value="${v.employer}" maxlength="60"></label>
<fieldset><legend>特长（可多选）</legend>${VOLUNTEER_SKILLS.map(
    (s) =>
      html`<label class="inline"><input type="checkbox" name="skills" value="${s}"${v.skills.includes(s) ? html` checked` : ''}> ${SKILL_LABELS[s].zh}</label>`,
  )}</fieldset>
<label>可服务时间<input name="availability" value="${v.availability}" maxlength="200" placeholder="例如：7 月每周二、四 14:00–17:00"></label>
<label>备注（选填）<textarea name="note" maxlength="300" rows="3">${v.note}</textarea></label>
<p class="muted">提交即表示同意托管班所在单位为审核和联系使用您的姓名和手机号；这些信息不会在本站公开。录用前须提供健康证并完成背景审查。</p>
<button class="btn" type="submit">提交报名</button>
</form>`;
}

function callBody(c: PublicCall, today: string, form: SafeHtml | null): SafeHtml {
  const open = callTakesApplications({ status: c.status as 'open', endDate: c.endDate }, today);
  return html`<p class="crumbs"><a href="/public/">首页</a> › <a href="/public/volunteers">志愿者招募</a></p>
<h1>${c.title}</h1>
<p>${open ? html`<span class="tag ok">招募中</span>` : html`<span class="tag off">已结束</span>`}<span class="tag">${KIND_LABELS[c.volunteerKind as CallKind]?.zh}</span></p>
<dl class="facts">
<dt>托管班</dt><dd>${c.className}</dd>
<dt>开办单位</dt><dd>${c.unitName}${c.districtName ? html`（${c.districtName}）` : ''}</dd>
<dt>服务日期</dt><dd>${c.startDate} 至 ${c.endDate}</dd>
<dt>服务时间</dt><dd>${c.schedule}${c.hoursPerWeek ? html`，每周约 ${c.hoursPerWeek} 小时` : ''}</dd>
<dt>需要特长</dt><dd>${skillText(c)}</dd>
<dt>招募人数</dt><dd>${c.wanted} 人，已录用 ${c.accepted} 人</dd>
</dl>
${c.description ? html`<div class="prose" style="margin-top:12px"><p>${c.description}</p></div>` : ''}
${open ? form : html`<div class="empty" style="margin-top:16px">本次招募已结束，感谢关注。<a href="/public/volunteers">看看其他招募</a></div>`}`;
}

const FORM_CSS = html`<style>
form.apply{background:#fff;border:1px solid #e6e2da;border-radius:10px;padding:4px 16px 16px;margin:16px 0;display:grid;gap:10px}
form.apply label{display:flex;flex-direction:column;gap:2px;font-size:14px;color:#57606a}
form.apply label.inline{display:inline-flex;flex-direction:row;align-items:center;gap:4px;margin:2px 14px 2px 0;color:#1f2328}
form.apply input:not([type=radio]):not([type=checkbox]),form.apply textarea{font:inherit;padding:8px;border:1px solid #cfcac0;border-radius:6px;width:100%}
form.apply fieldset{border:0;padding:0;margin:0}form.apply legend{font-size:14px;color:#57606a;padding:0;margin-bottom:2px}
form.apply .row{display:grid;grid-template-columns:1fr auto;gap:8px;align-items:end}
.notice{border-radius:8px;padding:8px 12px}.notice ul{margin:4px 0 0;padding-left:20px}
.notice.err{background:#fdecea;color:#8c1d1a;border:1px solid #f3c1bd}.notice.ok{background:#e3f1e5;color:#1a6b2a;border:1px solid #b9dcc0}
</style>`;

function sendCallPage(
  req: FastifyRequest,
  reply: FastifyReply,
  c: PublicCall,
  v: FormValues,
  messages: { errors?: string[]; info?: string },
  status: number,
) {
  const today = todayInChina(req.ctx.now);
  const body = html`${FORM_CSS}${callBody(c, today, formHtml(c, v, messages))}`;
  const page = {
    title: c.title,
    description: `${c.className}招募${KIND_LABELS[c.volunteerKind as CallKind]?.zh ?? '志愿者'}：${skillText(c)}，${c.startDate} 至 ${c.endDate}。`,
    path: `/public/volunteers/${c.id}`,
    body,
  };
  if (req.method === 'GET') return replyPublicPage(req, reply, page);
  // A posted form carries what the person typed: never cached, never given an ETag.
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderPublicPage({ ...page, origin: originOf(req) }));
}

function errorsOf(e: unknown): string[] | null {
  if (!(e instanceof AppError)) return null;
  const fields = e.fieldIssuesIn('zh-CN');
  if (fields.length > 0)
    return fields.map((f) => {
      const key = f.path.replace(/^body\./, '').split('.')[0] ?? '';
      return FIELD_ZH[key] ?? f.message;
    });
  return [e.messageIn('zh-CN')];
}

export async function volunteerPages(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const config = { auth: 'public' as const, rateLimit: PUBLIC_PAGE_LIMIT };
  const postConfig = {
    auth: 'public' as const,
    rateLimit: { max: deps.config.publicRateLimit.max, timeWindow: deps.config.publicRateLimit.windowMs },
  };
  const schema = { hide: true };
  const idOf = (req: FastifyRequest) => {
    const id = Number((req.params as { id?: string }).id);
    return Number.isInteger(id) && id > 0 && id < 2 ** 31 ? id : null;
  };

  app.get('/public/volunteers', { config, schema }, async (req, reply) => {
    const calls = await unsafePublicCalls(db, todayInChina(req.ctx.now));
    return replyPublicPage(req, reply, {
      title: '志愿者招募',
      description: '各托管班招募职工志愿者和社会志愿者：作业辅导、阅读、体育、艺术等，手机验证后即可报名。',
      path: '/public/volunteers',
      body: html`<h1>志愿者招募</h1>
<p class="lead">托管班欢迎职工志愿者、社会志愿者和专业人士参与：辅导作业、陪伴阅读、带领体育和艺术活动。选择一个招募，用手机号验证后报名，单位审核后会与您联系。</p>
${calls.length > 0 ? html`<div class="cards">${calls.map(callCard)}</div>` : html`<div class="empty">目前没有正在招募的托管班，请稍后再来看看。</div>`}`,
    });
  });

  // The form posts are urlencoded; the parser lives in this scope only, so the JSON API is untouched.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_req, body, done) => done(null, new URLSearchParams(String(body))),
    );

    scope.get('/public/volunteers/:id', { config, schema }, async (req, reply) => {
      const id = idOf(req);
      const c = id ? await unsafePublicCall(db, id) : undefined;
      if (!c) return replyPublicNotFound(req, reply, req.url);
      return sendCallPage(req, reply, c, EMPTY_FORM, {}, 200);
    });

    scope.post('/public/volunteers/:id/code', { config: postConfig, schema }, async (req, reply) => {
      const id = idOf(req);
      const c = id ? await unsafePublicCall(db, id) : undefined;
      if (!c) return replyPublicNotFound(req, reply, req.url);
      const v = readForm(req.body);
      const phone = normalizeMobile(v.phone);
      if (!phone) return sendCallPage(req, reply, c, v, { errors: [FIELD_ZH.phone ?? ''] }, 400);
      try {
        await sendApplyCode(db, deps.sender, req.ctx, c.id, phone);
      } catch (e) {
        const errors = errorsOf(e);
        if (!errors || !(e instanceof AppError)) throw e;
        return sendCallPage(req, reply, c, v, { errors }, e.statusCode);
      }
      return sendCallPage(req, reply, c, v, { info: `验证码已发送至 ${maskPhone(phone)}，10 分钟内有效。` }, 200);
    });

    scope.post('/public/volunteers/:id/apply', { config: postConfig, schema }, async (req, reply) => {
      const id = idOf(req);
      const c = id ? await unsafePublicCall(db, id) : undefined;
      if (!c) return replyPublicNotFound(req, reply, req.url);
      const v = readForm(req.body);
      const parsed = publicApplyBody.safeParse({
        name: v.name,
        phone: v.phone,
        code: v.code,
        kind: v.kind || undefined,
        employer: v.employer,
        skills: v.skills,
        availability: v.availability,
        note: v.note,
      });
      if (!parsed.success) {
        const keys = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
        return sendCallPage(req, reply, c, v, { errors: keys.map((k) => FIELD_ZH[k] ?? `${k}：输入有误`) }, 400);
      }
      try {
        await submitApplication(db, req.ctx, c.id, parsed.data);
      } catch (e) {
        const errors = errorsOf(e);
        if (!errors || !(e instanceof AppError)) throw e;
        return sendCallPage(req, reply, c, v, { errors }, e.statusCode);
      }
      return reply
        .code(200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          renderPublicPage({
            title: '报名已提交',
            description: '志愿者报名已提交，单位审核后会电话联系。',
            path: `/public/volunteers/${c.id}`,
            origin: originOf(req),
            body: html`<section class="empty" style="margin-top:20px"><h1>报名已提交</h1>
<p>感谢您报名「${c.title}」。${c.unitName}审核后会电话联系您，请保持手机畅通。</p>
<p>录用后您会收到短信，凭手机号登录平台，在托管班到岗签到、离岗签退，服务时长据此累计，可随时下载时长记录。</p>
<p><a class="btn" href="/public/volunteers">返回志愿者招募</a></p></section>`,
          }),
        );
    });
  });
}
