/**
 * The statistics read layer (docs/FIGURES.md) against a real database: the route's 401/403/404/400 cases, a small
 * world whose every figure was counted by hand (a joint class, a family and a child in two units, a withdrawal, a
 * check-in, an incident and an answer after the day), the as-of boundary, and a property over random trees: an
 * organisation's figures are the roll-up of its units' figures.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCampaign,
  type Campaign,
  mergeOver,
  rollCampaignToYear,
  TEMPLATE_2021,
} from '../../src/domain/campaign/index.js';
import type { FigureValue } from '../../src/domain/stats/figures.js';
import { rollUp } from '../../src/domain/stats/rollup.js';
import type { Db } from '../../src/server/db/client.js';
import {
  attendanceDays,
  campaigns,
  careClasses,
  children,
  classTransitions,
  classUnits,
  dailyRecords,
  enrolments,
  families,
  incidents,
  needsSurveyAnswers,
  needsSurveys,
  ruleVerdicts,
} from '../../src/server/db/schema.js';
import { orgFigures, unitFigures } from '../../src/server/modules/stats/stats.read.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

let seq = 0;
const WEEK = ['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09', '2026-07-10'];
const at = (iso: string) => new Date(iso);
/** 10:00 China time on a day. */
const morning = (day: string) => new Date(`${day}T02:00:00Z`);

async function insertCampaign(db: Db, rootId: number): Promise<number> {
  seq++;
  const built = buildCampaign(mergeOver(rollCampaignToYear(TEMPLATE_2021, 2026), { name: `统计测试项目${seq}` }));
  if (!built.ok) throw new Error('campaign');
  const params = built.campaign as Campaign;
  const [c] = await db
    .insert(campaigns)
    .values({ orgId: rootId, name: params.name, year: 2026, holidayType: params.holidayType, status: 'active', params })
    .returning();
  if (!c) throw new Error('campaign');
  return c.id;
}

interface ClassSpec {
  unitId: number;
  status: string;
  startDate?: string;
  endDate?: string;
  capacity?: number;
  createdAt?: Date;
  /** Co-owning units of a joint class (not the lead). */
  partners?: number[];
  transitions?: { from: string; to: string; at: Date }[];
}

async function insertClass(db: Db, campaignId: number, s: ClassSpec): Promise<number> {
  seq++;
  const [c] = await db
    .insert(careClasses)
    .values({
      campaignId,
      orgId: s.unitId,
      name: `统计测试班${seq}`,
      mode: s.partners?.length ? 'joint' : 'standalone',
      management: 'union',
      startDate: s.startDate ?? null,
      endDate: s.endDate ?? null,
      dailyStart: '08:00',
      dailyEnd: '17:30',
      capacity: s.capacity ?? null,
      status: s.status,
      createdAt: s.createdAt ?? at('2026-06-01T00:00:00Z'),
    })
    .returning();
  if (!c) throw new Error('class');
  await db
    .insert(classUnits)
    .values([
      { classId: c.id, orgId: s.unitId, isOwner: true },
      ...(s.partners ?? []).map((orgId) => ({ classId: c.id, orgId, isOwner: false })),
    ]);
  if (s.transitions?.length)
    await db
      .insert(classTransitions)
      .values(s.transitions.map((t) => ({ classId: c.id, fromStatus: t.from, toStatus: t.to, at: t.at })));
  return c.id;
}

async function insertFamily(db: Db, grades: string[]): Promise<{ familyId: number; childIds: number[] }> {
  const [f] = await db.insert(families).values({}).returning();
  if (!f) throw new Error('family');
  const childIds: number[] = [];
  for (const grade of grades) {
    const [c] = await db
      .insert(children)
      .values({ familyId: f.id, name: `儿童${++seq}`, birthDate: '2018-01-01', grade })
      .returning();
    if (!c) throw new Error('child');
    childIds.push(c.id);
  }
  return { familyId: f.id, childIds };
}

