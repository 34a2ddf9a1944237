/**
 * The parents' satisfaction survey (#16): families are asked when the class closes; a guardian answers once per
 * enrolment (a second answer is 409); the class's staff and unit see aggregates only from 5 answers on, remarks
 * without names; the district sees indices (the read layer's figures), never who answered what.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications } from '../../src/server/db/schema.js';
import { inviteDue } from '../../src/server/modules/satisfaction/satisfaction.jobs.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildUser, PASSWORD } from '../support/factories.js';

const answer = (o: Record<string, unknown> = {}) => ({
  overall: 5,
  safety: 5,
  care: 4,
  activities: 4,
  communication: 5,
  happy: 2,
  ...o,
});

describe('satisfaction survey', () => {
  let t: TestApp;
  let dataDir: string;
  let rc: RunningClass;
  let admin: Agent;
  const parents: Agent[] = [];
  const invitationOf: number[] = [];
  let resultsUrl: string;
  const p = (i: number) => parents[i] as Agent;
  const child0 = () => rc.children[0] as RunningClass['children'][number];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-satisfaction-'));
    t = await createTestApp({ dataDir });
    rc = await buildRunningClass(t, { children: 6 });
    admin = rc.unitAdmin.agent;
    resultsUrl = `/api/classes/${rc.classId}/satisfaction`;
    for (let i = 0; i < 6; i++) parents.push(await rc.guardian(i).login());
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('401 without a session', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/parent/satisfaction')).statusCode).toBe(401);
    expect((await anon.post('/api/parent/satisfaction/1', answer())).statusCode).toBe(401);
    expect((await anon.get(resultsUrl)).statusCode).toBe(401);
    expect(
      (await anon.get(`/api/satisfaction/indices?campaignId=${rc.campaignId}&orgId=${rc.districtId}`)).statusCode,
    ).toBe(401);
  });

  it('403 for accounts that may not: a non-guardian on the parents side, a volunteer on results, staff on indices', async () => {
    expect((await admin.get('/api/parent/satisfaction')).statusCode).toBe(403);
    expect((await admin.post('/api/parent/satisfaction/1', answer())).statusCode).toBe(403);
    const volunteer = await t.agent(
      (await buildUser(t.database.db, { role: 'volunteer', orgId: rc.unitId })).username,
      PASSWORD,
    );
    expect([403, 404]).toContain((await volunteer.get(resultsUrl)).statusCode);
    const q = `/api/satisfaction/indices?campaignId=${rc.campaignId}&orgId=${rc.unitId}`;
    expect((await rc.head.agent.get(q)).statusCode).toBe(403);
    // the head of the class may not change the setting; a parent cannot see the class's results
    expect((await rc.head.agent.put(`${resultsUrl}/settings`, { midPoint: true })).statusCode).toBe(403);
    expect((await p(0).get(resultsUrl)).statusCode).toBe(404);
  });

  it('400 on bad input', async () => {
    expect((await admin.get('/api/satisfaction/indices?campaignId=x&orgId=1')).statusCode).toBe(400);
    expect((await p(0).post('/api/parent/satisfaction/abc', answer())).statusCode).toBe(400);
    expect((await p(0).post('/api/parent/satisfaction/1', answer({ overall: 7 }))).statusCode).toBe(400);
    expect((await p(0).post('/api/parent/satisfaction/1', answer({ happy: 'yes' }))).statusCode).toBe(400);
    expect((await admin.put(`${resultsUrl}/settings`, { midPoint: 'yes' })).statusCode).toBe(400);
  });

  it('closing the class asks every enrolled family, with a notice that opens the survey', async () => {
    expect((await p(0).get('/api/parent/satisfaction')).json()).toEqual({ items: [], waiting: 0 });
    // the unit may ask at the mid-point too (while the class is not closed)
    const set = await admin.put(`${resultsUrl}/settings`, { midPoint: true });
    expect(set.statusCode).toBe(200);
    const closed = await admin.post(`/api/classes/${rc.classId}/transition`, { action: 'close' });
    expect(closed.statusCode).toBe(200);
    for (let i = 0; i < 6; i++) {
      const list = (await p(i).get('/api/parent/satisfaction')).json();
      expect(list.waiting).toBe(1);
      expect(list.items[0]).toMatchObject({ classId: rc.classId, round: 'final', answered: false, asksMeals: false });
      invitationOf.push(list.items[0].id);
    }
    const [n] = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, child0().guardianUserId), eq(notifications.kind, 'satisfaction.survey')));
    expect(n?.link).toBe(`/m/#/satisfaction/${invitationOf[0]}`);
    // the safety net finds nothing left to send
    expect(await inviteDue(t.database.db, new Date())).toEqual({ finals: 0, mids: 0 });
    // closed: the setting can no longer change
    expect((await admin.put(`${resultsUrl}/settings`, { midPoint: false })).statusCode).toBe(403);
  });

  it("a guardian answers their own family's survey once; another family's is not found; a second answer is 409", async () => {
    expect((await p(1).post(`/api/parent/satisfaction/${invitationOf[0]}`, answer())).statusCode).toBe(404);
    const meals = await p(0).post(`/api/parent/satisfaction/${invitationOf[0]}`, answer({ meals: 4 }));
    expect(meals.statusCode).toBe(400);
    const first = await p(0).post(
      `/api/parent/satisfaction/${invitationOf[0]}`,
      answer({ comment: `${child0().name}很喜欢这里，老师电话13812345678` }),
    );
    expect(first.statusCode).toBe(201);
    const again = await p(0).post(`/api/parent/satisfaction/${invitationOf[0]}`, answer({ overall: 1 }));
    expect(again.statusCode).toBe(409);
    expect(JSON.stringify(again.json())).toContain('已经提交过');
    const mine = (await p(0).get(`/api/parent/satisfaction/${invitationOf[0]}`)).json();
    expect(mine.answered).toBe(true);
    // the log says an answer was given, not what it said
    const [ev] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'satisfaction.answer'));
    expect(JSON.stringify(ev?.after)).not.toMatch(/overall|comment|喜欢/);
  });

  it('below 5 answers the class sees only counts and the notice; the district sees no index', async () => {
    for (const who of [admin, rc.head.agent]) {
      const r = (await who.get(resultsUrl)).json();
      const final = r.rounds.find((x: { round: string }) => x.round === 'final');
      expect(final).toMatchObject({ invited: 6, answers: 1, shown: false, indices: null, remarks: null });
      expect(final.notice.zh).toBe('答卷不足5份，暂不显示');
    }
    const district = await rc.districtAdmin.login();
    const ixRes = await district.get(`/api/satisfaction/indices?campaignId=${rc.campaignId}&orgId=${rc.districtId}`);
    expect(ixRes.json()).toHaveProperty('total');
    const ix = ixRes.json();
    expect(ix.total).toMatchObject({ invited: 6, answers: 1, parents: null, happy: null });
    const figs = (await district.get(`/api/stats/figures?campaignId=${rc.campaignId}&orgId=${rc.unitId}`)).json();
    const p = figs.figures.find((f: { key: string }) => f.key === 'satisfaction.parents');
    expect(p.value).toBeNull();
    expect(p.numerator).toBeUndefined();
  });

  it('from 5 answers on: indices, distribution and remarks without names, the same in the read layer', async () => {
    const scores = [3, 4, 5, 2];
    for (let i = 1; i <= 4; i++) {
      const r = await p(i).post(
        `/api/parent/satisfaction/${invitationOf[i]}`,
        answer({ overall: scores[i - 1], happy: i === 4 ? 0 : 1, comment: i === 4 ? '接送时间太早了' : undefined }),
      );
      expect(r.statusCode).toBe(201);
    }
    const r = (await rc.head.agent.get(resultsUrl)).json();
    const final = r.rounds.find((x: { round: string }) => x.round === 'final');
    // overall 5,3,4,5,2 → Σ(s−1) = 14 of 20 → 70; happy 2,1,1,1,0 → 5 of 10 → 50
    expect(final).toMatchObject({ answers: 5, invited: 6, responseRate: 83.3, shown: true, notice: null });
    expect(final.indices.parents).toBe(70);
    expect(final.indices.happy).toBe(50);
    expect(final.indices.items.meals).toBeNull();
    expect(final.overallDistribution).toEqual([0, 1, 1, 1, 2]);
    expect(final.remarks).toHaveLength(2);
    const joined = final.remarks.join('|');
    expect(joined).not.toContain(child0().name);
    expect(joined).not.toContain('13812345678');
    expect(joined).toContain('接送时间太早了');
    const district = await rc.districtAdmin.login();
    const ix = (
      await district.get(`/api/satisfaction/indices?campaignId=${rc.campaignId}&orgId=${rc.districtId}`)
    ).json();
    expect(ix.total).toMatchObject({ answers: 5, responseRate: 83.3, parents: 70, happy: 50 });
    expect(JSON.stringify(ix)).not.toContain('接送');
    const unit = (
      await district.get(`/api/satisfaction/indices?campaignId=${rc.campaignId}&orgId=${rc.unitId}`)
    ).json();
    expect(unit.rows).toHaveLength(1);
    expect(unit.rows[0]).toMatchObject({ kind: 'class', parents: 70 });
    const figs = (await district.get(`/api/stats/figures?campaignId=${rc.campaignId}&orgId=${rc.districtId}`)).json();
    expect(figs.figures.find((f: { key: string }) => f.key === 'satisfaction.parents').value).toBe(70);
  });
});
