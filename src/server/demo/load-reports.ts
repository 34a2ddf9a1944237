/**
 * The demo's reporting calendar (issue 14), deterministic for the demo's "now": every participating unit and its
 * district with accepted work plans, a preparation report returned with a comment, monthly reports mostly on time,
 * some late and some missing, most summaries accepted and the running unit's summary in draft with its demonstration-class application. Rows are written
 * as the service would have written them on those days (figures frozen from the stats read layer as of each
 * period's end); nothing is dated after "now", so a demo loaded in spring shows drafts instead of the future.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { addDays } from '../../domain/calendar/dates.js';
import { figuresAsOf } from '../../domain/reports/calendar.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import type { JsonValue } from '../db/json-types.js';
import { campaigns, careClasses, reports, reportVersions, roleGrants } from '../db/schema.js';
import { reportingWorld, type Slot } from '../modules/reports/reports.expected.js';
import { figuresOfOrg } from '../modules/reports/reports.figures.js';
import { writeNarrative } from '../modules/reports/reports.sections.js';

const TEXT: Record<string, string> = {
  目标任务: '今年计划开办职工子女暑期爱心托管班，服务在职职工子女不少于 20 人，托管时间不少于 20 个工作日。',
  工作措施: '- 成立由工会主席牵头的工作专班\n- 开展职工需求调研，按需设置托管时段\n- 与配餐企业、合作机构签订协议',
  资金保障: '单位行政、基层工会共同承担主要费用，申请上级工会补贴，家长适当分担。',
  监督管理: '每周开展安全巡查，落实接送登记、消防和食品安全各项制度。',
  工作成效: '力争实现“孩子开心、家长放心”，出勤率保持在 75% 以上。',
  模式选择: '采取单独开办模式，由工会人员和职工志愿者共同管理。',
  协议签订: '已与持证配餐企业签订配餐协议，托管协议随报名逐户签订。',
  场地布置: '职工之家一楼活动室已完成布置，通风采光良好，安装了监控设备。',
  课程安排: '上午作业辅导与阅读，下午体育、艺术和社会实践活动。',
  本月工作开展情况: '本月托管班正常运行，每日记录接送出勤和安全巡查。',
  安全卫生消防监管: '开展消防演练一次，每日通风消杀，食品留样完整。',
  存在问题及整改落实: '个别家长接送时间不固定，已建立临时接送登记。',
  下月工作安排: '继续做好日常管理，组织一次家长开放日。',
  工作开展情况: '暑期托管班已运行过半，服务职工家庭情况良好。',
  主要成效: '（待补充）',
  经验做法: '',
  存在问题及改进措施: '',
};

const RETURN_COMMENT = '协议签订情况请写明已签订的托管协议份数，并附配餐协议扫描件。';

export async function loadDemoReports(
  tx: Db,
  ctx: RequestContext,
  o: { campaignName: string; cityId: number; runningUnitId: number; cityUserId: number },
): Promise<{ rows: number }> {
  const [camp] = await tx
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.orgId, o.cityId), eq(campaigns.name, o.campaignName)));
  if (!camp) throw new Error('demo reports: no campaign');
  const world = await reportingWorld(tx, camp.id, null, ctx.now);
  if (!world) throw new Error('demo reports: no campaign');
  const now = ctx.now;
  const at = (day: string, hh: number) => new Date(`${day}T${String(hh).padStart(2, '0')}:00:00+08:00`);
  const past = (d: Date) => d.getTime() <= now.getTime();

  // Who writes and who decides: the first admin of each organisation.
  const orgIds = world.reporters.map((r) => r.id).concat([o.cityId]);
  const grants = await tx
    .select({ orgId: roleGrants.orgId, userId: roleGrants.userId, role: roleGrants.role })
    .from(roleGrants)
    .where(
      and(inArray(roleGrants.orgId, orgIds), inArray(roleGrants.role, ['unit_admin', 'district_admin', 'city_admin'])),
    );
  const adminOf = (orgId: number | null) => grants.find((g) => g.orgId === orgId)?.userId ?? o.cityUserId;
  const [running] = await tx
    .select({ id: careClasses.id, name: careClasses.name })
    .from(careClasses)
    .where(and(eq(careClasses.campaignId, camp.id), eq(careClasses.orgId, o.runningUnitId)));

  const units = world.reporters.filter((r) => r.kind === 'unit');
  const runningUnit = o.runningUnitId;
  const lateUnit = units.find((u) => u.id !== runningUnit)?.id;
  let rows = 0;

  const write = async (
    s: Slot,
    plan: {
      submitAt?: Date;
      decide?: { at: Date; decision: 'accepted' | 'returned'; comment?: string };
      draftOnly?: boolean;
    },
  ) => {
    const headings = s.period.headings;
    const narrative = {
      sections: headings.map((h) => ({ heading: h, text: TEXT[h] ?? `${h}：按计划推进。` })),
      applications: s.period.type === 'summary' && s.org.id === runningUnit && running ? [running.id] : [],
    };
    const names = new Map(running ? [[running.id, running.name]] : []);
    const draft = writeNarrative(narrative, names);
    const submitted = plan.submitAt && past(plan.submitAt) && !plan.draftOnly ? plan.submitAt : null;
    const decided = submitted && plan.decide && past(plan.decide.at) ? plan.decide : null;
    const createdAt = submitted ? addHours(submitted, -30) : addHours(now, -2);
    const [row] = await tx
      .insert(reports)
      .values({
        campaignId: camp.id,
        orgId: s.org.id,
        type: s.period.type,
        period: s.period.period,
        requestId: s.period.requestId,
        dueDate: s.period.dueDate,
        status: decided ? decided.decision : submitted ? 'submitted' : 'draft',
        draft,
        currentVersion: submitted ? 1 : 0,
        firstSubmittedAt: submitted,
        submittedAt: submitted,
        acceptedAt: decided?.decision === 'accepted' ? decided.at : null,
        createdBy: adminOf(s.org.id),
        version: submitted ? (decided ? 4 : 3) : 2,
        createdAt,
        updatedAt: decided?.at ?? submitted ?? createdAt,
      })
      .returning({ id: reports.id });
    rows++;
    if (!row || !submitted) return;
    const asOf = figuresAsOf(s.period, chinaDay(submitted));
    const figures = await figuresOfOrg(tx, { campaignId: camp.id, org: s.org, asOf, keys: s.period.figureKeys });
    await tx.insert(reportVersions).values({
      reportId: row.id,
      version: 1,
      sections: draft,
      figures: figures as unknown as JsonValue,
      attachments: [],
      asOf,
      submittedBy: adminOf(s.org.id),
      submittedAt: submitted,
      decision: decided?.decision ?? null,
      comment: decided?.comment ?? null,
      decidedBy: decided ? adminOf(s.org.parentId) : null,
      decidedAt: decided?.at ?? null,
    });
    rows++;
  };

  for (const s of world.slots) {
    const due = s.period.dueDate;
    const isDistrict = s.org.kind !== 'unit';
    switch (s.period.type) {
      case 'plan':
        await write(s, {
          submitAt: at(addDays(due, isDistrict ? -1 : -3), 10),
          decide: { at: at(addDays(due, 2), 15), decision: 'accepted' },
        });
        break;
      case 'preparation':
        if (s.org.id === runningUnit) {
          await write(s, {
            submitAt: at(addDays(due, -2), 11),
            decide: { at: at(addDays(due, 1), 9), decision: 'returned', comment: RETURN_COMMENT },
          });
        } else if (s.org.id === lateUnit) {
          await write(s, { submitAt: at(addDays(due, 3), 16) });
        } else {
          await write(s, {
            submitAt: at(addDays(due, -1), 17),
            decide: { at: at(addDays(due, 3), 10), decision: 'accepted' },
          });
        }
        break;
      case 'monthly': {
        const first = s.period.period === world.params.reporting.monthly.from;
        if (s.org.id === runningUnit) {
          await write(s, {
            submitAt: at(addDays(due, -1), 10),
            ...(first ? { decide: { at: at(addDays(due, 3), 10), decision: 'accepted' as const } } : {}),
          });
        } else if (s.org.id === lateUnit) {
          await write(s, { submitAt: at(addDays(due, 4), 9) });
        } else {
          // The rest spread as a real year does: most on time and accepted, some late, some missing (nothing
          // started), the same organisation tending to slip again month after month.
          const m = Number(s.period.period.slice(5, 7));
          const draw = (s.org.id * 7 + m * 3) % 20;
          if (draw < 13) {
            await write(s, {
              submitAt: at(addDays(due, isDistrict ? 0 : -1), 16),
              decide: { at: at(addDays(due, 3), 10), decision: 'accepted' },
            });
          } else if (draw < 17) {
            await write(s, { submitAt: at(addDays(due, 2 + (draw % 3)), 15) });
          }
        }
        break;
      }
      case 'summary':
        if (s.org.id === runningUnit) await write(s, { draftOnly: true });
        else if ((s.org.id * 5) % 4 !== 0)
          await write(s, {
            submitAt: at(addDays(due, -2), 15),
            decide: { at: at(addDays(due, 5), 10), decision: 'accepted' },
          });
        break;
      default:
        break;
    }
  }
  return { rows };
}

const addHours = (d: Date, h: number) => new Date(d.getTime() + h * 3600_000);
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
