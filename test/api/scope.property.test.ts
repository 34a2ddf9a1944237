/**
 * Tenancy property: over random organisation trees and random role grants, an actor never reads or changes
 * anything outside their subtree — every org-scoped request about an outside record gets 403 or 404, never 2xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_SPECS, type Role } from '../../src/domain/people/roles.js';
import {
  campaigns,
  careClasses,
  children,
  classEnrolment,
  classUnits,
  counterparties,
  enrolments,
  families,
  guardians,
  needsSurveyAnswers,
  needsSurveyLinks,
  needsSurveys,
  inspectionInspectors,
  inspectionVisits,
  practiceCases,
  rectificationItems,
  reports,
  users,
  venues,
} from '../../src/server/db/schema.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, makeCreditCode, PASSWORD } from '../support/factories.js';
import { multipart, xlsxFrom } from '../support/xlsx.js';

type Node = { id: number; path: string; kind: 'city' | 'district' | 'unit' };

const SCOPED_ROLES: Role[] = [
  'district_admin',
  'unit_admin',
  'class_staff',
  'volunteer',
  'inspector',
  'reviewer',
  'auditor',
  'parent',
];

describe('org-subtree scoping (property)', () => {
  let t: TestApp;
  let runs = 0;
  beforeAll(async () => {
    t = await createTestApp();
    const c = await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId });
    await (await t.agent(c.username, PASSWORD)).post('/api/campaigns', {
      from: 'template',
      year: 2026,
      name: '范围测试',
    });
  });
  afterAll(() => t.close());

  /** Records owned by a unit: a venue, a caterer and a class, made directly in the database. */
  async function unitRecords(unitId: number) {
    const db = t.database.db;
    const [v] = await db
      .insert(venues)
      .values({
        orgId: unitId,
        name: '场地',
        address: '路 1 号',
        location: 'ground',
        buildingUse: 'office',
        checklist: {},
      })
      .returning();
    const [cp] = await db.insert(counterparties).values({ orgId: unitId, kind: 'caterer', name: '配餐' }).returning();
    const [camp] = await db.select().from(campaigns).limit(1);
    const [c] = camp
      ? await db
          .insert(careClasses)
          .values({ campaignId: camp.id, orgId: unitId, name: '班', mode: 'standalone', management: 'union' })
          .returning()
      : [];
    if (c) await db.insert(classUnits).values({ classId: c.id, orgId: unitId, isOwner: true });
    const enrolmentId = c ? await enrolmentIn(c.id, unitId) : 0;
    return { venueId: v?.id ?? 0, partyId: cp?.id ?? 0, classId: c?.id ?? 0, enrolmentId };
  }

  /** A family employed by the unit with a child holding a place in its class (a fee due). */
  async function enrolmentIn(classId: number, unitId: number) {
    const db = t.database.db;
    const [f] = await db.insert(families).values({}).returning();
    const [u] = await db
      .insert(users)
      .values({ username: `scopeparent${runs}_${Date.now() % 1e6}`, displayName: '家长', passwordHash: 'x' })
      .returning();
    if (!f || !u) throw new Error('family');
    await db.insert(guardians).values({ userId: u.id, familyId: f.id, employerOrgId: unitId, status: 'verified' });
    const [kid] = await db
      .insert(children)
      .values({ familyId: f.id, name: '孩子', birthDate: '2017-01-01', grade: '3' })
      .returning();
    await db.insert(classEnrolment).values({ classId, placesTaken: 1 });
    const [e] = kid
      ? await db
          .insert(enrolments)
          .values({
            classId,
            childId: kid.id,
            familyId: f.id,
            appliedBy: u.id,
            status: 'accepted',
            appliedAt: new Date(),
            feeStatus: 'due',
          })
          .returning()
      : [];
    return e?.id ?? 0;
  }

  /** The campaign made in beforeAll (figures are asked for a campaign that exists, so only scoping can refuse). */
  async function campaignId(): Promise<number> {
    const [c] = await t.database.db.select({ id: campaigns.id }).from(campaigns).limit(1);
    return c?.id ?? 0;
  }

  async function requestsAbout(a: Agent, target: Node, own: Node, targetUserId: number) {
    const xlsx = await xlsxFrom([
      ['单位名称*', '单位类型*', '统一社会信用代码*'],
      ['越权单位', '企业', makeCreditCode(990000 + runs)],
    ]);
    const mp = multipart(xlsx);
    return [
      ['GET org', await a.get(`/api/orgs/${target.id}`)],
      ['list children', await a.get(`/api/orgs?parentId=${target.id}`)],
      ['list subtree', await a.get(`/api/orgs?under=${target.id}`)],
      ['update', await a.patch(`/api/orgs/${target.id}`, { name: '越权改名', version: 1 })],
      [
        'create child',
        await a.post('/api/orgs', {
          parentId: target.id,
          kind: target.kind === 'city' ? 'district' : 'unit',
          name: '越权新建',
          unitType: target.kind === 'city' ? undefined : 'other',
        }),
      ],
      ['move it', await a.post(`/api/orgs/${target.id}/move`, { newParentId: own.id })],
      ['move mine there', await a.post(`/api/orgs/${own.id}/move`, { newParentId: target.id })],
      ['deactivate', await a.post(`/api/orgs/${target.id}/deactivate`, { reason: '越权停用' })],
      ['reactivate', await a.post(`/api/orgs/${target.id}/reactivate`, { reason: '越权启用' })],
      ['import', await a.request('POST', `/api/orgs/${target.id}/import`, mp.body, { 'content-type': mp.contentType })],
      ['list users', await a.get(`/api/users?orgId=${target.id}`)],
      [
        'create user',
        await a.post('/api/users', {
          username: `x${runs}_${Date.now()}`,
          displayName: '越权',
          role: target.kind === 'unit' ? 'unit_admin' : 'inspector',
          orgId: target.id,
        }),
      ],
      ['GET user', await a.get(`/api/users/${targetUserId}`)],
      ['update user', await a.patch(`/api/users/${targetUserId}`, { displayName: '越权', version: 1 })],
      ['grant', await a.post(`/api/users/${targetUserId}/grants`, { role: 'volunteer', orgId: own.id })],
      ['deactivate user', await a.post(`/api/users/${targetUserId}/deactivate`, { reason: '越权停用' })],
      ['reset password', await a.post(`/api/users/${targetUserId}/reset-password`)],
      ['reveal phone', await a.post(`/api/users/${targetUserId}/reveal-phone`)],
      ...(target.kind === 'unit' ? await unitRequests(a, target) : []),
    ] as const;
  }

  async function unitRequests(a: Agent, target: Node) {
    const r = await unitRecords(target.id);
    return [
      ['GET venue', await a.get(`/api/venues/${r.venueId}`)],
      ['PATCH venue', await a.patch(`/api/venues/${r.venueId}`, { name: '越权', version: 1 })],
      ['GET caterer', await a.get(`/api/counterparties/${r.partyId}`)],
      ['GET class', await a.get(`/api/classes/${r.classId}`)],
      ['PATCH class', await a.patch(`/api/classes/${r.classId}`, { name: '越权', version: 1 })],
      ['submit class', await a.post(`/api/classes/${r.classId}/transition`, { action: 'submit' })],
      ['class enrolments', await a.get(`/api/classes/${r.classId}/enrolments`)],
      ['enrolment settings', await a.get(`/api/classes/${r.classId}/enrolment-settings`)],
      ['configure enrolment', await a.put(`/api/classes/${r.classId}/enrolment-settings`, { allocation: 'fcfs' })],
      ['lottery', await a.get(`/api/classes/${r.classId}/lottery`)],
      ['draw lottery', await a.post(`/api/classes/${r.classId}/lottery/draw`)],
      ['reminders', await a.post(`/api/classes/${r.classId}/reminders`)],
      // A class's money (#16): its ledger, entries, reversals, export and budget.
      ['ledger', await a.get(`/api/classes/${r.classId}/ledger`)],
      [
        'add ledger entry',
        await a.post(`/api/classes/${r.classId}/ledger`, {
          kind: 'expense',
          source: 'unit',
          purpose: 'meals',
          amountFen: 100,
          date: '2026-07-01',
        }),
      ],
      ['reverse ledger entry', await a.post(`/api/classes/${r.classId}/ledger/1/reverse`, { reason: '越权冲销' })],
      ['ledger export', await a.get(`/api/classes/${r.classId}/ledger/export`)],
      ['budget', await a.get(`/api/classes/${r.classId}/budget`)],
      ['set budget', await a.put(`/api/classes/${r.classId}/budget`, { lines: [] })],
      ['enrolment agreement', await a.get(`/api/enrolments/${r.enrolmentId}/agreement`)],
      ['enrolment pdf', await a.get(`/api/enrolments/${r.enrolmentId}/agreement.pdf`)],
      ['record fee', await a.post(`/api/enrolments/${r.enrolmentId}/fee`, { status: 'waived', receipt: null })],
      ['confirm enrolment', await a.post(`/api/enrolments/${r.enrolmentId}/confirm`)],
      ['withdraw enrolment', await a.post(`/api/enrolments/${r.enrolmentId}/withdraw`, { reason: '越权退出' })],
      [
        'publish agreement',
        await a.post(`/api/orgs/${target.id}/agreements`, { title: '越权协议', body: '越'.repeat(30) }),
      ],
      ['current agreement', await a.get(`/api/orgs/${target.id}/agreements/current`)],
      ['venues of unit', await a.get(`/api/venues?orgId=${target.id}`)],
      ['classes of unit', await a.get(`/api/classes?orgId=${target.id}`)],
      ['figures of org', await a.get(`/api/stats/figures?campaignId=${await campaignId()}&orgId=${target.id}`)],
      ['dashboard of org', await a.get(`/api/stats/dashboard?campaignId=${await campaignId()}&orgId=${target.id}`)],
      [
        'dashboard workbook of org',
        await a.get(`/api/stats/dashboard.xlsx?campaignId=${await campaignId()}&orgId=${target.id}`),
      ],
      ...(await reportRequestsAbout(a, target)),
      ...(await supervisionRequestsAbout(a, r.classId, target.id)),
      ...(await surveyRequestsAbout(a, target)),
    ] as const;
  }

  /** A needs survey the unit opened for itself, with its link and one answer (written directly), and its routes. */
  async function surveyRequestsAbout(a: Agent, target: Node) {
    const db = t.database.db;
    const cid = await campaignId();
    const [s] = await db
      .insert(needsSurveys)
      .values({ campaignId: cid, orgId: target.id, title: '越权调研', closesOn: '2026-12-31' })
      .returning();
    const id = s?.id ?? 0;
    const [l] = await db
      .insert(needsSurveyLinks)
      .values({ surveyId: id, orgId: target.id, token: `scope${runs}x${target.id}`.padEnd(24, 'z') })
      .returning();
    const linkId = l?.id ?? 0;
    await db.insert(needsSurveyAnswers).values({
      surveyId: id,
      orgId: target.id,
      phoneHash: `scope-${runs}`,
      phoneMasked: '139****0000',
      answers: {},
    });
    const listed = (await a.get(`/api/needs-surveys?campaignId=${cid}`)).json().items as { id: number }[];
    expect(listed.map((x) => x.id)).not.toContain(id);
    return [
      ['GET survey', await a.get(`/api/needs-surveys/${id}`)],
      ['survey links', await a.get(`/api/needs-surveys/${id}/links`)],
      ['survey results', await a.get(`/api/needs-surveys/${id}/results`)],
      ['survey export', await a.get(`/api/needs-surveys/${id}/export`)],
      ['survey qr', await a.get(`/api/needs-surveys/${id}/links/${linkId}/qr`)],
      ['reissue link', await a.post(`/api/needs-surveys/${id}/links/${linkId}/reissue`)],
      ['close survey', await a.post(`/api/needs-surveys/${id}/close`)],
      ['change survey', await a.patch(`/api/needs-surveys/${id}`, { title: '越权修改' })],
      [
        'open survey',
        await a.post('/api/needs-surveys', {
          campaignId: cid,
          orgId: target.id,
          title: '越权发起',
          closesOn: '2026-12-31',
        }),
      ],
    ] as const;
  }

  /** A visit to the unit's class with one finding and a case (written directly), and every route about them (#15). */
  async function supervisionRequestsAbout(a: Agent, classId: number, unitId: number) {
    const db = t.database.db;
    const cid = await campaignId();
    const [v] = await db
      .insert(inspectionVisits)
      .values({
        campaignId: cid,
        classId,
        orgId: unitId,
        kind: 'announced',
        plannedDate: '2026-07-01',
        items: ['fire'],
      })
      .returning();
    const visitId = v?.id ?? 0;
    const [me] = await db.select({ id: users.id }).from(users).limit(1);
    if (me) await db.insert(inspectionInspectors).values({ visitId, userId: me.id });
    const [i] = await db
      .insert(rectificationItems)
      .values({
        visitId,
        campaignId: cid,
        classId,
        orgId: unitId,
        itemKey: 'fire',
        severity: 'high',
        description: '消防通道堵塞',
        deadline: '2026-07-04',
        status: 'responded',
      })
      .returning();
    const itemId = i?.id ?? 0;
    const [c] = await db
      .insert(practiceCases)
      .values({ campaignId: cid, classId, orgId: unitId, title: '案例', body: '做法' })
      .returning();
    const caseId = c?.id ?? 0;
    // Lists without a filter hold nothing of it.
    const ids = async (url: string) => ((await a.get(url)).json().items as { id: number }[]).map((x) => x.id);
    expect(await ids('/api/supervision/visits?pageSize=200')).not.toContain(visitId);
    expect(await ids('/api/supervision/items?pageSize=500')).not.toContain(itemId);
    expect(await ids('/api/supervision/cases')).not.toContain(caseId);
    return [
      ['GET visit', await a.get(`/api/supervision/visits/${visitId}`)],
      ['cancel visit', await a.post(`/api/supervision/visits/${visitId}/cancel`, { reason: '越权取消' })],
      [
        'submit visit',
        await a.post(`/api/supervision/visits/${visitId}/submit`, {
          clientId: `scope-${runs}-${visitId}`,
          visitedOn: '2026-06-01',
          visitedTime: '10:00',
          results: [{ key: 'fire', result: 'pass' }],
        }),
      ],
      ['visit headcount', await a.get(`/api/supervision/visits/${visitId}/headcount?day=2026-06-01&time=10:00`)],
      ['visit files', await a.get(`/api/supervision/visits/${visitId}/files`)],
      [
        'plan visit',
        await a.post('/api/supervision/visits', {
          classId,
          kind: 'announced',
          plannedDate: '2026-07-01',
          inspectorIds: [me?.id ?? 1],
        }),
      ],
      ['inspectors of class', await a.get(`/api/supervision/inspectors?classId=${classId}`)],
      ['GET item', await a.get(`/api/supervision/items/${itemId}`)],
      ['respond item', await a.post(`/api/supervision/items/${itemId}/respond`, { text: '越权整改' })],
      ['decide item', await a.post(`/api/supervision/items/${itemId}/decide`, { decision: 'close', comment: '越权' })],
      ['class rectification', await a.get(`/api/classes/${classId}/rectification`)],
      ['publish case', await a.post(`/api/supervision/cases/${caseId}/publish`, { published: true })],
    ] as const;
  }

  /** A unit's submitted work plan (written directly), and every report route about it (issue 14). */
  async function reportRequestsAbout(a: Agent, target: Node) {
    const cid = await campaignId();
    const [r] = await t.database.db
      .insert(reports)
      .values({
        campaignId: cid,
        orgId: target.id,
        type: 'plan',
        dueDate: '2026-04-20',
        status: 'submitted',
        currentVersion: 1,
        firstSubmittedAt: new Date(),
        submittedAt: new Date(),
      })
      .returning();
    const id = r?.id ?? 0;
    return [
      ['GET report', await a.get(`/api/reports/${id}`)],
      ['save report draft', await a.put(`/api/reports/${id}/draft`, { sections: [], version: 1 })],
      ['submit report', await a.post(`/api/reports/${id}/submit`, { version: 1 })],
      ['accept report', await a.post(`/api/reports/${id}/accept`, { version: 1 })],
      ['return report', await a.post(`/api/reports/${id}/return`, { version: 1, comment: '越权退回' })],
      ['report files', await a.get(`/api/reports/${id}/files`)],
      ['report docx', await a.get(`/api/reports/${id}/docx`)],
      ['start report', await a.post('/api/reports', { campaignId: cid, orgId: target.id, type: 'plan' })],
      ['reports of unit', await a.get(`/api/reports?campaignId=${cid}&orgId=${target.id}`)],
      ['timeliness of unit', await a.get(`/api/reports/timeliness?campaignId=${cid}&orgId=${target.id}`)],
    ] as const;
  }

  it('never answers 2xx about a record outside the actor subtree', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 3 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...SCOPED_ROLES),
        async (unitsPerDistrict, pickGrant, pickTarget, role) => {
          runs++;
          const db = t.database.db;
          const nodes: Node[] = [];
          for (const n of unitsPerDistrict) {
            const d = await buildOrg(db, { parentId: t.rootId });
            nodes.push({ id: d.id, path: d.path, kind: 'district' });
            for (let i = 0; i < n; i++) {
              const u = await buildOrg(db, { parentId: d.id });
              nodes.push({ id: u.id, path: u.path, kind: 'unit' });
            }
          }
          const grantable = nodes.filter((n) => ROLE_SPECS[role].grantableOn.includes(n.kind));
          const own = grantable[pickGrant % grantable.length];
          if (!own) return; // e.g. a unit-level role and no units were drawn
          const outside = [{ id: t.rootId, path: `/${t.rootId}/`, kind: 'city' as const }, ...nodes].filter(
            (n) => !n.path.startsWith(own.path),
          );
          const target = outside[pickTarget % outside.length];
          if (!target) return;
          const actor = await buildUser(db, { role, orgId: own.id });
          const targetUser = await buildUser(db, {
            role: target.kind === 'unit' ? 'parent' : target.kind === 'city' ? 'city_admin' : 'district_admin',
            orgId: target.id,
            phone: `139${String(runs).padStart(8, '0')}`,
          });
          const a = await t.agent(actor.username, PASSWORD);
          for (const [what, res] of await requestsAbout(a, target, own, targetUser.id)) {
            expect(
              [403, 404],
              `${role}@${own.path} → ${what} ${target.path}: ${res.statusCode} ${res.body.slice(0, 120)}`,
            ).toContain(res.statusCode);
          }
          // Lists without a filter contain nothing from outside either.
          const listed = (await a.get('/api/orgs?pageSize=500&includeInactive=true')).json().items as {
            path: string;
          }[];
          expect(listed.every((o) => o.path.startsWith(own.path))).toBe(true);
          const people = (await a.get('/api/users?pageSize=200')).json().items as { id: number }[];
          expect(people.map((p) => p.id)).not.toContain(targetUser.id);
        },
      ),
      { numRuns: 30, seed: Number(process.env.FC_SEED ?? 20261129) },
    );
    // Thirty random worlds, each asking some forty requests about a record outside the actor's subtree.
  }, 180_000);
});
