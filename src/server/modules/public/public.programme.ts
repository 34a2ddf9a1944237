/**
 * /public/programme: the current campaign for the public — its dates, the rules that matter to a family, and the
 * targets with their progress. Progress figures come from the one read layer (modules/stats `orgFigures` over the
 * campaign's organiser, docs/FIGURES.md): units delivering care (P-T1) and families served (P-T2), both counts of
 * organisations or families, never of a named person; the class counts are the public classes' own.
 */
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { CampaignParams } from '../../../domain/campaign/schema.js';
import type { App, Deps } from '../../deps.js';
import { orgFigures } from '../stats/stats.read.js';
import { html, PUBLIC_PAGE_LIMIT, replyPublicPage } from './layout.js';
import { feeZh, gradesZh, HOLIDAY_ZH, rangeZh } from './public.labels.js';
import { campaignClassCounts, currentCampaign } from './public.repo.js';

/** The figures are recomputed at most once a minute per campaign (the page is public and may be hit hard). */
const cache = new Map<string, { at: number; values: Map<string, number | null> }>();

async function progress(deps: Deps, campaignId: number, orgId: number, asOf: string) {
  const key = `${campaignId}:${asOf}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < 60_000) return hit.values;
  const figures = await orgFigures(deps.database.db, { campaignId, asOf, orgId });
  const values = new Map(figures.map((f) => [f.key, f.value]));
  cache.set(key, { at: Date.now(), values });
  return values;
}

const bar = (label: string, value: number, target: number) => {
  const pct = target > 0 ? Math.min(100, Math.round((value / target) * 100)) : 0;
  return html`<div class="card"><h3>${label}</h3><p><b>${value}</b> / 目标 ${target}</p><div class="bar"><i style="width:${pct}%"></i></div><p class="muted">完成 ${pct}%</p></div>`;
};

export async function publicProgrammeRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  app.get(
    '/public/programme',
    { config: { auth: 'public', rateLimit: PUBLIC_PAGE_LIMIT }, schema: { hide: true } },
    async (req, reply) => {
      const campaign = await currentCampaign(db);
      if (!campaign)
        return replyPublicPage(req, reply, {
          title: '托管项目',
          description: '本期爱心托管项目尚未发布。',
          path: '/public/programme',
          body: html`<h1>托管项目</h1><div class="empty">本期托管项目尚未发布，请稍后再来。</div>`,
        });
      const p = campaign.params as CampaignParams;
      const counts = await campaignClassCounts(db, campaign.id);
      const today = todayInChina(req.ctx?.now ?? new Date());
      const asOf = [today, p.season.end].sort()[0] ?? today;
      const fig = await progress(deps, campaign.id, campaign.orgId, asOf);
      const n = (k: string) => Number(fig.get(k) ?? 0);
      const kShare = p.eligibility.kindergartenMaxShare;
      return replyPublicPage(req, reply, {
        title: campaign.name,
        description: `${campaign.year}年${HOLIDAY_ZH[campaign.holidayType] ?? ''}爱心托管：${rangeZh(p.season.start, p.season.end, true)}，面向职工子女，${counts.classes} 个托管班。`,
        path: '/public/programme',
        body: html`<h1>${campaign.name}</h1>
<p class="lead">${campaign.year}年${HOLIDAY_ZH[campaign.holidayType] ?? ''}，工会组织各单位为职工子女开办爱心托管班，解决假期“看护难”。</p>
<div class="stats">
<div class="stat"><b>${counts.classes}</b><span>托管班</span></div>
<div class="stat"><b>${counts.open}</b><span>正在报名</span></div>
<div class="stat"><b>${counts.running}</b><span>正在托管</span></div>
<div class="stat"><b>${counts.capacity}</b><span>托管名额</span></div>
</div>
<h2>时间</h2>
<dl class="facts"><dt>托管期</dt><dd>${rangeZh(p.season.start, p.season.end, true)}</dd>
<dt>每班至少</dt><dd>${p.scale.minWorkingDays} 个工作日</dd></dl>
<h2>规则摘要</h2>
<div class="prose">
<p>招收对象：职工子女，${gradesZh(p.eligibility.gradesAllowed)}${
          kShare > 0
            ? `；幼儿园大班儿童不超过 ${Math.round(kShare * 100)}%${p.eligibility.kindergartenSelfCareRequired ? '，须具备生活自理能力' : ''}`
            : '；不招收幼儿园儿童'
        }。</p>
<p>规模：每班不少于 ${p.scale.minChildren} 名儿童，出勤率不低于 ${Math.round(p.scale.minAttendanceRate * 100)}%。</p>
<p>场地：独立、安全、通风采光良好，具备消防安全条件；不设在地下室及危险场所附近。</p>
<p>安全：托管班与家长签订托管协议，建立安全管理、应急预案、值班和卫生消毒制度；儿童每日签到签退，由家长指定的人员接送。</p>
<p>费用：以公益为主，各班收费在班级页面公示（如“${feeZh(0)}”）。</p>
</div>
<h2>目标与进度</h2>
<div class="cards">
${bar('开展托管的单位', n('units.delivering'), p.targets.units)}
${bar('服务职工家庭', n('families.served'), p.targets.families)}
<div class="card"><h3>示范托管班</h3><p>目标 ${p.targets.demonstrationClasses} 家，年底评选命名。</p><p><a href="/public/showcase">查看示范班</a></p></div>
</div>
<p class="muted">进度为截至 ${asOf} 的汇总数，只统计单位和家庭的数量，不涉及任何个人信息。</p>
<p><a class="btn" href="/public/classes">找托管班</a></p>`,
      });
    },
  );
}
