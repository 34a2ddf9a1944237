/**
 * The public pages of 公示 and naming, as bodies for the public site's frame (modules/public/layout.ts): the list of
 * current and past 公示, one 公示 with its class-level list and the objection form (plain HTML forms in two steps —
 * phone, then code and text — because the site runs no script), a certificate's verification, and the showcase of
 * named classes by campaign. Class-level facts only: no child, parent or objector is ever shown.
 */
import type { PublicityPhase } from '../../../domain/naming/publicity.js';
import { centiToScore, type VerifyState } from '../../../domain/naming/publicity.js';
import { html, type SafeHtml } from '../public/layout.js';
import type { EntryRecord, NamingRow, NoticeRow } from './naming.repo.js';
import { zhDate } from './naming.certificate.js';

const PHASE: Record<PublicityPhase, { zh: string; cls: string }> = {
  scheduled: { zh: '未开始', cls: 'tag off' },
  open: { zh: '公示中', cls: 'tag' },
  closed: { zh: '已结束', cls: 'tag ok' },
};

/** One column at every width: a long class name in the select must not widen the form past a phone's screen. */
const FORM_STYLE = 'grid-template-columns:minmax(0,1fr);max-width:720px';
const FIELD = 'font:inherit;padding:8px;border:1px solid #cfcac0;border-radius:6px;background:#fff;width:100%';

export function publicityListBody(items: { notice: NoticeRow; phase: PublicityPhase; entries: number }[]): SafeHtml {
  const current = items.filter((i) => i.phase === 'open');
  const past = items.filter((i) => i.phase === 'closed');
  const card = (i: (typeof items)[number]) =>
    html`<a class="card" href="/public/publicity/${i.notice.id}"><span class="${PHASE[i.phase].cls}">${PHASE[i.phase].zh}</span>
<h3>${i.notice.title}</h3>
<p class="muted">${i.notice.campaign.name} · 拟命名 ${i.entries} 个托管班</p>
<p>公示期：${zhDate(i.notice.startsOn)} 至 ${zhDate(i.notice.endsOn)}（${i.notice.workdays} 个工作日）</p></a>`;
  return html`<h1>公示</h1>
<p class="lead">市级示范爱心托管班等评选结果在此公示。公示期内，任何人可通过手机验证后提出异议，我们将逐条核实并答复。</p>
<h2>正在公示</h2>
${current.length ? html`<div class="cards">${current.map(card)}</div>` : html`<p class="empty">目前没有正在公示的名单。</p>`}
<h2>往期公示</h2>
${past.length ? html`<div class="cards">${past.map(card)}</div>` : html`<p class="empty">暂无往期公示。</p>`}`;
}

export interface ObjectionFormState {
  step: 'phone' | 'code' | 'done';
  phone?: string;
  masked?: string;
  entryId?: number | null;
  content?: string;
  error?: string;
  info?: string;
}

function objectionSection(n: NoticeRow, phase: PublicityPhase, entries: EntryRecord[], f: ObjectionFormState) {
  if (phase === 'scheduled') {
    return html`<p class="empty">公示期自 ${zhDate(n.startsOn)} 开始，届时可在此提出异议。</p>`;
  }
  if (phase === 'closed') {
    return html`<p class="empty">公示期已于 ${zhDate(n.endsOn)} 结束，不再受理异议。</p>`;
  }
  if (f.step === 'done') {
    return html`<div class="prose" role="status"><p><b>异议已收到。</b>${f.info ?? ''}</p><p class="muted">我们将在核实后通过您验证的手机号 ${f.masked ?? ''} 联系您。</p></div>`;
  }
  const error = f.error ? html`<p role="alert" style="color:#a4262c;margin:0 0 8px">${f.error}</p>` : '';
  if (f.step === 'phone') {
    return html`<form class="filters" method="post" action="/public/publicity/${n.id}/code" style="${FORM_STYLE}">
${error}<label>手机号（仅用于核实和答复，不公开）<input name="phone" type="tel" inputmode="numeric" autocomplete="tel" maxlength="20" required value="${f.phone ?? ''}"></label>
<div class="actions"><button class="btn" type="submit">获取验证码</button><span class="muted">验证码 10 分钟内有效</span></div>
</form>`;
  }
  const options = entries.map(
    (e) =>
      html`<option value="${e.id}"${f.entryId === e.id ? html` selected` : ''}>${e.rank}. ${e.className}（${e.unitName}）</option>`,
  );
  return html`<form class="filters" method="post" action="/public/publicity/${n.id}/objection" style="${FORM_STYLE}">
${error}${f.info ? html`<p class="muted" style="margin:0">${f.info}</p>` : ''}
<input type="hidden" name="phone" value="${f.phone ?? ''}">
<label>验证码<input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required></label>
<label>异议针对<select name="entryId" style="width:100%"><option value="">整份名单</option>${options}</select></label>
<label>异议内容（请写明事实和理由）<textarea name="content" rows="5" maxlength="2000" required style="${FIELD}">${f.content ?? ''}</textarea></label>
<div class="actions"><button class="btn" type="submit">提交异议</button><a href="/public/publicity/${n.id}#objection">换一个手机号</a></div>
</form>`;
}

export interface NoticeOutcome {
  objections: number;
  answered: number;
  named: { decisionNo: string; decisionDate: string; count: number } | null;
}

