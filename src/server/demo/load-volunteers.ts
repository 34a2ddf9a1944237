/**
 * The demo's volunteers (issue 17, P-F), deterministic: open calls for help on several classes of the campaign (one
 * closed), applications pending, accepted and declined; the accepted ones are on their class's roster with their
 * checks and an account (password Demo@2026, like every demo account); the demo `volunteer` account's own
 * application to the running class is the accepted one that put them on its roster, and their hours come from
 * check-ins and check-outs on the class's past Tuesdays and Thursdays (one day without a check-out).
 */
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { addDays, todayInChina } from '../../domain/calendar/dates.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import { attendanceDays, campaigns, careClasses, classStaff, organizations, roleGrants, users } from '../db/schema.js';
import { staffDoorEvents, volunteerApplications, volunteerCalls } from '../db/tables/volunteers.js';
import { recordEvent } from '../events/audit.js';

const CALLS = [
  {
    title: '作业辅导志愿者',
    skills: ['homework', 'reading'],
    kind: 'either',
    schedule: '每周二、四 14:00–17:00',
    hoursPerWeek: 6,
    wanted: 3,
    description: '陪伴孩子完成假期作业，解答数学、语文问题，带领半小时课外阅读。欢迎在职职工和大学生报名。',
  },
  {
    title: '体育活动带队志愿者',
    skills: ['sports'],
    kind: 'social',
    schedule: '每周一、三、五 9:00–11:00',
    hoursPerWeek: 6,
    wanted: 2,
    description: '组织跳绳、踢毽子、小篮球等室内外活动，注意运动安全。有体育教学或教练经历者优先。',
  },
  {
    title: '书法与美术兴趣课志愿者',
    skills: ['arts'],
    kind: 'employee',
    schedule: '每周三 14:30–16:30',
    hoursPerWeek: 2,
    wanted: 1,
    description: '每周一次书法或绘画兴趣课，材料由托管班提供。',
  },
  {
    title: '绘本共读与故事会志愿者',
    skills: ['reading', 'other'],
    otherSkill: '讲故事',
    kind: 'either',
    schedule: '每周二 10:00–11:30',
    hoursPerWeek: 2,
    wanted: 2,
    description: '为低年级孩子读绘本、讲故事，引导孩子分享读后感。',
  },
  {
    title: '科学小实验志愿者',
    skills: ['other'],
    otherSkill: '科学实验',
    kind: 'employee',
    schedule: '每周四 14:00–16:00',
    hoursPerWeek: 2,
    wanted: 1,
    description: '带领孩子做安全的小实验（浮力、电路、植物观察），培养动手能力。',
  },
] as const;

const APPLICANTS = [
  {
    name: '王晓燕',
    kind: 'employee',
    employer: '市供电公司',
    skills: ['homework', 'reading'],
    availability: '7 月每周二、四下午',
  },
  { name: '李明远', kind: 'social', employer: null, skills: ['sports'], availability: '暑假工作日上午均可' },
  { name: '周婷', kind: 'employee', employer: '市第一人民医院', skills: ['arts'], availability: '每周三下午' },
  { name: '郑浩然', kind: 'social', employer: null, skills: ['homework'], availability: '7 月中旬以后每天下午' },
  { name: '冯雪', kind: 'employee', employer: '示例市自来水公司', skills: ['reading'], availability: '每周二上午' },
  { name: '陈子涵', kind: 'social', employer: null, skills: ['sports', 'arts'], availability: '每周一、五' },
  { name: '褚一凡', kind: 'employee', employer: '市地铁集团', skills: ['other'], availability: '每周四下午' },
] as const;

/** Each call's applications, by index into APPLICANTS and status. */
const PLAN: [number, 'pending' | 'accepted' | 'declined'][][] = [
  [
    [0, 'accepted'],
    [3, 'pending'],
  ],
  [
    [1, 'accepted'],
    [5, 'pending'],
    [3, 'declined'],
  ],
  [[2, 'pending']],
  [[4, 'accepted']],
  [[6, 'pending']],
];

const chinaAt = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);

