/**
 * The demo's finished earlier campaign and its demonstration classes (issue 17): last year's summer campaign,
 * closed, with ten of its classes (archived, at ten units of the city, in their own venues) on a 公示 of five
 * official working days in late October, one objection during the period answered (not upheld), and the ten
 * named by the city's decision a few days after — each with its certificate's verification code. The objector's
 * phone is a demo number, sealed with no key (the console says so when asked to reveal it).
 */
import { createHash } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { addDays } from '../../domain/calendar/dates.js';
import { workingDaysInRange } from '../../domain/calendar/workdays.js';
import { rollCampaignToYear } from '../../domain/campaign/build.js';
import { campaignParamsSchema } from '../../domain/campaign/schema.js';
import { TEMPLATE_2021 } from '../../domain/campaign/template.js';
import { publicityPeriod } from '../../domain/naming/publicity.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import { campaigns, careClasses, classUnits, organizations, venues } from '../db/schema.js';
import {
  demonstrationNamings,
  publicityEntries,
  publicityNotices,
  publicityObjectionResponses,
  publicityObjections,
} from '../db/tables/naming.js';
import { recordEvent } from '../events/audit.js';
import { evaluateAndStore } from '../modules/compliance/compliance.service.js';
import { newVerifyCode } from '../modules/naming/naming.decisions.js';

export const DEMO_NAMED = 10;