export function publicityDetailBody(
  n: NoticeRow,
  phase: PublicityPhase,
  entries: EntryRecord[],
  form: ObjectionFormState,
  outcome: NoticeOutcome,
): SafeHtml {
  if (phase === 'scheduled') {
    // The list goes public on the first day of the period, not when the city prepares it.
    return html`<p class="crumbs"><a href="/public/publicity">公示</a> / ${n.campaign.name}</p>
<h1>${n.title}</h1>
<p class="empty">本公示将于 ${zhDate(n.startsOn)} 开始，公示期至 ${zhDate(n.endsOn)}（${n.workdays} 个工作日）。名单届时公布，届时可在此提出异议。</p>`;
  }
  const hasScores = entries.some((e) => e.scoreCenti !== null);
  const rows = entries.map(
    (e) =>
      html`<tr><td>${e.rank}</td><td><b>${e.className}</b><br><span class="muted">${e.unitName} · ${e.districtName}</span></td>${
        hasScores
          ? html`<td style="white-space:nowrap;text-align:right">${centiToScore(e.scoreCenti)?.toFixed(2) ?? '—'}</td>`
          : ''
      }</tr>`,
  );
  const result =
    phase === 'closed'
      ? html`<h2>公示结果</h2><dl class="facts"><dt>收到异议</dt><dd>${
          outcome.objections === 0 ? '公示期内未收到异议' : `${outcome.objections} 条，已答复 ${outcome.answered} 条`
        }</dd>${
          outcome.named
            ? html`<dt>命名</dt><dd>${zhDate(outcome.named.decisionDate)}，${outcome.named.decisionNo}，命名 ${outcome.named.count} 个托管班（<a href="/public/showcase">查看示范班</a>）</dd>`
            : html`<dt>命名</dt><dd>待市总工会发文命名</dd>`
        }</dl>`
      : '';
  return html`<p class="crumbs"><a href="/public/publicity">公示</a> / ${n.campaign.name}</p>
<h1>${n.title}</h1>
<p><span class="${PHASE[phase].cls}">${PHASE[phase].zh}</span> 公示期：${zhDate(n.startsOn)} 至 ${zhDate(n.endsOn)}（${n.workdays} 个工作日，按国家法定工作日计算）</p>
${n.body ? html`<div class="prose">${n.body.split(/\n+/).map((p) => html`<p>${p}</p>`)}</div>` : ''}
<h2>拟命名名单（${entries.length}）</h2>
<table class="list"><thead><tr><th style="width:56px">排名</th><th>托管班 / 单位 · 区县</th>${
    hasScores ? html`<th style="text-align:right">评审得分</th>` : ''
  }</tr></thead><tbody>${rows}</tbody></table>
${result}
<h2 id="objection">提出异议</h2>
${objectionSection(n, phase, entries, form)}`;
}

export function verifyBody(state: VerifyState, x: NamingRow | null): SafeHtml {
  if (state === 'unknown' || !x) {
    return html`<h1>证书核验</h1><section class="empty"><h2>未找到该证书</h2><p>这个核验码不存在，证书可能不是本平台出具的。请核对二维码或向发证单位咨询。</p><p><a class="btn ghost" href="/public/showcase">查看全部示范班</a></p></section>`;
  }
  const facts = html`<dl class="facts"><dt>托管班</dt><dd>${x.className}</dd><dt>单位</dt><dd>${x.unitName}</dd><dt>区县</dt><dd>${x.districtName}</dd><dt>项目</dt><dd>${x.campaignName}</dd><dt>命名文号</dt><dd>${x.decisionNo}</dd><dt>命名日期</dt><dd>${zhDate(x.decisionDate)}</dd><dt>发证单位</dt><dd>${x.campaignOrgName}</dd>${
    x.revocation
      ? html`<dt>撤销日期</dt><dd>${zhDate(x.revocation.revokedOn)}${x.revocation.decisionNo ? html`（${x.revocation.decisionNo}）` : ''}</dd><dt>撤销原因</dt><dd>${x.revocation.reason}</dd>`
      : ''
  }</dl>`;
  if (state === 'revoked') {
    return html`<h1>证书核验</h1><div class="prose" role="alert" style="border-color:#a4262c"><p style="color:#a4262c;font-size:18px;margin:0"><b>✕ 该命名已被撤销，证书不再有效</b></p></div><p></p>${facts}`;
  }
  return html`<h1>证书核验</h1><div class="prose" role="status" style="border-color:#1a6b2a"><p style="color:#1a6b2a;font-size:18px;margin:0"><b>✓ 证书有效</b>：该托管班是${x.campaignOrgName}命名的市级示范爱心托管班。</p></div><p></p>${facts}`;
}

export function showcaseBody(named: NamingRow[]): SafeHtml {
  if (named.length === 0) {
    return html`<h1>市级示范爱心托管班</h1><p class="empty">示范班评选结果公布后将在此展示。</p>`;
  }
  const campaigns = [...new Set(named.map((x) => x.campaignId))];
  return html`<h1>市级示范爱心托管班</h1>
<p class="lead">经单位申报、区县推荐、专家评审和公示，由市总工会命名的示范托管班。</p>
${campaigns.map((cid) => {
  const xs = named.filter((x) => x.campaignId === cid);
  const first = xs[0] as NamingRow;
  return html`<h2>${first.campaignName}（${xs.length} 个）</h2>
<p class="muted">命名文号：${first.decisionNo} · ${zhDate(first.decisionDate)}</p>
<div class="cards">${xs.map(
    (x) =>
      html`<div class="card"><span class="tag ok">示范班</span><h3>${x.className}</h3><p>${x.unitName}</p><p class="muted">${x.districtName}</p></div>`,
  )}</div>`;
})}`;
}
