/**
 * A small hand-counted world for the dashboard and `tuoguan stats targets` (docs/FIGURES.md, "Dashboard"), written
 * straight to the tables like test/api/stats.test.ts: a city with two districts and an industry union, four
 * classes (one created after the day), four families (one with children in both districts), attendance,
 * incidents, verdicts and rectification items on both sides of the as-of day (2026-07-08, a Wednesday).
 *
 *   D1: U1 — A running (cap 10: K1, K3), D draft · U2 — B open (cap 10: K4)
 *   D2: U3 — C running (cap 5: K2), E running but created on the 15th
 *   I1: U4 — nothing
 *   F1 = K1 (A) + K2 (C): one family in two districts · F2 = K3 · F3 = K4 · F4 = K5 (A, accepted on the 11th)
 */
import {
  buildCampaign,
  type Campaign,
  mergeOver,
  rollCampaignToYear,
  TEMPLATE_2021,
} from '../../src/domain/campaign/index.js';
import type { Db } from '../../src/server/db/client.js';
import {
  attendanceDays,
  campaigns,
  careClasses,
  children,
  classUnits,
  enrolments,
  families,
  incidents,
  inspectionVisits,
  rectificationItems,
  ruleVerdicts,
} from '../../src/server/db/schema.js';
import { buildOrg } from './factories.js';

let seq = 0;
const at = (iso: string) => new Date(iso);

export interface StatsWorld {
  campaignId: number;
  d1: number;
  d2: number;
  i1: number;
  u1: number;
  u2: number;
  u3: number;
  u4: number;
  classA: number;
  classB: number;
  classC: number;
  classD: number;
}

async function insertClass(
  db: Db,
  campaignId: number,
  s: { unitId: number; status: string; capacity?: number; createdAt?: Date; dates?: boolean },
): Promise<number> {
  seq++;
  const [c] = await db
    .insert(careClasses)
    .values({
      campaignId,
      orgId: s.unitId,
      name: `看板测试班${seq}`,
      mode: 'standalone',
      management: 'union',
      startDate: s.dates ? '2026-07-06' : null,
      endDate: s.dates ? '2026-07-17' : null,
      dailyStart: '08:00',
      dailyEnd: '17:30',
      capacity: s.capacity ?? null,
      status: s.status,
      createdAt: s.createdAt ?? at('2026-06-01T00:00:00Z'),
    })
    .returning();
  if (!c) throw new Error('class');
  await db.insert(classUnits).values({ classId: c.id, orgId: s.unitId, isOwner: true });
  return c.id;
}

async function insertChild(db: Db, familyId: number, grade: string): Promise<number> {
  const [c] = await db
    .insert(children)
    .values({ familyId, name: `看板儿童${++seq}`, birthDate: '2018-01-01', grade })
    .returning();
  if (!c) throw new Error('child');
  return c.id;
}

async function place(db: Db, classId: number, childId: number, familyId: number, acceptedAt: Date) {
  await db.insert(enrolments).values({
    classId,
    childId,
    familyId,
    appliedBy: 1,
    status: 'accepted',
    appliedAt: acceptedAt,
    acceptedAt,
  });
}

async function present(db: Db, classId: number, childId: number, days: string[]) {
  await db
    .insert(attendanceDays)
    .values(days.map((day) => ({ classId, childId, day, status: 'present', updatedAt: at(`${day}T02:00:00Z`) })));
}

async function incident(db: Db, classId: number, orgId: number, severity: string, occurredAt: Date) {
  await db.insert(incidents).values({
    classId,
    orgId,
    kind: 'injury',
    severity,
    occurredAt,
    description: '看板测试',
    reportedBy: 1,
    createdAt: occurredAt,
  });
}

async function verdict(db: Db, campaignId: number, classId: number, failing: string[], computedAt: Date) {
  await db.insert(ruleVerdicts).values({
    classId,
    campaignId,
    results: [],
    failing: failing as never,
    asOf: computedAt.toISOString().slice(0, 10),
    computedAt,
    trigger: 'test',
  });
}

async function item(
  db: Db,
  w: { campaignId: number; classId: number; orgId: number },
  deadline: string,
  createdAt: Date,
  closedAt?: Date,
) {
  const [v] = await db
    .insert(inspectionVisits)
    .values({
      campaignId: w.campaignId,
      classId: w.classId,
      orgId: w.orgId,
      kind: 'announced',
      plannedDate: '2026-07-01',
      status: 'done',
      items: [],
      doneAt: createdAt,
    })
    .returning();
  if (!v) throw new Error('visit');
  await db.insert(rectificationItems).values({
    visitId: v.id,
    campaignId: w.campaignId,
    classId: w.classId,
    orgId: w.orgId,
    itemKey: 'fire',
    severity: 'high',
    description: '灭火器过期',
    deadline: deadline as never,
    status: closedAt ? 'closed' : 'open',
    closedAt: closedAt ?? null,
    createdAt,
  });
}