async function insertPlace(
  db: Db,
  p: { classId: number; childId: number; familyId: number; acceptedAt: Date; withdrawnAt?: Date },
) {
  await db.insert(enrolments).values({
    classId: p.classId,
    childId: p.childId,
    familyId: p.familyId,
    appliedBy: 1,
    status: p.withdrawnAt ? 'withdrawn' : 'accepted',
    appliedAt: p.acceptedAt,
    acceptedAt: p.acceptedAt,
    withdrawnAt: p.withdrawnAt ?? null,
  });
}

async function insertDays(db: Db, classId: number, childId: number, days: Record<string, string>) {
  const rows = Object.entries(days).map(([day, status]) => ({
    classId,
    childId,
    day,
    status,
    updatedAt: morning(day),
  }));
  if (rows.length) await db.insert(attendanceDays).values(rows);
}

async function insertIncident(db: Db, classId: number, orgId: number, severity: string, occurredAt: Date) {
  await db.insert(incidents).values({
    classId,
    orgId,
    kind: 'injury',
    severity,
    occurredAt,
    description: '测试',
    reportedBy: 1,
    createdAt: occurredAt,
  });
}

async function insertVerdict(db: Db, campaignId: number, classId: number, failing: string[], computedAt: Date) {
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

async function insertRecord(db: Db, classId: number, day: string, kind: 'patrol' | 'fire' | 'cleaning') {
  await db
    .insert(dailyRecords)
    .values({ classId, day, kind, time: '10:00', data: {}, recordedBy: 1, recordedAt: morning(day) });
}

async function insertAnswer(db: Db, surveyId: number, orgId: number, grades: string[], createdAt: Date) {
  seq++;
  await db.insert(needsSurveyAnswers).values({
    surveyId,
    orgId,
    phoneHash: `hash${seq}`,
    phoneMasked: '138****0000',
    answers: {
      children: grades.map((grade) => ({ grade })),
      weeks: [],
      hours: { from: '08:00', to: '17:30' },
      lunch: true,
      distanceKm: 2,
      payShare: 'yes',
      extra: {},
    },
    createdAt,
    updatedAt: createdAt,
  });
}

const figure = (vs: readonly FigureValue[], key: string) => {
  const v = vs.find((x) => x.key === key);
  if (!v) throw new Error(`no figure ${key}`);
  return v.value;
};
const pick = (vs: readonly FigureValue[], keys: string[]) => Object.fromEntries(keys.map((k) => [k, figure(vs, k)]));
/** What leaves the read layer's roll-up, without the members of distinct figures (compared by their count). */
const shape = (vs: readonly FigureValue[]) =>
  vs.map((v) => ({ key: v.key, value: v.value, numerator: v.numerator, denominator: v.denominator }));

describe('statistics', () => {
  let t: TestApp;
  let db: Db;
  // The hand-counted world (see the first test).
  const w = {} as {
    campaignId: number;
    d1: number;
    d2: number;
    u1: number;
    u2: number;
    u3: number;
    u4: number;
    c1: number;
  };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.database.db;
    const d1 = (await buildOrg(db, { parentId: t.rootId })).id;
    const d2 = (await buildOrg(db, { parentId: t.rootId })).id;
    const u1 = (await buildOrg(db, { parentId: d1 })).id;
    const u2 = (await buildOrg(db, { parentId: d1 })).id;
    const u3 = (await buildOrg(db, { parentId: d2 })).id;
    const u4 = (await buildOrg(db, { parentId: d2 })).id;
    const campaignId = await insertCampaign(db, t.rootId);
    Object.assign(w, { campaignId, d1, d2, u1, u2, u3, u4 });

    const week = { startDate: '2026-07-06', endDate: '2026-07-17' };
    // C1: U1's joint class with U2 (counted for U1 only), running, no timeline (its current status counts).
    const c1 = await insertClass(db, campaignId, {
      unitId: u1,
      status: 'running',
      capacity: 20,
      partners: [u2],
      ...week,
    });
    w.c1 = c1;
    const c2 = await insertClass(db, campaignId, { unitId: u2, status: 'running', capacity: 10, ...week });
    await insertClass(db, campaignId, { unitId: u1, status: 'draft', capacity: 15 });
    const c4 = await insertClass(db, campaignId, {
      unitId: u3,
      status: 'closed',
      capacity: 8,
      startDate: '2026-07-06',
      endDate: '2026-07-10',
    });
    // C5: approved on 3 June, opened only on 11 July: "approved" as of the 10th.
    const c5 = await insertClass(db, campaignId, {
      unitId: u3,
      status: 'open',
      capacity: 12,
      transitions: [
        { from: 'draft', to: 'submitted', at: at('2026-06-02T02:00:00Z') },
        { from: 'submitted', to: 'approved', at: at('2026-06-03T02:00:00Z') },
        { from: 'approved', to: 'open', at: at('2026-07-11T02:00:00Z') },
      ],
    });
    // C6: created after the day: not there yet.
    await insertClass(db, campaignId, { unitId: u2, status: 'draft', createdAt: at('2026-07-15T02:00:00Z') });

    // F1: K1 (grade 1) in C1 and K2 (kindergarten) in C2 — one family in two units of D1.
    const f1 = await insertFamily(db, ['1', 'K']);
    // F2: K3 in C1 and in C4 — one child in two districts.
    const f2 = await insertFamily(db, ['2']);
    // F3: K4 in C2, withdrawn on the 8th (after two days in the room).
    const f3 = await insertFamily(db, ['3']);
    // F4: K5 in C1, accepted after the day.
    const f4 = await insertFamily(db, ['4']);
    const [k1, k2] = f1.childIds as [number, number];
    const [k3] = f2.childIds as [number];
    const [k4] = f3.childIds as [number];
    const [k5] = f4.childIds as [number];
    const accepted = at('2026-07-01T02:00:00Z');
    await insertPlace(db, { classId: c1, childId: k1, familyId: f1.familyId, acceptedAt: accepted });
    await insertPlace(db, { classId: c2, childId: k2, familyId: f1.familyId, acceptedAt: accepted });
    await insertPlace(db, { classId: c1, childId: k3, familyId: f2.familyId, acceptedAt: accepted });
    await insertPlace(db, { classId: c4, childId: k3, familyId: f2.familyId, acceptedAt: accepted });
    await insertPlace(db, {
      classId: c2,
      childId: k4,
      familyId: f3.familyId,
      acceptedAt: accepted,
      withdrawnAt: at('2026-07-08T02:00:00Z'),
    });
    await insertPlace(db, { classId: c1, childId: k5, familyId: f4.familyId, acceptedAt: at('2026-07-11T02:00:00Z') });

    const P = 'present';
    // K1 in every day of the first week, and on the 13th (after the day).
    await insertDays(db, c1, k1, {
      '2026-07-06': P,
      '2026-07-07': 'left',
      '2026-07-08': P,
      '2026-07-09': P,
      '2026-07-10': P,
      '2026-07-13': P,
    });
    await insertDays(db, c1, k3, { '2026-07-06': P, '2026-07-07': P, '2026-07-08': 'sick' });
    await insertDays(db, c2, k2, {
      '2026-07-06': P,
      '2026-07-07': P,
      '2026-07-08': P,
      '2026-07-09': P,
      '2026-07-10': P,
    });
    await insertDays(db, c2, k4, { '2026-07-06': P, '2026-07-07': P });
    await insertDays(db, c4, k3, {
      '2026-07-06': P,
      '2026-07-07': P,
      '2026-07-08': P,
      '2026-07-09': P,
      '2026-07-10': P,
    });

    // Incidents: one a minute before midnight (China) on the 10th counts, one at midnight does not.
    await insertIncident(db, c1, u1, 'minor', at('2026-07-10T15:59:00Z'));
    await insertIncident(db, c1, u1, 'serious', at('2026-07-10T16:00:00Z'));
    await insertIncident(db, c4, u3, 'critical', at('2026-07-09T02:00:00Z'));

    // Verdicts: C1 clean; C2 failing on the day (clean only on the 12th); C4 never evaluated; C5 clean.
    await insertVerdict(db, campaignId, c1, [], at('2026-07-09T10:00:00Z'));
    await insertVerdict(db, campaignId, c2, ['staff.ratio'], at('2026-07-05T10:00:00Z'));
    await insertVerdict(db, campaignId, c2, [], at('2026-07-12T10:00:00Z'));
    await insertVerdict(db, campaignId, c5, [], at('2026-06-03T03:00:00Z'));

    // Daily records of C1: patrol every day of the week, the weekly fire check on Wednesday, one after the day.
    for (const d of ['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09', '2026-07-10', '2026-07-13'])
      await insertRecord(db, c1, d, 'patrol');
    await insertRecord(db, c1, '2026-07-08', 'fire');

    const [survey] = await db.insert(needsSurveys).values({ campaignId, orgId: t.rootId, title: '调研' }).returning();
    if (!survey) throw new Error('survey');
    await insertAnswer(db, survey.id, u1, ['1', 'K'], at('2026-04-10T02:00:00Z'));
    await insertAnswer(db, survey.id, u1, ['3'], at('2026-04-11T02:00:00Z'));
    await insertAnswer(db, survey.id, u2, ['2'], at('2026-07-11T02:00:00Z'));
    await insertAnswer(db, survey.id, u4, ['K', 'K'], at('2026-04-12T02:00:00Z'));
  });
  afterAll(() => t.close());

  const asOf = '2026-07-10';

  it('GET /api/stats/figures: 401 signed out, 403 without a reader role, 404 outside the subtree, 400 bad day', async () => {
    const url = `/api/stats/figures?campaignId=${w.campaignId}&orgId=${w.d1}&asOf=${asOf}`;
    expect((await t.anonymous().get(url)).statusCode).toBe(401);
    const staff = await buildUser(db, { role: 'class_staff', orgId: w.u1 });
    expect((await (await t.agent(staff.username, PASSWORD)).get(url)).statusCode).toBe(403);
    const d2Admin = await buildUser(db, { role: 'district_admin', orgId: w.d2 });
    const other = await t.agent(d2Admin.username, PASSWORD);
    expect((await other.get(url)).statusCode).toBe(404);
    // A unit admin of U1 cannot read its district's figures either.
    const u1Admin = await buildUser(db, { role: 'unit_admin', orgId: w.u1 });
    expect((await (await t.agent(u1Admin.username, PASSWORD)).get(url)).statusCode).toBe(404);
    const d1Admin = await t.agent((await buildUser(db, { role: 'district_admin', orgId: w.d1 })).username, PASSWORD);
    expect((await d1Admin.get(url.replace(asOf, '2026-13-01'))).statusCode).toBe(400);
    expect((await d1Admin.get(`/api/stats/figures?campaignId=999999&orgId=${w.d1}`)).statusCode).toBe(404);
  });

  it('a district admin reads its district: frozen figures with definitions, no ids', async () => {
    const d1Admin = await t.agent((await buildUser(db, { role: 'district_admin', orgId: w.d1 })).username, PASSWORD);
    const r = await d1Admin.get(`/api/stats/figures?campaignId=${w.campaignId}&orgId=${w.d1}&asOf=${asOf}`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ orgId: w.d1, orgKind: 'district', asOf });
    const families = body.figures.find((f: { key: string }) => f.key === 'families.served');
    expect(families).toMatchObject({ value: 3, unit: 'count', asOf });
    expect(families.definition.zh).toContain('只计一次');
    expect(r.body).not.toContain('"ids"');
    const rate = body.figures.find((f: { key: string }) => f.key === 'attendance.rate');
    expect(rate).toMatchObject({ value: 82.4, numerator: 14, denominator: 17, unit: 'percent' });
  });

  it('every figure of the world equals the hand count', async () => {
    const units = await unitFigures(db, { campaignId: w.campaignId, asOf, unitIds: [w.u1, w.u2, w.u3, w.u4] });
    const u = (id: number) => units.get(id) ?? [];
    const keys = [
      'classes.total',
      'classes.draft',
      'classes.running',
      'classes.approved',
      'classes.open',
      'classes.closed',
      'units.delivering',
      'places.capacity',
      'places.taken',
      'children.enrolled',
      'families.served',
      'kindergarten.share',
      'workingDays.delivered',
      'attendance.rate',
      'incidents.total',
      'incidents.minor',
      'incidents.serious',
      'incidents.critical',
      'daily.completeness',
      'compliance.rate',
      'survey.respondents',
      'survey.children',
      'survey.children.K',
      'survey.children.1',
    ];
    // U1: C1 (running, joint with U2) and a draft. Places on the 10th: K1, K3 (K5 accepted on the 11th).
    // Attendance in C1: K1 5 of 5, K3 2 of 5 (sick counts as absent): 7 / 10. Records: patrol, disinfection,
    // cleaning daily and fire weekly = 4 a day × 5 days; made: 5 patrols + fire Wed–Fri = 8.
    expect(pick(u(w.u1), keys)).toEqual({
      'classes.total': 2,
      'classes.draft': 1,
      'classes.running': 1,
      'classes.approved': 0,
      'classes.open': 0,
      'classes.closed': 0,
      'units.delivering': 1,
      'places.capacity': 20,
      'places.taken': 2,
      'children.enrolled': 2,
      'families.served': 2,
      'kindergarten.share': 0,
      'workingDays.delivered': 5,
      'attendance.rate': 70,
      'incidents.total': 1,
      'incidents.minor': 1,
      'incidents.serious': 0,
      'incidents.critical': 0,
      'daily.completeness': 40,
      'compliance.rate': 100,
      'survey.respondents': 2,
      'survey.children': 3,
      'survey.children.K': 1,
      'survey.children.1': 1,
    });
    // U2: C2 only (C1 is U1's; C6 came later). K2 holds a place, K4 withdrew on the 8th but F3 was served.
    // Attendance: K2 5/5, K4 2/2 (scheduled until the withdrawal). Failing verdict on the day.
    expect(pick(u(w.u2), keys)).toMatchObject({
      'classes.total': 1,
      'classes.running': 1,
      'places.capacity': 10,
      'places.taken': 1,
      'children.enrolled': 1,
      'families.served': 2,
      'kindergarten.share': 100,
      'attendance.rate': 100,
      'daily.completeness': 0,
      'compliance.rate': 0,
      'survey.respondents': 0,
    });
    // U3: C4 closed, C5 approved on the day (opened on the 11th). C4 never evaluated: compliance 1 of 2.
    expect(pick(u(w.u3), keys)).toMatchObject({
      'classes.total': 2,
      'classes.closed': 1,
      'classes.approved': 1,
      'classes.open': 0,
      'units.delivering': 1,
      'places.capacity': 20,
      'places.taken': 1,
      'children.enrolled': 1,
      'families.served': 1,
      'workingDays.delivered': 5,
      'attendance.rate': 100,
      'incidents.critical': 1,
      'compliance.rate': 50,
    });
    expect(pick(u(w.u4), keys)).toMatchObject({
      'classes.total': 0,
      'units.delivering': 0,
      'attendance.rate': null,
      'survey.respondents': 1,
      'survey.children.K': 2,
    });

    // D1: F1 has children in U1 and U2 — one family; 3 families (not 4), 3 children.
    const d1 = await orgFigures(db, { campaignId: w.campaignId, orgId: w.d1, asOf });
    expect(pick(d1, keys)).toMatchObject({
      'classes.total': 3,
      'units.delivering': 2,
      'places.taken': 3,
      'children.enrolled': 3,
      'families.served': 3,
      'kindergarten.share': 33.3,
      'attendance.rate': 82.4,
      'compliance.rate': 50,
      'daily.completeness': 20,
    });
    // The city: K3 is in U1 and U3 — 3 children (not 4); families F1, F2, F3 (F4 only after the day).
    const city = await orgFigures(db, { campaignId: w.campaignId, orgId: t.rootId, asOf });
    expect(pick(city, keys)).toMatchObject({
      'classes.total': 5,
      'units.delivering': 3,
      'places.capacity': 50,
      'places.taken': 4,
      'children.enrolled': 3,
      'families.served': 3,
      'kindergarten.share': 25,
      'workingDays.delivered': 15,
      'attendance.rate': 86.4,
      'incidents.total': 2,
      'compliance.rate': 50,
      'survey.respondents': 3,
      'survey.children': 5,
      'survey.children.K': 3,
    });
    const rate = city.find((v) => v.key === 'attendance.rate');
    expect(rate).toMatchObject({ numerator: 19, denominator: 22 });
  });

  it('the day counts: a check-in, an acceptance, an incident after it are not counted; a later day counts them', async () => {
    const before = (await unitFigures(db, { campaignId: w.campaignId, asOf, unitIds: [w.u1] })).get(w.u1) ?? [];
    const after =
      (await unitFigures(db, { campaignId: w.campaignId, asOf: '2026-07-13', unitIds: [w.u1] })).get(w.u1) ?? [];
    expect(before.find((v) => v.key === 'attendance.rate')).toMatchObject({ numerator: 7, denominator: 10 });
    // On the 13th: K1's check-in that day; K3 scheduled that day too, and K5 (accepted on the 11th) from the 13th.
    expect(after.find((v) => v.key === 'attendance.rate')).toMatchObject({ numerator: 8, denominator: 13 });
    expect(pick(after, ['places.taken', 'families.served', 'incidents.serious', 'workingDays.delivered'])).toEqual({
      'places.taken': 3,
      'families.served': 3,
      'incidents.serious': 1,
      'workingDays.delivered': 6,
    });
    // Before the class had started and before any place: nothing delivered, ratios of nothing are null.
    const early =
      (await unitFigures(db, { campaignId: w.campaignId, asOf: '2026-05-31', unitIds: [w.u1] })).get(w.u1) ?? [];
    expect(pick(early, ['classes.total', 'places.taken', 'attendance.rate', 'daily.completeness'])).toEqual({
      'classes.total': 0,
      'places.taken': 0,
      'attendance.rate': null,
      'daily.completeness': null,
    });
  });

  it('property: a district is the roll-up of its units, the city the roll-up of every unit (and of its districts)', async () => {
    const statuses = ['draft', 'approved', 'open', 'running', 'closed', 'archived'] as const;
    const classArb = fc.record({
      status: fc.constantFrom(...statuses),
      capacity: fc.integer({ min: 1, max: 30 }),
      partner: fc.boolean(),
      /** Children (indexes into the family pool) with places, each with a withdrawal day or not. */
      places: fc.array(
        fc.record({ child: fc.nat(9), withdrawn: fc.option(fc.integer({ min: 6, max: 10 }), { nil: undefined }) }),
        { maxLength: 4 },
      ),
      present: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      incidents: fc.array(fc.constantFrom('minor', 'serious', 'critical'), { maxLength: 2 }),
      failing: fc.option(fc.boolean(), { nil: undefined }),
    });
    const treeArb = fc.record({
      districts: fc.array(fc.array(fc.array(classArb, { maxLength: 2 }), { maxLength: 3 }), {
        minLength: 1,
        maxLength: 3,
      }),
      /** Families of one or two children: two children of one family may sit in different districts. */
      families: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 5, maxLength: 5 }),
      asOfDay: fc.integer({ min: 6, max: 14 }),
    });

    await fc.assert(
      fc.asyncProperty(treeArb, async (tree) => {
        const campaignId = await insertCampaign(db, t.rootId);
        const pool: { familyId: number; childId: number }[] = [];
        for (const n of tree.families) {
          const f = await insertFamily(
            db,
            Array.from({ length: n }, (_, i) => (i === 0 ? 'K' : '2')),
          );
          for (const childId of f.childIds) pool.push({ familyId: f.familyId, childId });
        }
        const districtIds: number[] = [];
        const unitsOf = new Map<number, number[]>();
        for (const units of tree.districts) {
          const d = (await buildOrg(db, { parentId: t.rootId })).id;
          districtIds.push(d);
          const ids: number[] = [];
          for (let i = 0; i < units.length; i++) ids.push((await buildOrg(db, { parentId: d })).id);
          unitsOf.set(d, ids);
          for (let i = 0; i < units.length; i++) {
            const unitId = ids[i] as number;
            for (const c of units[i] ?? []) {
              const partner = ids.find((x) => x !== unitId);
              const classId = await insertClass(db, campaignId, {
                unitId,
                status: c.status,
                capacity: c.capacity,
                startDate: '2026-07-06',
                endDate: '2026-07-10',
                ...(c.partner && partner ? { partners: [partner] } : {}),
              });
              const seen = new Set<number>();
              for (const p of c.places) {
                const who = pool[p.child % pool.length];
                if (!who || seen.has(who.childId)) continue;
                seen.add(who.childId);
                await insertPlace(db, {
                  classId,
                  childId: who.childId,
                  familyId: who.familyId,
                  acceptedAt: at('2026-07-01T02:00:00Z'),
                  ...(p.withdrawn ? { withdrawnAt: morning(`2026-07-${String(p.withdrawn).padStart(2, '0')}`) } : {}),
                });
                const days: Record<string, string> = {};
                c.present.forEach((here, k) => {
                  const day = WEEK[k] as string;
                  if (here && (!p.withdrawn || 6 + k < p.withdrawn)) days[day] = 'present';
                });
                await insertDays(db, classId, who.childId, days);
              }
              for (const s of c.incidents) await insertIncident(db, classId, unitId, s, morning('2026-07-08'));
              if (c.failing !== undefined)
                await insertVerdict(db, campaignId, classId, c.failing ? ['staff.ratio'] : [], morning('2026-07-07'));
            }
          }
        }
        const day = `2026-07-${String(tree.asOfDay).padStart(2, '0')}`;
        const allUnits = [...unitsOf.values()].flat();
        const per = await unitFigures(db, { campaignId, asOf: day, unitIds: allUnits });
        const districtValues: FigureValue[][] = [];
        for (const d of districtIds) {
          const own = await orgFigures(db, { campaignId, orgId: d, asOf: day });
          districtValues.push(own);
          const parts = (unitsOf.get(d) ?? []).map((u) => per.get(u) ?? []);
          expect(shape(own)).toEqual(shape(rollUp(parts)));
        }
        const city = await orgFigures(db, { campaignId, orgId: t.rootId, asOf: day });
        expect(shape(city)).toEqual(shape(rollUp(allUnits.map((u) => per.get(u) ?? []))));
        // Distinct figures carry their members, so districts roll up to the city too (no double counting).
        expect(shape(city)).toEqual(shape(rollUp(districtValues)));
        // And the city's families are the families of the places accepted, counted once.
        const [row] = await t.database.rows<{ n: number }>(
          sql`SELECT count(DISTINCT e.family_id)::int AS n FROM enrolments e
            JOIN care_classes c ON c.id = e.class_id WHERE c.campaign_id = ${campaignId}`,
        );
        expect(figure(city, 'families.served')).toBe(row?.n ?? 0);
        // A joint class counts once (for its lead unit): the city has as many classes as the campaign.
        const [classes] = await t.database.rows<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM care_classes WHERE campaign_id = ${campaignId}`,
        );
        expect(figure(city, 'classes.total')).toBe(classes?.n ?? 0);
      }),
      { numRuns: 12, seed: Number(process.env.FC_SEED ?? 20261203) },
    );
  });
});