export async function loadDemoVolunteers(
  tx: Db,
  ctx: RequestContext,
  o: { campaignName: string; cityId: number; unitAdminId: number; volunteerId: number },
): Promise<{ rows: number }> {
  const today = todayInChina(ctx.now);
  const [camp] = await tx
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.orgId, o.cityId), eq(campaigns.name, o.campaignName)));
  if (!camp) throw new Error('demo volunteers: no campaign');
  // The demo volunteer's roster row: on the running class of their unit (world.ts).
  const [mine] = await tx
    .select({ staffId: classStaff.id, classId: classStaff.classId })
    .from(classStaff)
    .innerJoin(careClasses, eq(careClasses.id, classStaff.classId))
    .where(and(eq(classStaff.userId, o.volunteerId), eq(careClasses.status, 'running')))
    .orderBy(asc(classStaff.id))
    .limit(1);
  const candidates = await tx
    .select({ c: careClasses, path: organizations.path })
    .from(careClasses)
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .where(
      and(
        eq(careClasses.campaignId, camp.id),
        inArray(careClasses.status, ['approved', 'open', 'running']),
        sql`${careClasses.endDate} >= ${today}`,
      ),
    )
    .orderBy(asc(careClasses.id));
  // The volunteer's class first, then one class per other unit.
  const picked: typeof candidates = [];
  const first = candidates.find((r) => r.c.id === mine?.classId);
  if (first) picked.push(first);
  for (const r of candidates) {
    if (picked.length >= CALLS.length) break;
    if (!picked.some((p) => p.c.orgId === r.c.orgId)) picked.push(r);
  }
  const [vol] = await tx.select().from(users).where(eq(users.id, o.volunteerId));
  if (!vol) throw new Error('demo volunteers: no volunteer account');
  let rows = 0;
  let seq = 0;
  for (const [i, { c, path }] of picked.entries()) {
    const spec = CALLS[i];
    if (!spec || !c.startDate || !c.endDate) continue;
    const start = c.startDate;
    const end = c.endDate;
    // The last call is already filled and closed; the others take applications.
    const status = i === picked.length - 1 && picked.length > 2 ? 'closed' : 'open';
    const [call] = await tx
      .insert(volunteerCalls)
      .values({
        classId: c.id,
        orgId: c.orgId,
        title: spec.title,
        description: spec.description,
        skills: [...spec.skills],
        otherSkill: 'otherSkill' in spec ? spec.otherSkill : null,
        volunteerKind: spec.kind,
        startDate: start,
        endDate: end,
        schedule: spec.schedule,
        hoursPerWeek: spec.hoursPerWeek,
        wanted: spec.wanted,
        status,
        createdBy: o.unitAdminId,
        createdAt: new Date(chinaAt(addDays(start, -20), '10:00')),
        updatedAt: new Date(chinaAt(addDays(start, -20), '10:00')),
      })
      .returning();
    if (!call) throw new Error('demo volunteers: call');
    rows++;
    for (const [who, state] of PLAN[i] ?? []) {
      const a = APPLICANTS[who];
      if (!a) continue;
      seq++;
      const isDemoVolunteer = i === 0 && state === 'accepted' && !!mine;
      const phone = isDemoVolunteer ? (vol.phone ?? '13955550001') : `1395555${String(1000 + seq).padStart(4, '0')}`;
      const name = isDemoVolunteer ? vol.displayName.replace(/^志愿者\s*/, '') : a.name;
      const appliedAt = chinaAt(addDays(start, -15 + seq), '20:30');
      const decidedAt = state === 'pending' ? null : chinaAt(addDays(start, -12 + seq), '09:30');
      let userId: number | null = null;
      let staffId: number | null = null;
      if (state === 'accepted' && isDemoVolunteer && mine) {
        if (!vol.phone) await tx.update(users).set({ phone }).where(eq(users.id, vol.id));
        userId = vol.id;
        staffId = mine.staffId;
      } else if (state === 'accepted') {
        const [u] = await tx
          .insert(users)
          .values({
            username: phone,
            displayName: name,
            phone,
            passwordHash: vol.passwordHash,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .returning({ id: users.id });
        if (!u) throw new Error('demo volunteers: user');
        await tx.insert(roleGrants).values({ userId: u.id, role: 'volunteer', orgId: c.orgId, createdAt: ctx.now });
        const [s] = await tx
          .insert(classStaff)
          .values({
            classId: c.id,
            userId: u.id,
            name,
            role: a.kind === 'employee' ? 'employee_volunteer' : 'social_volunteer',
            phone,
            qualification: a.employer ? `工作单位：${a.employer}` : null,
            healthCertDate: addDays(start, -60),
            backgroundChecked: true,
            backgroundCheckDate: addDays(start, -14),
            createdAt: decidedAt ?? ctx.now,
          })
          .returning({ id: classStaff.id });
        userId = u.id;
        staffId = s?.id ?? null;
        rows += 3;
      }
      await tx.insert(volunteerApplications).values({
        callId: call.id,
        name,
        phone,
        kind: isDemoVolunteer ? 'employee' : a.kind,
        employer: isDemoVolunteer ? '示例市第一中学（教师）' : a.employer,
        skills: [...a.skills],
        availability: a.availability,
        note: null,
        status: state,
        decidedBy: state === 'pending' ? null : o.unitAdminId,
        decidedAt,
        decisionNote: state === 'declined' ? '时间与托管班安排不符，已电话说明并致谢' : null,
        classStaffId: staffId,
        userId,
        version: state === 'pending' ? 1 : 2,
        createdAt: appliedAt,
      });
      rows++;
    }
    await recordEvent(tx, ctx, {
      action: 'volunteer_call.create',
      entity: 'volunteer_call',
      entityId: call.id,
      orgPath: path,
      after: { title: call.title, classId: c.id, status, demo: true },
    });
  }

  // The demo volunteer's hours: the class's past Tuesdays and Thursdays, in at ~14:00 and out at ~17:00.
  if (mine) {
    const days = (
      await tx
        .selectDistinct({ day: attendanceDays.day })
        .from(attendanceDays)
        .where(and(eq(attendanceDays.classId, mine.classId), lt(attendanceDays.day, today)))
        .orderBy(asc(attendanceDays.day))
    )
      .map((r) => r.day)
      .filter((d) => [2, 4].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
    const marks = days.flatMap((day, k) => {
      const inAt = chinaAt(day, `13:${String(50 + (k % 3) * 4).padStart(2, '0')}`);
      const outAt = chinaAt(day, `17:${String(2 + (k % 4) * 3).padStart(2, '0')}`);
      const base = { classId: mine.classId, classStaffId: mine.staffId, userId: o.volunteerId, day, createdAt: inAt };
      // One day the volunteer forgot to check out: it shows as open and counts nothing.
      const forgot = k === 1 && days.length > 2;
      return forgot
        ? [{ ...base, kind: 'in', occurredAt: inAt }]
        : [
            { ...base, kind: 'in', occurredAt: inAt },
            { ...base, kind: 'out', occurredAt: outAt, createdAt: outAt },
          ];
    });
    if (marks.length > 0) await tx.insert(staffDoorEvents).values(marks);
    rows += marks.length;
  }
  return { rows };
}
