/**
 * The demo's demonstration-class selection in progress (issue 17) for the current campaign: applications from
 * finished classes in several districts, submitted with their dossier frozen; the city's settings (quota 2 per
 * district) with one district's quota used up; a panel of three reviewers — the demo `reviewer` (city) and two
 * district reviewers, never assigned their own district's applications; scores from all three on some
 * applications, one flagged disagreement, one recusal with its reason; the demo `reviewer` still has applications
 * to score.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { hasConflict } from '../../domain/selection/conflict.js';
import { DEFAULT_GATE } from '../../domain/selection/gate.js';
import { DEFAULT_RUBRIC } from '../../domain/selection/rubric.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import {
  campaigns,
  careClasses,
  classUnits,
  organizations,
  reports,
  roleGrants,
  ruleVerdicts,
  users,
} from '../db/schema.js';
import {
  selectionApplications,
  selectionAssignments,
  selectionPanels,
  selectionRecommendations,
  selectionRecusals,
  selectionScores,
  selectionSettings,
  selectionSnapshots,
} from '../db/tables/selection.js';
import { recordEvent } from '../events/audit.js';
import { buildDossier } from '../modules/selection/selection.dossier.js';
import { unsafeCampaignApplications } from '../modules/selection/selection.repo.js';

const PRACTICES = [
  '“职工之家+托管班”：依托工会活动室，安排劳模讲堂、非遗剪纸和安全小课堂，每周一次亲子开放日。',
  '与社区卫生服务中心合作每日晨检，配备专职安全员，接送全程刷码，家长可在小程序查看当日记录。',
  '组织青年职工志愿者辅导作业，退休教师担任阅读导师，开设篮球、书法等兴趣课。',
];
const OUTCOMES = [
  '暑期服务职工子女 40 余名，出勤稳定，家长满意度调查好评率高，职工安心工作。',
  '全程无安全事故，整改事项按期闭环，台账完整，被区总工会作为经验交流。',
  '解决双职工家庭看护难题，带动单位 20 余名青年职工参与志愿服务。',
];

export async function loadDemoSelection(
  tx: Db,
  ctx: RequestContext,
  o: { campaignName: string; cityId: number; cityUserId: number; reviewerUserId: number },
): Promise<{ rows: number }> {
  const [camp] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, o.cityId), eq(campaigns.name, o.campaignName)));
  if (!camp) throw new Error('demo selection: no campaign');
  const finished = await tx
    .select({
      id: careClasses.id,
      unitId: classUnits.orgId,
      path: organizations.path,
      createdBy: careClasses.createdBy,
    })
    .from(careClasses)
    .innerJoin(classUnits, and(eq(classUnits.classId, careClasses.id), eq(classUnits.isOwner, true)))
    .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
    .where(and(eq(careClasses.campaignId, camp.id), inArray(careClasses.status, ['closed', 'archived'])))
    .orderBy(careClasses.id);
  if (finished.length < 4) return { rows: 0 };
  const failing = new Map<number, boolean>();
  for (const v of await tx
    .selectDistinctOn([ruleVerdicts.classId], { classId: ruleVerdicts.classId, failing: ruleVerdicts.failing })
    .from(ruleVerdicts)
    .where(
      inArray(
        ruleVerdicts.classId,
        finished.map((f) => f.id),
      ),
    )
    .orderBy(ruleVerdicts.classId, desc(ruleVerdicts.computedAt)))
    failing.set(v.classId, Array.isArray(v.failing) && v.failing.length > 0);
  // Up to three classes per district, clean ones first, from the first four districts that have any.
  const byDistrict = new Map<string, typeof finished>();
  for (const c of [...finished].sort(
    (a, b) => Number(failing.get(a.id) ?? false) - Number(failing.get(b.id) ?? false),
  )) {
    const d = c.path.split('/').slice(0, 3).join('/');
    const list = byDistrict.get(d) ?? [];
    if (list.length < 3) list.push(c);
    byDistrict.set(d, list);
  }
  // The demo district account's own district first, so it sees its quota used up.
  const [home] = await tx
    .select({ path: organizations.path })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .innerJoin(organizations, eq(organizations.id, roleGrants.orgId))
    .where(and(eq(users.username, 'district'), eq(roleGrants.role, 'district_admin')))
    .limit(1);
  const homeKey = home?.path.replace(/\/$/, '');
  const districts = [...byDistrict.keys()].sort((a, b) => Number(b === homeKey) - Number(a === homeKey)).slice(0, 4);
  const chosen = districts.flatMap((d) => byDistrict.get(d) ?? []);
  let rows = 0;

  await tx.insert(selectionSettings).values({
    campaignId: camp.id,
    gate: DEFAULT_GATE as unknown as Record<string, unknown>,
    rubric: DEFAULT_RUBRIC,
    defaultQuota: 2,
    quotas: {},
    blind: false,
    version: 1,
    updatedBy: o.cityUserId,
    updatedAt: ctx.now,
  });
  const day = (n: number) => new Date(ctx.now.getTime() - n * 86_400_000);
  const submittedAt = day(20);
  for (const [i, c] of chosen.entries()) {
    const [summary] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.campaignId, camp.id), eq(reports.orgId, c.unitId), eq(reports.type, 'summary')))
      .limit(1);
    await tx.insert(selectionApplications).values({
      campaignId: camp.id,
      classId: c.id,
      orgId: c.unitId,
      reportId: summary?.id ?? null,
      status: 'submitted',
      practices: PRACTICES[i % PRACTICES.length] ?? '',
      outcomes: OUTCOMES[i % OUTCOMES.length] ?? '',
      videoLinks: i === 0 ? ['https://v.example.cn/tuoguan/demo-1'] : [],
      submittedAt: new Date(submittedAt.getTime() + i * 3_600_000),
      createdBy: c.createdBy,
      createdAt: day(25),
      updatedAt: submittedAt,
    });
    rows++;
  }
  const apps = await unsafeCampaignApplications(tx, camp.id);
  for (const a of apps) {
    const dossier = await buildDossier(tx, a, a.submittedAt ?? submittedAt);
    await tx.insert(selectionSnapshots).values({
      applicationId: a.id,
      dossier: dossier as unknown as Record<string, unknown>,
      takenBy: a.createdBy,
      takenAt: a.submittedAt ?? submittedAt,
    });
    rows++;
  }
  // Recommendations: the first district uses its whole quota (2), the others recommend one or two.
  const recommended: typeof apps = [];
  for (const [di, d] of districts.entries()) {
    const mine = apps.filter((a) => a.unitPath.startsWith(`${d}/`));
    const n = di === 0 ? 2 : Math.min(mine.length, di % 2 === 0 ? 2 : 1);
    for (const [k, a] of mine.entries()) {
      await tx.insert(selectionRecommendations).values({
        applicationId: a.id,
        orgId: a.districtId,
        recommended: k < n,
        reason: k < n ? '材料齐全，做法有特色' : '名额有限，本次未推荐',
        decidedAt: day(15),
      });
      if (k < n) recommended.push(a);
      rows++;
    }
  }

  // Two more reviewers, each with a district role (same demo password as every demo account).
  const [rev] = await tx.select().from(users).where(eq(users.id, o.reviewerUserId));
  if (!rev) throw new Error('demo selection: no reviewer');
  const reviewers = [{ id: rev.id, paths: [`/${o.cityId}/`] }];
  for (const [k, d] of districts.slice(0, 2).entries()) {
    const districtId = Number(d.split('/')[2]);
    const [u] = await tx
      .insert(users)
      .values({
        username: `reviewer${k + 2}`,
        displayName: k === 0 ? '评审员 李老师' : '评审员 周老师',
        passwordHash: rev.passwordHash,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!u) throw new Error('demo selection: reviewer');
    await tx.insert(roleGrants).values({ userId: u.id, role: 'reviewer', orgId: districtId, createdAt: ctx.now });
    reviewers.push({ id: u.id, paths: [`${d}/`] });
    rows += 2;
  }
  const [panel] = await tx
    .insert(selectionPanels)
    .values({ campaignId: camp.id, name: '市级评审组', createdBy: o.cityUserId, createdAt: day(14) })
    .returning();
  if (!panel) throw new Error('demo selection: panel');
  const assigned: { appId: number; reviewerId: number }[] = [];
  for (const a of recommended)
    for (const r of reviewers) {
      if (hasConflict(r.paths, a.unitPath)) continue;
      await tx.insert(selectionAssignments).values({
        panelId: panel.id,
        applicationId: a.id,
        reviewerId: r.id,
        assignedBy: o.cityUserId,
        assignedAt: day(14),
      });
      assigned.push({ appId: a.id, reviewerId: r.id });
      rows++;
    }
  // One recusal with its reason: the last district reviewer on the first application they were given.
  const last = reviewers[reviewers.length - 1];
  const recusal = assigned.find((x) => x.reviewerId === last?.id);
  if (recusal) {
    await tx.insert(selectionRecusals).values({
      applicationId: recusal.appId,
      reviewerId: recusal.reviewerId,
      reason: '本人曾受邀为该单位托管班授课，申请回避',
      at: day(12),
    });
    rows++;
  }
  // Scores: every assigned reviewer on the first applications except the demo reviewer's last two (still to do);
  // one application gets scores far apart (flagged for discussion).
  const base = [86, 82, 78, 90, 74, 80, 84, 88];
  const mineToDo = new Set(
    assigned
      .filter((x) => x.reviewerId === rev.id)
      .slice(-2)
      .map((x) => x.appId),
  );
  let flaggedDone = false;
  for (const [ai, a] of recommended.entries()) {
    const pairs = assigned.filter((x) => x.appId === a.id && !(x.reviewerId === rev.id && mineToDo.has(a.id)));
    const scorers = pairs.filter((x) => !(recusal && x.appId === recusal.appId && x.reviewerId === recusal.reviewerId));
    const spread = !flaggedDone && scorers.length >= 2;
    if (spread) flaggedDone = true;
    for (const [ri, x] of scorers.entries()) {
      const b = base[(ai + ri) % base.length] ?? 80;
      const s = spread ? (ri === 0 ? 58 : 92) : b;
      for (const c of DEFAULT_RUBRIC.filter((c) => c.source === 'reviewer')) {
        await tx.insert(selectionScores).values({
          applicationId: a.id,
          reviewerId: x.reviewerId,
          criterion: c.key,
          score: Math.max(0, Math.min(100, s + (c.key === 'safety' ? 2 : c.key === 'exemplary' ? -3 : 0))),
          comment: spread && ri === 0 ? '特色不突出，示范性一般' : '做法扎实，材料完整',
          at: day(10 - ri),
        });
        rows++;
      }
    }
  }
  await recordEvent(tx, ctx, {
    action: 'demo.selection',
    entity: 'campaign',
    entityId: camp.id,
    after: { applications: apps.length, recommended: recommended.length, assignments: assigned.length },
  });
  return { rows };
}
