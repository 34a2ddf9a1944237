/**
 * A world for the public site's tests: an active campaign with a running class of real families (named children,
 * guardians with phones), an open class a registered parent's child (with an ID number) holds a place in, a draft
 * class that must stay private, a published good-practice case with three photos — one marked "no children", one
 * showing two recorded children, one marked as showing children with none recorded — and news posts in every state.
 */
import { eq } from 'drizzle-orm';
import { careClasses, children, enrolments, venues } from '../../src/server/db/schema.js';
import { publicPhotoChildren } from '../../src/server/db/tables/public.js';
import type { Agent, TestApp } from './app.js';
import { buildRunningClass, type RunningClass } from './attendance.js';
import { multipartBody } from './classes.js';
import { buildOrg, buildUser, PASSWORD } from './factories.js';
import { addChild, buildOpenClass, registerParent } from './families.js';

export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** A valid resident ID number (checksum included) for the registered parent's child. */
export const CHILD_ID_NUMBER = '110105201703070026';

export interface PublicWorld {
  rc: RunningClass;
  openClassId: number;
  draftClassId: number;
  caseId: number;
  photos: { noChildren: number; recorded: number; unrecorded: number };
  /** The children recorded in the `recorded` photo (the running class's first two). */
  shownChildIds: number[];
  parentPhone: string;
  parentChildName: string;
  cityA: Agent;
  cityB: Agent;
  newsPublished: number;
  newsSubmitted: number;
  newsDraft: number;
}

export async function buildPublicWorld(t: TestApp): Promise<PublicWorld> {
  const db = t.database.db;
  const rc = await buildRunningClass(t, { children: 4 });
  const [venue] = await db
    .insert(venues)
    .values({
      orgId: rc.unitId,
      name: '职工之家活动室',
      address: '建设路 88 号 职工之家二楼',
      location: 'ground',
      buildingUse: 'office',
      checklist: {},
    })
    .returning();
  await db
    .update(careClasses)
    .set({
      venueId: venue?.id ?? null,
      gradesOffered: [1, 2, 3, 4, 5, 6],
      publicDescription: '作业辅导、阅读和体育活动，每天有专人值守。',
      activityPlan: [
        { weekday: 1, start: '09:00', end: '10:30', kind: 'homework', title: '暑假作业' },
        { weekday: 1, start: '14:00', end: '15:30', kind: 'sports', title: '跳绳与篮球' },
      ],
    })
    .where(eq(careClasses.id, rc.classId));

  // A family registered through the parents' app, with a child carrying an ID number, holding a place.
  const { agent: parent, phone } = await registerParent(t, rc.unitId, { verifyWith: rc.unitAdmin.agent });
  const parentChildName = '欧阳子涵';
  const child = await addChild(parent, { name: parentChildName, idNumber: CHILD_ID_NUMBER, grade: '2' });
  const open = await buildOpenClass(db, {
    campaignId: rc.campaignId,
    orgId: rc.unitId,
    capacity: 20,
    name: '欧阳路社区托管班',
    startDate: '2026-07-13',
    endDate: '2026-08-14',
  });
  await db
    .update(careClasses)
    .set({ gradesOffered: ['K', 1, 2, 3] })
    .where(eq(careClasses.id, open.id));
  const [fam] = await db.select({ familyId: children.familyId }).from(children).where(eq(children.id, child.id));
  await db.insert(enrolments).values({
    classId: open.id,
    childId: child.id,
    familyId: fam?.familyId ?? 0,
    appliedBy: 1,
    status: 'accepted',
    appliedAt: t.clock.now,
    acceptedAt: t.clock.now,
  });
  const draft = await buildOpenClass(db, {
    campaignId: rc.campaignId,
    orgId: rc.unitId,
    capacity: 20,
    name: '尚未审批的草稿班',
  });
  await db.update(careClasses).set({ status: 'draft' }).where(eq(careClasses.id, draft.id));

  // City administrators (two: news needs a second person) and a published case with photos.
  const cityOrg = t.rootId;
  const a = await buildUser(db, { role: 'city_admin', orgId: cityOrg });
  const b = await buildUser(db, { role: 'city_admin', orgId: cityOrg });
  const cityA = await t.agent(a.username, PASSWORD);
  const cityB = await t.agent(b.username, PASSWORD);
  const district = await rc.districtAdmin.login();
  const created = await district.post('/api/supervision/cases', {
    classId: rc.classId,
    title: '分年级错峰接送',
    body: '家长按年级错峰接送，门口秩序良好。\n\n值班人员逐一核对接送人。',
  });
  if (created.statusCode !== 201) throw new Error(`case: ${created.body}`);
  const caseId = created.json().id as number;
  const upload = async (fields: Record<string, string>, filename: string) => {
    const { body, contentType } = multipartBody(fields, PNG, filename);
    const r = await district.request('POST', `/api/supervision/cases/${caseId}/photos`, body, {
      'content-type': contentType,
    });
    if (r.statusCode !== 201) throw new Error(`photo: ${r.body}`);
    return r.json().id as number;
  };
  // File names name children on purpose: the site must never print them.
  const [c0, c1] = rc.children;
  const noChildren = await upload({ showsChildren: 'false' }, '活动室全景.png');
  const recorded = await upload({ showsChildren: 'true', publicityConsent: 'true' }, `${c0?.name}和${c1?.name}.png`);
  const unrecorded = await upload({ showsChildren: 'true', publicityConsent: 'true' }, `${rc.children[2]?.name}.png`);
  const shownChildIds = [c0?.id ?? 0, c1?.id ?? 0];
  await db
    .insert(publicPhotoChildren)
    .values(shownChildIds.map((childId) => ({ fileId: recorded, childId, recordedAt: t.clock.now })));
  const pub = await cityA.post(`/api/supervision/cases/${caseId}/publish`, { published: true });
  if (pub.statusCode !== 200) throw new Error(`publish: ${pub.body}`);

  // News: one published (written by A, published by B), one submitted, one draft.
  const write = async (title: string) => {
    const r = await cityA.post('/api/news', { title, summary: `${title}摘要`, body: `${title}正文。` });
    if (r.statusCode !== 201) throw new Error(`news: ${r.body}`);
    return r.json() as { id: number; version: number };
  };
  const n1 = await write('全市爱心托管班陆续开班');
  await cityA.post(`/api/news/${n1.id}/submit`, { version: n1.version });
  const p1 = await cityB.post(`/api/news/${n1.id}/publish`, { version: n1.version + 1 });
  if (p1.statusCode !== 200) throw new Error(`news publish: ${p1.body}`);
  const n2 = await write('审核中的稿件');
  await cityA.post(`/api/news/${n2.id}/submit`, { version: n2.version });
  const n3 = await write('草稿稿件');

  // A district with no classes, so the finder's filter has an empty choice too.
  await buildOrg(db, { parentId: t.rootId, name: '空白区总工会' });

  return {
    rc,
    openClassId: open.id,
    draftClassId: draft.id,
    caseId,
    photos: { noChildren, recorded, unrecorded },
    shownChildIds,
    parentPhone: phone,
    parentChildName,
    cityA,
    cityB,
    newsPublished: n1.id,
    newsSubmitted: n2.id,
    newsDraft: n3.id,
  };
}
