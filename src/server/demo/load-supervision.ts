/**
 * The demo's supervision (督导整改, issue 15), deterministic and dated before the demo's now: at the running class,
 * an announced visit done a week ago whose fire finding was answered and closed and whose food-sample (留样) finding
 * is still open and overdue, a visit done two days ago whose records finding the unit has answered (waiting for the
 * inspector), an unannounced visit planned for two days ahead (hidden from the class's staff), a progress meeting
 * with its minutes, and one published good-practice case.
 */
import { and, eq } from 'drizzle-orm';
import { addDays, todayInChina } from '../../domain/calendar/dates.js';
import { CHECK_ITEMS, defaultDeadline } from '../../domain/supervision/checklist.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import {
  campaigns,
  careClasses,
  classUnits,
  inspectionInspectors,
  inspectionVisits,
  meetingInvitees,
  organizations,
  practiceCases,
  rectificationEvents,
  rectificationItems,
  supervisionMeetings,
} from '../db/schema.js';
import { recordEvent } from '../events/audit.js';

export interface DemoSupervisionPeople {
  inspector: { id: number; name: string };
  unitAdmin: { id: number; name: string };
  district: { id: number; name: string };
  city: { id: number; name: string };
}

type Result = {
  key: string;
  result: 'pass' | 'fail' | 'na';
  note: string | null;
  severity: string | null;
  fileIds: number[];
};