export async function buildStatsWorld(db: Db, rootId: number): Promise<StatsWorld> {
  seq++;
  const built = buildCampaign(mergeOver(rollCampaignToYear(TEMPLATE_2021, 2026), { name: `看板测试项目${seq}` }));
  if (!built.ok) throw new Error('campaign');
  const params = built.campaign as Campaign;
  const [camp] = await db
    .insert(campaigns)
    .values({ orgId: rootId, name: params.name, year: 2026, holidayType: params.holidayType, status: 'active', params })
    .returning();
  if (!camp) throw new Error('campaign');
  const campaignId = camp.id;
  const d1 = (await buildOrg(db, { parentId: rootId, name: `看板甲区${seq}` })).id;
  const d2 = (await buildOrg(db, { parentId: rootId, name: `看板乙区${seq}` })).id;
  const i1 = (await buildOrg(db, { parentId: rootId, name: `看板产业工会${seq}`, kind: 'industry' })).id;
  const u1 = (await buildOrg(db, { parentId: d1, name: `看板甲一${seq}` })).id;
  const u2 = (await buildOrg(db, { parentId: d1, name: `看板甲二${seq}` })).id;
  const u3 = (await buildOrg(db, { parentId: d2, name: `看板乙一${seq}` })).id;
  const u4 = (await buildOrg(db, { parentId: i1, name: `看板产一${seq}` })).id;

  const classA = await insertClass(db, campaignId, { unitId: u1, status: 'running', capacity: 10, dates: true });
  const classB = await insertClass(db, campaignId, { unitId: u2, status: 'open', capacity: 10 });
  const classC = await insertClass(db, campaignId, { unitId: u3, status: 'running', capacity: 5, dates: true });
  const classD = await insertClass(db, campaignId, { unitId: u1, status: 'draft', capacity: 8 });
  await insertClass(db, campaignId, {
    unitId: u3,
    status: 'running',
    capacity: 30,
    dates: true,
    createdAt: at('2026-07-15T02:00:00Z'),
  });

  const accepted = at('2026-07-01T02:00:00Z');
  const [f1, f2, f3, f4] = await db.insert(families).values([{}, {}, {}, {}]).returning();
  if (!f1 || !f2 || !f3 || !f4) throw new Error('families');
  const k1 = await insertChild(db, f1.id, '1');
  const k2 = await insertChild(db, f1.id, '2');
  const k3 = await insertChild(db, f2.id, '3');
  const k4 = await insertChild(db, f3.id, '1');
  const k5 = await insertChild(db, f4.id, '1');
  await place(db, classA, k1, f1.id, accepted);
  await place(db, classC, k2, f1.id, accepted);
  await place(db, classA, k3, f2.id, accepted);
  await place(db, classB, k4, f3.id, accepted);
  await place(db, classA, k5, f4.id, at('2026-07-11T02:00:00Z'));

  // A: K1 3 of 3, K3 1 of 3 → 4 / 6; C: K2 3 of 3 (and the 9th, after the day).
  await present(db, classA, k1, ['2026-07-06', '2026-07-07', '2026-07-08']);
  await present(db, classA, k3, ['2026-07-06']);
  await present(db, classC, k2, ['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09']);

  await incident(db, classA, u1, 'minor', at('2026-07-07T02:00:00Z'));
  await incident(db, classC, u3, 'serious', at('2026-07-07T02:00:00Z'));
  await incident(db, classA, u1, 'critical', at('2026-07-09T02:00:00Z')); // after the day

  await verdict(db, campaignId, classA, ['scale.minChildren'], at('2026-07-07T02:00:00Z'));
  await verdict(db, campaignId, classB, [], at('2026-07-07T02:00:00Z'));
  await verdict(db, campaignId, classC, ['scale.minChildren', 'venue.fireSafety'], at('2026-07-07T02:00:00Z'));
  await verdict(db, campaignId, classC, [], at('2026-07-09T02:00:00Z')); // clean only after the day

  await item(db, { campaignId, classId: classA, orgId: u1 }, '2026-07-20', at('2026-07-02T02:00:00Z'));
  await item(
    db,
    { campaignId, classId: classA, orgId: u1 },
    '2026-07-03',
    at('2026-07-01T02:00:00Z'),
    at('2026-07-03T02:00:00Z'),
  );
  await item(db, { campaignId, classId: classC, orgId: u3 }, '2026-07-05', at('2026-07-01T02:00:00Z'));

  return { campaignId, d1, d2, i1, u1, u2, u3, u4, classA, classB, classC, classD };
}