export async function loadDemoNaming(
  tx: Db,
  ctx: RequestContext,
  o: { cityId: number; cityPath: string; year: number; cityUserId: number; seed: number },
): Promise<{ rows: number; campaignId: number }> {
  const year = o.year - 1;
  const now = ctx.now;
  const name = `${year}年暑期爱心托管`;
  const params = campaignParamsSchema.parse({ ...rollCampaignToYear(TEMPLATE_2021, year), name });
  const [camp] = await tx
    .insert(campaigns)
    .values({
      orgId: o.cityId,
      name,
      year,
      holidayType: params.holidayType,
      status: 'closed',
      params,
      createdBy: o.cityUserId,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: campaigns.id });
  if (!camp) throw new Error('demo naming: campaign not inserted');

  // Ten units that have a venue, spread over the districts (every other unit in the tree's order).
  const withVenue = await tx
    .selectDistinct({ id: organizations.id, name: organizations.name, parentId: organizations.parentId })
    .from(organizations)
    .innerJoin(venues, eq(venues.orgId, organizations.id))
    .where(eq(organizations.kind, 'unit'))
    .orderBy(asc(organizations.id));
  const picked = withVenue.filter((_, i) => i % 2 === 0).slice(0, DEMO_NAMED);
  if (picked.length < DEMO_NAMED)
    picked.push(...withVenue.filter((u) => !picked.includes(u)).slice(0, DEMO_NAMED - picked.length));
  const parents = await tx
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      inArray(
        organizations.id,
        picked.map((u) => u.parentId ?? 0),
      ),
    );
  const districtName = new Map(parents.map((p) => [p.id, p.name]));

  const short = (unit: string) => unit.replace(/(有限责任公司|股份有限公司|有限公司|工会委员会|工会)$/, '');
  const classes: { id: number; name: string; unitId: number; unitName: string; districtName: string }[] = [];
  for (const [i, u] of picked.entries()) {
    const [venue] = await tx.select({ id: venues.id }).from(venues).where(eq(venues.orgId, u.id)).limit(1);
    const className = `${short(u.name)}职工子女暑期爱心托管班`;
    const [row] = await tx
      .insert(careClasses)
      .values({
        campaignId: camp.id,
        orgId: u.id,
        name: className,
        mode: 'standalone',
        management: 'union',
        startDate: `${year}-07-07`,
        endDate: `${year}-08-15`,
        dailyStart: '08:00',
        dailyEnd: '17:30',
        capacity: 30 + (i % 3) * 10,
        gradesOffered: [1, 2, 3, 4, 5, 6],
        meals: 'none',
        venueId: venue?.id ?? null,
        publicDescription: '暑期爱心托管：作业辅导、阅读、体育和手工；午餐由家长自备。',
        status: 'archived',
        createdBy: o.cityUserId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: careClasses.id });
    if (!row) throw new Error('demo naming: class not inserted');
    await tx.insert(classUnits).values({ classId: row.id, orgId: u.id, isOwner: true });
    // The rules panel of an archived class shows its verdict like the city year's classes (load-world.ts).
    const [stored] = await tx.select().from(careClasses).where(eq(careClasses.id, row.id));
    if (stored) await evaluateAndStore(tx, ctx, stored, 'demo.load');
    classes.push({
      id: row.id,
      name: className,
      unitId: u.id,
      unitName: u.name,
      districtName: districtName.get(u.parentId ?? 0) ?? '',
    });
  }

  // The 公示: five official working days from the first working day on or after 20 October.
  const first = workingDaysInRange(`${year}-10-20`, `${year}-11-10`, [], params.calendar)[0] ?? `${year}-10-20`;
  const period = publicityPeriod(first, 5, params.calendar);
  const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);
  const [notice] = await tx
    .insert(publicityNotices)
    .values({
      campaignId: camp.id,
      orgId: o.cityId,
      title: `${year}年度市级示范爱心托管班拟命名名单公示`,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      workdays: 5,
      body: `经单位申报、区县推荐、专家评审，拟命名以下 ${DEMO_NAMED} 个托管班为${year}年度市级示范爱心托管班，现予公示。\n公示期内，对名单有异议的，可在本页验证手机号后实名提出，我们将逐条核实并答复。`,
      createdBy: o.cityUserId,
      createdAt: at(addDays(period.startsOn, -1), '16:00'),
    })
    .returning();
  if (!notice) throw new Error('demo naming: notice not inserted');
  const entries = await tx
    .insert(publicityEntries)
    .values(
      classes.map((c, i) => ({
        noticeId: notice.id,
        classId: c.id,
        rank: i + 1,
        scoreCenti: 9560 - i * 137 - (i % 3) * 11,
        className: c.name,
        unitName: c.unitName,
        districtName: c.districtName,
      })),
    )
    .returning();

  // One objection on the second working day, answered two days later: not upheld.
  const target = entries[6] ?? entries[0];
  const phone = '13900007731';
  const [objection] = await tx
    .insert(publicityObjections)
    .values({
      noticeId: notice.id,
      entryId: target?.id ?? null,
      phoneHash: createHash('sha256').update(`demo-objector:${o.seed}`).digest('hex'),
      phoneSealed: 'demo-unsealed',
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`,
      content: '该班暑期第三周曾停课两天，家长临时找不到人照看，不宜评为示范班。',
      createdAt: at(period.days[1] ?? period.startsOn, '20:14'),
    })
    .returning();
  if (!objection) throw new Error('demo naming: objection not inserted');
  await tx.insert(publicityObjectionResponses).values({
    objectionId: objection.id,
    outcome: 'not_upheld',
    content:
      '经核实，该班 7 月 22、23 日因暴雨红色预警按规定停课，已提前一天通知家长并于 8 月 16、17 日补课，出勤和安全记录完整。异议不成立，已电话告知异议人。',
    respondedBy: o.cityUserId,
    createdAt: at(period.days[3] ?? period.endsOn, '10:30'),
  });

  // The naming: the second working day after the period.
  const decisionDate =
    workingDaysInRange(addDays(period.endsOn, 1), addDays(period.endsOn, 20), [], params.calendar)[1] ??
    addDays(period.endsOn, 3);
  const decisionNo = `市总工发〔${year}〕27号`;
  const named = await tx
    .insert(demonstrationNamings)
    .values(
      classes.map((c) => ({
        campaignId: camp.id,
        noticeId: notice.id,
        classId: c.id,
        unitId: c.unitId,
        className: c.name,
        unitName: c.unitName,
        districtName: c.districtName,
        decisionNo,
        decisionDate,
        verifyCode: newVerifyCode(),
        createdBy: o.cityUserId,
        createdAt: at(decisionDate, '15:00'),
      })),
    )
    .returning({ id: demonstrationNamings.id });
  await recordEvent(tx, ctx, {
    action: 'naming.demo_load',
    entity: 'demonstration_naming',
    orgPath: o.cityPath,
    after: { campaignId: camp.id, noticeId: notice.id, named: named.length, decisionNo, decisionDate },
  });
  return { rows: 1 + classes.length * 2 + 1 + entries.length + 2 + named.length, campaignId: camp.id };
}