export async function loadDemoSupervision(
  tx: Db,
  ctx: RequestContext,
  o: { campaignName: string; cityId: number; people: DemoSupervisionPeople },
): Promise<{ rows: number }> {
  const [camp] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, o.cityId), eq(campaigns.name, o.campaignName)));
  if (!camp) throw new Error('demo supervision: no campaign');
  const [cls] = await tx
    .select({ id: careClasses.id, unitId: classUnits.orgId, path: organizations.path })
    .from(careClasses)
    .innerJoin(classUnits, and(eq(classUnits.classId, careClasses.id), eq(classUnits.isOwner, true)))
    .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
    .where(and(eq(careClasses.campaignId, camp.id), eq(careClasses.status, 'running')))
    .orderBy(careClasses.id)
    .limit(1);
  if (!cls) return { rows: 0 };
  const today = todayInChina(ctx.now);
  const at = (day: string, hh: number) => new Date(`${day}T${String(hh).padStart(2, '0')}:00:00+08:00`);
  const districtId = Number(cls.path.split('/')[2]);
  let rows = 0;
  const p = o.people;

  const visit = async (v: {
    kind: string;
    day: string;
    results?: Result[];
    headCount?: number;
    doorPresent?: number;
  }) => {
    const done = v.results !== undefined;
    const [row] = await tx
      .insert(inspectionVisits)
      .values({
        campaignId: camp.id,
        classId: cls.id,
        orgId: cls.unitId,
        kind: v.kind,
        plannedDate: v.day,
        status: done ? 'done' : 'planned',
        plannedBy: p.district.id,
        items: [...CHECK_ITEMS],
        results: v.results ?? null,
        headCount: v.headCount ?? null,
        doorPresent: v.doorPresent ?? null,
        summary: done ? '总体规范，个别问题限期整改。' : null,
        clientId: done ? `demo-visit-${v.day}` : null,
        doneBy: done ? p.inspector.id : null,
        doneAt: done ? at(v.day, 10) : null,
        createdAt: at(addDays(v.day, -3), 9),
        updatedAt: done ? at(v.day, 10) : at(addDays(v.day, -3), 9),
      })
      .returning({ id: inspectionVisits.id });
    if (!row) throw new Error('demo supervision: visit');
    await tx.insert(inspectionInspectors).values({ visitId: row.id, userId: p.inspector.id });
    rows += 2;
    return row.id;
  };
  const pass = (key: string): Result => ({ key, result: 'pass', note: null, severity: null, fileIds: [] });
  const fail = (key: string, severity: string, note: string): Result => ({
    key,
    result: 'fail',
    note,
    severity,
    fileIds: [],
  });

  const item = async (
    visitId: number,
    visitedOn: string,
    key: string,
    severity: 'low' | 'medium' | 'high',
    description: string,
    history: { kind: 'response' | 'send_back' | 'close'; text: string; day: string }[],
  ) => {
    const last = history.at(-1)?.kind;
    const status = last === 'close' ? 'closed' : last === 'response' ? 'responded' : 'open';
    const closeDay = last === 'close' ? history.at(-1)?.day : undefined;
    const [row] = await tx
      .insert(rectificationItems)
      .values({
        visitId,
        campaignId: camp.id,
        classId: cls.id,
        orgId: cls.unitId,
        itemKey: key,
        severity,
        description,
        deadline: defaultDeadline(visitedOn, severity),
        status,
        closedAt: closeDay ? at(closeDay, 15) : null,
        createdBy: p.inspector.id,
        createdAt: at(visitedOn, 10),
        updatedAt: at(history.at(-1)?.day ?? visitedOn, 15),
      })
      .returning({ id: rectificationItems.id });
    if (!row) throw new Error('demo supervision: item');
    rows++;
    for (const h of history) {
      const who = h.kind === 'response' ? p.unitAdmin : p.inspector;
      await tx.insert(rectificationEvents).values({
        itemId: row.id,
        kind: h.kind,
        text: h.text,
        fileIds: [],
        actorId: who.id,
        actorName: who.name,
        at: at(h.day, h.kind === 'response' ? 11 : 15),
      });
      rows++;
    }
  };

  const weekAgo = addDays(today, -7);
  const first = await visit({
    kind: 'announced',
    day: weekAgo,
    headCount: 18,
    doorPresent: 18,
    results: [
      pass('safety'),
      pass('hygiene'),
      fail('fire', 'medium', '灭火器压力不足，疏散指示灯一处不亮'),
      fail('food', 'high', '午餐未按规定留样 48 小时'),
      pass('records'),
      pass('staffing'),
      pass('headcount'),
    ],
  });
  await item(first, weekAgo, 'fire', 'medium', '灭火器压力不足，疏散指示灯一处不亮', [
    { kind: 'response', text: '已更换灭火器 2 具，修复疏散指示灯。', day: addDays(weekAgo, 2) },
    { kind: 'close', text: '现场复核，已整改到位。', day: addDays(weekAgo, 3) },
  ]);
  await item(first, weekAgo, 'food', 'high', '午餐未按规定留样 48 小时', []);

  const twoDaysAgo = addDays(today, -2);
  const second = await visit({
    kind: 'announced',
    day: twoDaysAgo,
    headCount: 17,
    doorPresent: 18,
    results: [
      pass('safety'),
      pass('hygiene'),
      pass('fire'),
      { ...pass('food'), note: '已按要求留样' },
      fail('records', 'low', '活动记录缺两天'),
      pass('staffing'),
      { ...pass('headcount'), note: '1 名儿童由家长提前接走，已在出勤中登记' },
    ],
  });
  await item(second, twoDaysAgo, 'records', 'low', '活动记录缺两天', [
    { kind: 'response', text: '已补记并安排专人每日登记。', day: addDays(twoDaysAgo, 1) },
  ]);
  await visit({ kind: 'unannounced', day: addDays(today, 2) });

  const [meeting] = await tx
    .insert(supervisionMeetings)
    .values({
      campaignId: camp.id,
      orgId: o.cityId,
      kind: 'progress',
      title: '暑期托管工作推进会',
      date: addDays(today, -5),
      place: '市总工会 3 楼会议室',
      minutes: '通报督导情况：留样和消防是共性问题，各区县一周内完成自查。',
      createdBy: p.city.id,
      createdAt: at(addDays(today, -12), 9),
      updatedAt: at(addDays(today, -5), 17),
    })
    .returning({ id: supervisionMeetings.id });
  if (!meeting) throw new Error('demo supervision: meeting');
  if (Number.isInteger(districtId) && districtId > 0)
    await tx.insert(meetingInvitees).values({ meetingId: meeting.id, orgId: districtId, attended: true });
  rows += 2;

  await tx.insert(practiceCases).values({
    campaignId: camp.id,
    classId: cls.id,
    orgId: cls.unitId,
    visitId: first,
    title: '分年级错峰接送',
    body: '按年级分三个时段接送，门口设等候区和接送登记台，家长扫码核验，高峰时段秩序良好。',
    published: true,
    publishedAt: at(addDays(today, -4), 10),
    publishedBy: p.city.id,
    createdBy: p.inspector.id,
    createdAt: at(weekAgo, 16),
    updatedAt: at(addDays(today, -4), 10),
  });
  rows++;

  await recordEvent(tx, ctx, {
    action: 'demo.supervision',
    entity: 'demo',
    orgPath: cls.path,
    after: { visits: 3, items: 3, meetings: 1, cases: 1 },
  });
  return { rows };
}
