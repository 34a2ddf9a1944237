/**
 * The needs survey (调研摸底, issue 14): opening with a link per unit, the phone flow without an account (code,
 * one answer per phone per unit, edits until the close), scoping of surveys, links and results, and the export.
 */
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, campaigns, careClasses, needsSurveyAnswers, phoneCodes } from '../../src/server/db/schema.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

describe('/api/needs-surveys', () => {
  let t: TestApp;
  let city: Agent;
  let districtA: Agent;
  let unitAdminA1: Agent;
  let inspectorB: Agent;
  let staffA1: Agent;
  let campaignId: number;
  let dA: number;
  let dB: number;
  let a1: number;
  let a2: number;
  let b1: number;
  let surveyId: number;
  let phoneSeq = 0;

  const open = (agent: Agent, extra: Record<string, unknown> = {}) =>
    agent.post('/api/needs-surveys', {
      campaignId,
      orgId: t.rootId,
      title: '2026年暑期托管需求调研',
      closesOn: '2026-06-20',
      questions: [
        { label: '孩子是否有特殊照护需要', kind: 'choice', options: ['有', '没有'] },
        { label: '每月可承担费用（元）', kind: 'number' },
      ],
      ...extra,
    });

  const linksOf = async (agent: Agent, id = surveyId) =>
    (await agent.get(`/api/needs-surveys/${id}/links`)).json().items as {
      id: number;
      orgId: number;
      token: string | null;
      path: string | null;
      respondents: number;
    }[];

  const tokenOf = async (orgId: number, id = surveyId) => {
    const l = (await linksOf(city, id)).find((x) => x.orgId === orgId);
    if (!l?.token) throw new Error(`no link for ${orgId}`);
    return l.token;
  };

  const newPhone = () => `137${String(++phoneSeq).padStart(8, '0')}`;

  /** Code, verify: the phone's ticket and earlier answer. */
  async function verify(token: string, phone: string) {
    const anon = t.anonymous();
    let sent = await anon.post(`/api/public/needs-surveys/${token}/code`, { phone });
    if (sent.statusCode === 429) {
      // One text a minute per number: wait it out.
      t.clock.advance(61_000);
      sent = await anon.post(`/api/public/needs-surveys/${token}/code`, { phone });
    }
    expect(sent.statusCode, sent.body).toBe(200);
    const code = /(\d{6})/.exec(t.sender.lastTo(phone)?.text ?? '')?.[1];
    const v = await anon.post(`/api/public/needs-surveys/${token}/verify`, { phone, code });
    expect(v.statusCode, v.body).toBe(200);
    return v.json() as { ticket: string; phone: string; answer: { version: number } | null; closed: boolean };
  }

  const answer = (weeks: string[], grades: ('K' | '1' | '2' | '3' | '4' | '5' | '6')[], extra = {}) => ({
    children: grades.map((grade) => (grade === 'K' ? { grade, selfCare: true } : { grade })),
    weeks,
    hours: { from: '08:00', to: '17:30' },
    lunch: true,
    distanceKm: 2.5,
    payShare: 'yes',
    extra,
  });

  let mondays: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    dA = (await buildOrg(db, { parentId: t.rootId, name: '甲区总工会' })).id;
    dB = (await buildOrg(db, { parentId: t.rootId, name: '乙区总工会' })).id;
    a1 = (await buildOrg(db, { parentId: dA, name: '甲一单位' })).id;
    a2 = (await buildOrg(db, { parentId: dA, name: '甲二单位' })).id;
    b1 = (await buildOrg(db, { parentId: dB, name: '乙一单位' })).id;
    await buildOrg(db, { parentId: dB, name: '已撤销单位', active: false });
    districtA = await t.agent((await buildUser(db, { role: 'district_admin', orgId: dA })).username, PASSWORD);
    unitAdminA1 = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: a1 })).username, PASSWORD);
    inspectorB = await t.agent((await buildUser(db, { role: 'inspector', orgId: dB })).username, PASSWORD);
    staffA1 = await t.agent((await buildUser(db, { role: 'class_staff', orgId: a1 })).username, PASSWORD);
    campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '2026年暑期' })).json().id;
    // Planned places: classes of the campaign (capacities 40 at 甲一, 30 at 乙一).
    for (const [orgId, capacity] of [
      [a1, 40],
      [b1, 30],
    ] as const) {
      await db
        .insert(careClasses)
        .values({ campaignId, orgId, name: `班${orgId}`, mode: 'standalone', management: 'union', capacity });
    }
  });
  afterAll(() => t.close());

  it('401 anonymous, 403/404 for roles without the right, 400 for bad input', async () => {
    expect((await t.anonymous().get('/api/needs-surveys')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/needs-surveys', {})).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/needs-surveys/1/results')).statusCode).toBe(401);
    // A district administrator cannot open a survey for the whole city; class staff cannot open one at all.
    expect((await open(districtA)).statusCode).toBe(404);
    expect([403, 404]).toContain((await open(staffA1, { orgId: a1 })).statusCode);
    expect((await open(city, { closesOn: '2026-13-01' })).statusCode).toBe(400);
    expect((await open(city, { closesOn: '9999-01-01' })).statusCode).toBe(400);
    expect((await open(city, { closesOn: '2026-05-01' })).statusCode).toBe(400);
    const badChoice = await open(city, { questions: [{ label: '选项太少', kind: 'choice', options: ['唯一'] }] });
    expect(badChoice.statusCode).toBe(400);
    expect(badChoice.json().details[0].path).toBe('body.questions.0.options');
    expect((await open(city, { title: '' })).statusCode).toBe(400);
    expect((await t.anonymous().get('/api/public/needs-surveys/short')).statusCode).toBe(400);
    expect((await t.anonymous().get(`/api/public/needs-surveys/${'x'.repeat(24)}`)).statusCode).toBe(404);
  });

  it('the city opens a survey: every active unit gets an unguessable link', async () => {
    const r = await open(city);
    expect(r.statusCode, r.body).toBe(201);
    const s = r.json();
    surveyId = s.id;
    expect(s).toMatchObject({ status: 'open', units: 3, respondents: 0, abilities: { close: true } });
    expect(s.questions.map((q: { id: string }) => q.id)).toEqual(['q1', 'q2']);
    const links = await linksOf(city);
    expect(links.map((l) => l.orgId).sort()).toEqual([a1, a2, b1].sort());
    expect(new Set(links.map((l) => l.token)).size).toBe(3);
    for (const l of links) expect(l.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'needs_survey.open'), eq(auditLog.entityId, String(surveyId))));
    expect(audit).toBeTruthy();
    const pub = (await t.anonymous().get(`/api/public/needs-surveys/${await tokenOf(a1)}`)).json();
    expect(pub).toMatchObject({ title: '2026年暑期托管需求调研', unitName: '甲一单位', closed: false });
    mondays = pub.weeks.map((w: { monday: string }) => w.monday);
    expect(mondays.length).toBeGreaterThan(4);
    for (const m of mondays) expect(new Date(`${m}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('scoping: a unit admin sees the survey with their own unit only; another district sees nothing of A', async () => {
    const mine = await linksOf(unitAdminA1);
    expect(mine.map((l) => l.orgId)).toEqual([a1]);
    expect(mine[0]?.token).toBeTruthy();
    const dLinks = await linksOf(districtA);
    expect(dLinks.map((l) => l.orgId).sort()).toEqual([a1, a2].sort());
    // An inspector reads B's link without its token, and cannot download its QR code.
    const insp = await linksOf(inspectorB);
    expect(insp).toHaveLength(1);
    expect(insp[0]?.token).toBeNull();
    expect((await inspectorB.get(`/api/needs-surveys/${surveyId}/links/${insp[0]?.id}/qr`)).statusCode).toBe(403);
    const aLink = (await linksOf(city)).find((l) => l.orgId === a1);
    expect((await inspectorB.get(`/api/needs-surveys/${surveyId}/links/${aLink?.id}/qr`)).statusCode).toBe(404);
    expect((await unitAdminA1.get(`/api/needs-surveys/${surveyId}/links/${aLink?.id}/qr`)).statusCode).toBe(200);
    // Class staff are not survey readers: the survey does not exist for them.
    expect((await staffA1.get(`/api/needs-surveys/${surveyId}`)).statusCode).toBe(404);
    expect((await staffA1.get('/api/needs-surveys')).json().items).toEqual([]);
    // Only the opener's administrators close it.
    expect((await districtA.post(`/api/needs-surveys/${surveyId}/close`)).statusCode).toBe(403);
    expect((await unitAdminA1.get(`/api/needs-surveys/${surveyId}`)).json().abilities).toEqual({
      update: false,
      close: false,
    });
  });

  it('the QR code is a PNG or an SVG of the link', async () => {
    const l = (await linksOf(unitAdminA1))[0];
    const png = await unitAdminA1.get(`/api/needs-surveys/${surveyId}/links/${l?.id}/qr`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const svg = await unitAdminA1.get(`/api/needs-surveys/${surveyId}/links/${l?.id}/qr?format=svg`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
  });

  it('a phone answers once per unit, without an account; the number is kept only hashed and masked', async () => {
    const token = await tokenOf(a1);
    const phone = newPhone();
    const v = await verify(token, phone);
    expect(v.answer).toBeNull();
    expect(v.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const put = await t.anonymous().put(`/api/public/needs-surveys/${token}/answer`, {
      ticket: v.ticket,
      answers: answer(mondays.slice(0, 2), ['2', 'K'], { q1: '没有', q2: 300 }),
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().version).toBe(1);
    // A second first answer from the same phone is refused (one per phone per unit) …
    const again = await verify(token, phone);
    expect(again.answer?.version).toBe(1);
    const dup = await t.anonymous().put(`/api/public/needs-surveys/${token}/answer`, {
      ticket: again.ticket,
      answers: answer(mondays.slice(0, 1), ['3']),
    });
    expect(dup.statusCode).toBe(409);
    // … but the same phone answers for another unit.
    const other = await verify(await tokenOf(a2), phone);
    expect(other.answer).toBeNull();
    // A ticket is bound to its link.
    const cross = await t.anonymous().put(`/api/public/needs-surveys/${await tokenOf(a2)}/answer`, {
      ticket: again.ticket,
      answers: answer(mondays.slice(0, 1), ['3']),
    });
    expect(cross.statusCode).toBe(401);
    expect(cross.json().code).toBe('SURVEY_VERIFY_AGAIN');
    const forged = await t.anonymous().put(`/api/public/needs-surveys/${token}/answer`, {
      ticket: `${again.ticket.split('.')[0]}.${'0'.repeat(64)}`,
      answers: answer(mondays.slice(0, 1), ['3']),
    });
    expect(forged.statusCode).toBe(401);
    const rows = await t.database.db.select().from(needsSurveyAnswers);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.phoneMasked).toBe(v.phone);
    expect(rows[0]?.phoneHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(phone);
    const codes = await t.database.db.select().from(phoneCodes).where(eq(phoneCodes.purpose, 'needs_survey'));
    expect(codes.length).toBeGreaterThan(0);
    expect(JSON.stringify(codes)).not.toContain(phone);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'needs_survey.answer'));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(phone);
  });

  it('checks codes with attempt limits and answers against the season and the questions', async () => {
    const token = await tokenOf(a2);
    const phone = newPhone();
    const anon = t.anonymous();
    expect((await anon.post(`/api/public/needs-surveys/${token}/code`, { phone })).statusCode).toBe(200);
    // One text a minute per number.
    expect((await anon.post(`/api/public/needs-surveys/${token}/code`, { phone })).statusCode).toBe(429);
    const code = /(\d{6})/.exec(t.sender.lastTo(phone)?.text ?? '')?.[1] ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await anon.post(`/api/public/needs-surveys/${token}/verify`, { phone, code: wrong })).statusCode).toBe(
        400,
      );
    // After five wrong tries even the right code is refused.
    expect((await anon.post(`/api/public/needs-surveys/${token}/verify`, { phone, code })).statusCode).toBe(400);
    expect((await anon.post(`/api/public/needs-surveys/${token}/code`, { phone: '12345' })).statusCode).toBe(400);

    t.clock.advance(61_000);
    const v = await verify(token, phone);
    const bad = await anon.put(`/api/public/needs-surveys/${token}/answer`, {
      ticket: v.ticket,
      answers: { ...answer(['2020-01-06'], ['1'], { q9: 'x', q1: '也许' }), hours: { from: '18:00', to: '08:00' } },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.answers.weeks.0',
        'body.answers.hours',
        'body.answers.extra.q9',
        'body.answers.extra.q1',
      ]),
    );
    const shape = await anon.put(`/api/public/needs-surveys/${token}/answer`, {
      ticket: v.ticket,
      answers: { children: [] },
    });
    expect(shape.statusCode).toBe(400);
  });

  it('edits until the close, refused after; the page says it is closed', async () => {
    const token = await tokenOf(b1);
    const phone = newPhone();
    let v = await verify(token, phone);
    const first = await t.anonymous().put(`/api/public/needs-surveys/${token}/answer`, {
      ticket: v.ticket,
      answers: answer(mondays.slice(0, 1), ['1']),
    });
    expect(first.statusCode).toBe(200);
    const edit = await t.anonymous().put(`/api/public/needs-surveys/${token}/answer`, {
      ticket: v.ticket,
      version: 1,
      answers: answer(mondays.slice(1, 4), ['1', '4']),
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().version).toBe(2);
    // A stale version does not overwrite blind.
    const stale = await t.anonymous().put(`/api/public/needs-surveys/${token}/answer`, {
      ticket: v.ticket,
      version: 1,
      answers: answer(mondays.slice(0, 1), ['6']),
    });
    expect(stale.statusCode).toBe(409);
    v = await verify(token, phone);
    expect(v.answer?.version).toBe(2);
  });

  it('closing: no answers or changes after, the page and the code request say so', async () => {
    const r = await city.post('/api/needs-surveys', {
      campaignId,
      orgId: dB,
      title: '乙区补充调研',
      closesOn: '2026-06-30',
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as number;
    expect(r.json().units).toBe(1);
    const token = await tokenOf(b1, id);
    const phone = newPhone();
    const v = await verify(token, phone);
    expect(
      (
        await t.anonymous().put(`/api/public/needs-surveys/${token}/answer`, {
          ticket: v.ticket,
          answers: answer(mondays.slice(0, 1), ['5']),
        })
      ).statusCode,
    ).toBe(200);
    const closed = await city.post(`/api/needs-surveys/${id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', abilities: { close: false, update: false } });
    expect((await city.post(`/api/needs-surveys/${id}/close`)).statusCode).toBe(403);
    const edit = await t.anonymous().put(`/api/public/needs-surveys/${token}/answer`, {
      ticket: v.ticket,
      version: 1,
      answers: answer(mondays.slice(0, 2), ['5']),
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('SURVEY_CLOSED');
    expect((await t.anonymous().get(`/api/public/needs-surveys/${token}`)).json().closed).toBe(true);
    const code = await t.anonymous().post(`/api/public/needs-surveys/${token}/code`, { phone: newPhone() });
    expect(code.statusCode).toBe(409);
    expect(code.json().message).toContain('已结束');
  });

  it('results add up: units → districts → total, next to planned places; scoped per caller', async () => {
    // More answers from 甲一 so the sums have something to add.
    const token = await tokenOf(a1);
    for (const grades of [['1', '1'], ['6'], ['K', '3', '5']] as const) {
      const v = await verify(token, newPhone());
      const r = await t.anonymous().put(`/api/public/needs-surveys/${token}/answer`, {
        ticket: v.ticket,
        answers: answer(mondays.slice(2, 5), [...grades]),
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const res = (await city.get(`/api/needs-surveys/${surveyId}/results`)).json();
    expect(res.units).toHaveLength(3);
    expect(res.districts.map((d: { orgName: string }) => d.orgName).sort()).toEqual(['乙区总工会', '甲区总工会']);
    const sum = (xs: { [k: string]: unknown }[], f: (x: never) => number) => xs.reduce((n, x) => n + f(x as never), 0);
    for (const key of ['respondents', 'children', 'plannedPlaces', 'lunch', 'kindergartenSelfCare'] as const) {
      expect(res.total[key]).toBe(sum(res.districts, (d: Record<string, number>) => d[key] ?? 0));
      expect(res.total[key]).toBe(sum(res.units, (u: Record<string, number>) => u[key] ?? 0));
    }
    for (const m of mondays)
      expect(res.total.byWeek[m]).toBe(sum(res.units, (u: { byWeek: Record<string, number> }) => u.byWeek[m] ?? 0));
    const unitA1 = res.units.find((u: { orgId: number }) => u.orgId === a1);
    expect(unitA1).toMatchObject({
      respondents: 4,
      children: 8,
      plannedPlaces: 40,
      lunch: 4,
      districtName: '甲区总工会',
    });
    expect(unitA1.byGrade).toMatchObject({ K: 2, '1': 2, '2': 1, '3': 1, '5': 1, '6': 1 });
    expect(res.total.plannedPlaces).toBe(70);
    expect(res.total.extra.q1.counts).toMatchObject({ 没有: 1 });
    expect(res.total.extra.q2.sum).toBe(300);
    // Children by week: the first answer needed weeks 1–2 for two children.
    expect(unitA1.byWeek[mondays[0] as string]).toBe(2);
    expect(unitA1.byWeek[mondays[2] as string]).toBe(6);

    const mine = (await unitAdminA1.get(`/api/needs-surveys/${surveyId}/results`)).json();
    expect(mine.units.map((u: { orgId: number }) => u.orgId)).toEqual([a1]);
    expect(mine.total.respondents).toBe(4);
    const insp = (await inspectorB.get(`/api/needs-surveys/${surveyId}/results`)).json();
    expect(insp.units.map((u: { orgId: number }) => u.orgId)).toEqual([b1]);
    expect(insp.total.plannedPlaces).toBe(30);
  });

  it('exports the results to .xlsx with Chinese headers and totals that match', async () => {
    const r = await districtA.get(`/api/needs-surveys/${surveyId}/export`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按地区', '按单位']);
    const units = wb.getWorksheet('按单位');
    if (!units) throw new Error('no 按单位 sheet');
    const header = (units.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['基层单位', '所属地区/产业工会', '填写人数', '托管需求（孩子数）']);
    expect(header).toContain('计划学位');
    const rows = [3, 4].map((n) => (units.getRow(n).values as unknown[]).slice(1));
    expect(rows.map((x) => x[0]).sort()).toEqual(['甲一单位', '甲二单位']);
    const totals = (units.getRow(5).values as unknown[]).slice(1);
    expect(totals[0]).toBe('合计');
    expect(totals[2]).toBe(rows.reduce((n, x) => n + Number(x[2]), 0));
    const planned = header.indexOf('计划学位');
    expect(totals[planned]).toBe(40);
    // 乙 is not in the district's export.
    expect(JSON.stringify(rows)).not.toContain('乙一单位');
  });

  it('reissuing a token retires the old link', async () => {
    const l = (await linksOf(unitAdminA1))[0];
    const old = l?.token ?? '';
    const r = await unitAdminA1.post(`/api/needs-surveys/${surveyId}/links/${l?.id}/reissue`);
    expect(r.statusCode, r.body).toBe(200);
    const fresh = r.json().items[0].token;
    expect(fresh).not.toBe(old);
    expect((await t.anonymous().get(`/api/public/needs-surveys/${old}`)).statusCode).toBe(404);
    expect((await t.anonymous().get(`/api/public/needs-surveys/${fresh}`)).statusCode).toBe(200);
    expect((await inspectorB.post(`/api/needs-surveys/${surveyId}/links/${l?.id}/reissue`)).statusCode).toBe(404);
  });

  it('time: a ticket lasts two hours; a survey past its closing day is closed without anyone closing it', async () => {
    const token = await tokenOf(a2);
    const r3 = await city.post('/api/needs-surveys', {
      campaignId,
      orgId: a2,
      title: '甲二单位调研',
      closesOn: '2026-06-02',
    });
    expect(r3.statusCode, r3.body).toBe(201);
    const v = await verify(token, newPhone());
    t.clock.advance(2 * 3_600_000 + 1000);
    const late = await t.anonymous().put(`/api/public/needs-surveys/${token}/answer`, {
      ticket: v.ticket,
      answers: answer(mondays.slice(0, 1), ['6']),
    });
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('SURVEY_VERIFY_AGAIN');
    t.clock.advance(3 * 86_400_000);
    const fresh = await t.agent(
      (await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId })).username,
      PASSWORD,
    );
    expect((await fresh.get(`/api/needs-surveys/${r3.json().id}`)).json().status).toBe('closed');
    const token3 = (await linksOf(fresh, r3.json().id))[0]?.token ?? '';
    expect((await t.anonymous().get(`/api/public/needs-surveys/${token3}`)).json().closed).toBe(true);
    // A campaign that has ended takes no new survey.
    await t.database.db.update(campaigns).set({ status: 'closed' }).where(eq(campaigns.id, campaignId));
    const late2 = await fresh.post('/api/needs-surveys', {
      campaignId,
      orgId: a2,
      title: '迟到的调研',
      closesOn: '2026-12-01',
    });
    expect(late2.statusCode).toBe(400);
    expect(late2.json().details[0].path).toBe('body.campaignId');
  });
});
