/**
 * /api/reports (issue 14): who owes which report, the workflow (draft → submitted → returned → resubmitted →
 * accepted, every version kept), figures frozen on submission, timeliness (on time / late / missing / not yet
 * due), the district's roll-up of its units (a property over random trees), attachments readable only by those who
 * see the report, the documents, and reminders sent once by the job across the 3-day / 1-day / overdue boundaries.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freezeFigures } from '../../src/domain/stats/freeze.js';
import { inflateEntry, readZipDirectory } from '../../src/domain/xlsx/zip.js';
import { rollUp } from '../../src/domain/stats/rollup.js';
import {
  auditLog,
  notifications,
  organizations,
  reportReminders,
  reports,
  reportVersions,
} from '../../src/server/db/schema.js';
import { dashboardView } from '../../src/server/modules/dashboard/dashboard.js';
import { reportingTally, reportingWorld } from '../../src/server/modules/reports/reports.expected.js';
import { reportRemindersJob } from '../../src/server/modules/reports/reports.jobs.js';
import { endOfDay } from '../../src/server/modules/stats/stats.read.js';
import { addDays } from '../../src/domain/calendar/dates.js';
import { unitFigures } from '../../src/server/modules/stats/stats.read.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass } from '../support/attendance.js';
import { PDF_BYTES, uploadTo } from '../support/classes.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { buildClassFor, buildReportingCampaign } from '../support/reports.js';

const PLAN_TEXT = {
  目标任务: '•\t开办托管班 2 个\r\n\r\n\r\n\r\n●  服务职工家庭 60 户\u200B',
  工作措施: '成立工作专班。',
  资金保障: '单位行政、工会经费共同保障。',
  监督管理: '每周巡查一次。',
  工作成效: '预计服务 60 户职工家庭。',
};
const sections = (texts: Record<string, string>) => Object.entries(texts).map(([heading, text]) => ({ heading, text }));
const filled = (headings: string[]) => headings.map((heading) => ({ heading, text: `${heading}：已落实。` }));

describe('/api/reports', () => {
  let t: TestApp;
  let campaignId: number;
  let d1: number;
  let d2: number;
  let u1: number;
  let u2: number;
  let u3: number;
  let u4: number;
  let city: Agent;
  let district1: Agent;
  let district2: Agent;
  let admin1: Agent;
  let admin2: Agent;
  let admin4: Agent;
  let auditor: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const now = t.clock.now;
    campaignId = (await buildReportingCampaign(db, t.rootId, now)).id;
    d1 = (await buildOrg(db, { parentId: t.rootId, name: '甲区总工会' })).id;
    d2 = (await buildOrg(db, { parentId: t.rootId, kind: 'industry', name: '教育产业工会' })).id;
    u1 = (await buildOrg(db, { parentId: d1, name: '甲一单位' })).id;
    u2 = (await buildOrg(db, { parentId: d1, name: '甲二单位' })).id;
    u3 = (await buildOrg(db, { parentId: d1, name: '甲三单位（仅草稿）' })).id;
    u4 = (await buildOrg(db, { parentId: d2, name: '教育一单位' })).id;
    await buildClassFor(db, { campaignId, unitId: u1, status: 'approved', now });
    await buildClassFor(db, { campaignId, unitId: u2, status: 'running', now });
    await buildClassFor(db, { campaignId, unitId: u3, status: 'draft', now });
    await buildClassFor(db, { campaignId, unitId: u4, status: 'submitted', now });
    const login = async (role: Parameters<typeof buildUser>[1]['role'], orgId: number) =>
      t.agent((await buildUser(db, { role, orgId })).username, PASSWORD);
    city = await login('city_admin', t.rootId);
    district1 = await login('district_admin', d1);
    district2 = await login('district_admin', d2);
    admin1 = await login('unit_admin', u1);
    admin2 = await login('unit_admin', u2);
    admin4 = await login('unit_admin', u4);
    auditor = await login('auditor', t.rootId);
  });
  afterAll(() => t.close());

  const start = (a: Agent, orgId: number, type: string, period = '') =>
    a.post('/api/reports', { campaignId, orgId, type, period });

  it('401 without a session', async () => {
    const anon = t.anonymous();
    expect((await anon.get(`/api/reports?campaignId=${campaignId}`)).statusCode).toBe(401);
    expect((await anon.post('/api/reports', { campaignId, orgId: u1, type: 'plan' })).statusCode).toBe(401);
    expect((await anon.get(`/api/reports/timeliness?campaignId=${campaignId}`)).statusCode).toBe(401);
    expect((await anon.post('/api/report-requests', {})).statusCode).toBe(401);
  });

  it('403 / 404: only the unit writes its report, only the level above decides; others do not even see it', async () => {
    const r = await start(admin2, u2, 'preparation');
    expect(r.statusCode).toBe(201);
    const id = r.json().id;
    // Another unit: not found (it cannot tell a hidden report from a missing one).
    expect((await admin1.get(`/api/reports/${id}`)).statusCode).toBe(404);
    expect((await admin1.put(`/api/reports/${id}/draft`, { sections: [], version: 1 })).statusCode).toBe(404);
    expect((await start(admin1, u2, 'plan')).statusCode).toBe(404);
    // The district sees it but does not write the unit's report; nobody decides on a draft.
    expect((await district1.get(`/api/reports/${id}`)).statusCode).toBe(200);
    expect((await district1.put(`/api/reports/${id}/draft`, { sections: [], version: 1 })).statusCode).toBe(403);
    expect((await district1.post(`/api/reports/${id}/accept`, { version: 1 })).statusCode).toBe(403);
    // Another district does not see it; the auditor reads but does nothing.
    expect((await district2.get(`/api/reports/${id}`)).statusCode).toBe(404);
    const seen = await auditor.get(`/api/reports/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toEqual({ edit: false, submit: false, accept: false, return: false });
    // Ad-hoc requests: a unit admin may not issue one.
    const req = await admin2.post('/api/report-requests', {
      campaignId,
      orgId: u2,
      title: '临时报送',
      dueDate: '2026-06-10',
      headings: ['情况'],
    });
    expect(req.statusCode).toBe(403);
  });

  it('400 on bad input', async () => {
    expect((await admin1.post('/api/reports', { campaignId, orgId: u1, type: 'weekly' })).statusCode).toBe(400);
    expect(
      (await admin1.post('/api/reports', { campaignId, orgId: u1, type: 'monthly', period: '2026-13' })).statusCode,
    ).toBe(400);
    // A month outside the campaign's reporting months: nothing is owed.
    expect((await start(admin1, u1, 'monthly', '2026-03')).statusCode).toBe(400);
    const id = (await start(admin1, u1, 'plan')).json().id;
    expect((await admin1.put(`/api/reports/${id}/draft`, { sections: [] })).statusCode).toBe(400);
    expect(
      (await admin1.put(`/api/reports/${id}/draft`, { sections: [{ heading: '别的栏目', text: 'x' }], version: 1 }))
        .statusCode,
    ).toBe(400);
    expect((await admin1.post(`/api/reports/${id}/return`, { version: 1 })).statusCode).toBe(400);
    expect(
      (
        await city.post('/api/report-requests', {
          campaignId,
          orgId: t.rootId,
          title: 'x',
          dueDate: '1999-01-01',
          headings: [],
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await city.post('/api/report-requests', {
          campaignId,
          orgId: t.rootId,
          title: '暑期安全检查情况',
          dueDate: '2026-07-10',
          headings: ['检查情况'],
          figureKeys: ['no.such.figure'],
        })
      ).statusCode,
    ).toBe(400);
    expect((await admin1.get('/api/reports?campaignId=abc')).statusCode).toBe(400);
  });

  it('lists the expected reports: participating units to their district, districts to the city, scoped', async () => {
    const all = (await city.get(`/api/reports?campaignId=${campaignId}`)).json().items as {
      orgId: number;
      type: string;
      period: string;
      status: string;
      state: string;
      toOrgId: number;
    }[];
    const orgs = new Set(all.map((s) => s.orgId));
    expect(orgs).toEqual(new Set([d1, d2, u1, u2, u4])); // u3 holds only a draft class: not participating
    expect(all.filter((s) => s.orgId === u1).map((s) => `${s.type}${s.period}`)).toEqual([
      'plan',
      'preparation',
      'monthly2026-06',
      'monthly2026-07',
      'summary',
      'monthly2026-08',
      'monthly2026-09',
    ]);
    expect(all.find((s) => s.orgId === u1)?.toOrgId).toBe(d1);
    expect(all.find((s) => s.orgId === d1)?.toOrgId).toBe(t.rootId);
    // 1 June (China): plan and preparation are past due, June is not yet due.
    const u4plan = all.find((s) => s.orgId === u4 && s.type === 'plan');
    expect(u4plan).toMatchObject({ status: 'missing', state: 'missing' });
    expect(all.find((s) => s.orgId === u4 && s.period === '2026-06')).toMatchObject({ state: 'not_yet_due' });

    const mine = (await admin4.get(`/api/reports?campaignId=${campaignId}`)).json().items as { orgId: number }[];
    expect(new Set(mine.map((s) => s.orgId))).toEqual(new Set([u4]));
    const d1view = (await district1.get(`/api/reports?campaignId=${campaignId}`)).json().items as { orgId: number }[];
    expect(new Set(d1view.map((s) => s.orgId))).toEqual(new Set([d1, u1, u2]));
    expect((await district1.get(`/api/reports?campaignId=${campaignId}&orgId=${d2}`)).statusCode).toBe(404);
  });

  it('return with a comment and resubmit: two versions side by side, late because first submitted after 20 April', async () => {
    const started = await start(admin1, u1, 'plan');
    expect(started.statusCode).toBe(200); // started in the 400 test already: the same report comes back
    let r = started.json();
    expect(r.headings).toEqual(['目标任务', '工作措施', '资金保障', '监督管理', '工作成效']);
    r = (
      await admin1.put(`/api/reports/${r.id}/draft`, { sections: sections({ 目标任务: 'x' }), version: r.version })
    ).json();
    // Sections left empty: not submittable yet.
    const early = await admin1.post(`/api/reports/${r.id}/submit`, { version: r.version });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('工作措施');

    const saved = await admin1.put(`/api/reports/${r.id}/draft`, { sections: sections(PLAN_TEXT), version: r.version });
    expect(saved.statusCode).toBe(200);
    r = saved.json();
    // Pasted from Word: bullets become "- ", blank runs collapse, zero-width characters go.
    expect(r.sections[0]).toEqual({ heading: '目标任务', text: '- 开办托管班 2 个\n\n- 服务职工家庭 60 户' });
    expect((await admin1.put(`/api/reports/${r.id}/draft`, { sections: [], version: r.version - 1 })).statusCode).toBe(
      409,
    );

    const sub = await admin1.post(`/api/reports/${r.id}/submit`, { version: r.version });
    expect(sub.statusCode).toBe(200);
    r = sub.json();
    expect(r).toMatchObject({ status: 'submitted', state: 'late', onTime: false, currentVersion: 1 });
    expect(r.versions).toHaveLength(1);
    expect(r.versions[0].asOf).toBe('2026-04-20'); // the figures say what was true on the due date
    expect(r.versions[0].figures.length).toBeGreaterThan(0);
    expect(r.versions[0].figures[0]).toEqual(
      expect.objectContaining({ key: expect.any(String), label: expect.any(Object), definition: expect.any(Object) }),
    );
    expect(r.abilities).toMatchObject({ edit: false, submit: false });
    // The district is told; the unit cannot decide on its own report, the city does not decide on a unit's.
    expect((await admin1.post(`/api/reports/${r.id}/accept`, { version: r.version })).statusCode).toBe(403);
    expect((await city.post(`/api/reports/${r.id}/accept`, { version: r.version })).statusCode).toBe(403);

    const dview = (await district1.get(`/api/reports/${r.id}`)).json();
    expect(dview.abilities).toMatchObject({ accept: true, return: true, edit: false });
    const ret = await district1.post(`/api/reports/${r.id}/return`, {
      version: dview.version,
      comment: '资金保障请写明各方金额。',
    });
    expect(ret.statusCode).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned' });
    expect(ret.json().versions[0]).toMatchObject({ decision: 'returned', comment: '资金保障请写明各方金额。' });

    r = (await admin1.get(`/api/reports/${r.id}`)).json();
    expect(r.abilities).toMatchObject({ edit: true, submit: true });
    r = (
      await admin1.put(`/api/reports/${r.id}/draft`, {
        sections: sections({ ...PLAN_TEXT, 资金保障: '单位行政 2 万元，工会经费 1 万元，家长分担 0.5 万元。' }),
        version: r.version,
      })
    ).json();
    r = (await admin1.post(`/api/reports/${r.id}/submit`, { version: r.version })).json();
    expect(r).toMatchObject({ status: 'submitted', currentVersion: 2, state: 'late' });
    expect(r.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(r.versions[0].sections[2].text).toBe('单位行政、工会经费共同保障。');
    expect(r.versions[1].sections[2].text).toContain('2 万元');

    const acc = await district1.post(`/api/reports/${r.id}/accept`, { version: r.version });
    expect(acc.statusCode).toBe(200);
    expect(acc.json()).toMatchObject({ status: 'accepted' });
    expect(acc.json().versions[1]).toMatchObject({ decision: 'accepted' });

    // History: who did what, in the audit log; the unit heard of the return and the acceptance.
    const actions = (
      await t.database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'report'), eq(auditLog.entityId, String(r.id))))
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'report.start',
        'report.saveDraft',
        'report.submit',
        'report.return',
        'report.resubmit',
        'report.accept',
      ]),
    );
    const kinds = (await t.database.db.select({ kind: notifications.kind }).from(notifications)).map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['report.submitted', 'report.returned', 'report.accepted']));
    // A version is evidence: the database refuses to change it.
    await expect(
      t.database.db.update(reportVersions).set({ comment: 'changed' }).where(eq(reportVersions.reportId, r.id)),
    ).rejects.toThrow();
  });

  it('freezes the figures on submission: data added afterwards changes the live figures, not the submitted ones', async () => {
    let r = (await start(admin4, u4, 'monthly', '2026-06')).json();
    r = (await admin4.put(`/api/reports/${r.id}/draft`, { sections: filled(r.headings), version: r.version })).json();
    r = (await admin4.post(`/api/reports/${r.id}/submit`, { version: r.version })).json();
    expect(r).toMatchObject({ status: 'submitted', state: 'on_time', onTime: true });
    expect(r.versions[0].asOf).toBe('2026-06-01'); // never later than today
    const frozen = r.versions[0].figures;
    // Another class approved at the unit the same day, after the submission.
    t.clock.advance(60_000);
    await buildClassFor(t.database.db, { campaignId, unitId: u4, status: 'approved', capacity: 45, now: t.clock.now });
    const after = (await admin4.get(`/api/reports/${r.id}`)).json();
    expect(after.versions[0].figures).toEqual(frozen);
    expect(after.liveFigures).not.toEqual(frozen);
  });

  it('attachments are read only by those who may read the report', async () => {
    let r = (await start(admin2, u2, 'monthly', '2026-06')).json();
    const up = await uploadTo(admin2, `/api/reports/${r.id}/files`, {}, '照片说明.pdf');
    expect(up.statusCode).toBe(201);
    const fileId = up.json().id;
    expect((await uploadTo(district1, `/api/reports/${r.id}/files`, {})).statusCode).toBe(403);
    r = (
      await admin2.put(`/api/reports/${r.id}/draft`, {
        sections: filled(r.headings),
        attachments: [fileId],
        version: r.version,
      })
    ).json();
    expect(r.attachments).toEqual([expect.objectContaining({ id: fileId, filename: '照片说明.pdf' })]);
    expect((await district1.get(`/api/files/${fileId}`)).statusCode).toBe(200);
    expect((await admin1.get(`/api/files/${fileId}`)).statusCode).toBe(404);
    expect((await district2.get(`/api/files/${fileId}`)).statusCode).toBe(404);
    // A file of another report cannot be cited.
    const other = (await start(admin1, u1, 'monthly', '2026-06')).json();
    const bad = await admin1.put(`/api/reports/${other.id}/draft`, {
      sections: [],
      attachments: [fileId],
      version: other.version,
    });
    expect(bad.statusCode).toBe(400);
    void PDF_BYTES;
  });

  it('a district report rolls up its units and lists who has not reported; the summary carries class applications', async () => {
    let r = (await start(district1, d1, 'monthly', '2026-06')).json();
    expect(r.breakdown.rows.map((x: { orgId: number }) => x.orgId).sort()).toEqual([u1, u2].sort());
    expect(r.breakdown.notReported.map((x: { orgId: number }) => x.orgId).sort()).toEqual([u1, u2].sort());
    r = (
      await district1.put(`/api/reports/${r.id}/draft`, { sections: filled(r.headings), version: r.version })
    ).json();
    r = (await district1.post(`/api/reports/${r.id}/submit`, { version: r.version })).json();
    expect(r.status).toBe('submitted');
    // The city decides on a district's report, the district does not decide on its own.
    expect((await district1.post(`/api/reports/${r.id}/accept`, { version: r.version })).statusCode).toBe(403);
    expect((await city.post(`/api/reports/${r.id}/accept`, { version: r.version })).statusCode).toBe(200);

    // Summary: the unit proposes its own classes only.
    let s = (await start(admin1, u1, 'summary')).json();
    expect(s.applicationsEnabled).toBe(true);
    expect(s.applicationCandidates).toHaveLength(1);
    const mine = s.applicationCandidates[0].classId;
    const foreign = await admin1.put(`/api/reports/${s.id}/draft`, {
      sections: [],
      applications: [mine + 9999],
      version: s.version,
    });
    expect(foreign.statusCode).toBe(400);
    s = (
      await admin1.put(`/api/reports/${s.id}/draft`, { sections: [], applications: [mine], version: s.version })
    ).json();
    expect(s.applications).toEqual([expect.objectContaining({ classId: mine })]);
  });

  it('timeliness grid: the city sees districts and units, a district its units, with counts per column', async () => {
    const g = (await city.get(`/api/reports/timeliness?campaignId=${campaignId}`)).json();
    expect(g.orgId).toBe(t.rootId);
    expect(g.rows.map((x: { orgId: number }) => x.orgId)).toEqual([d1, d2, u1, u2, u4]);
    const planCol = g.columns.findIndex((c: { type: string }) => c.type === 'plan');
    expect(g.columns[planCol].counts).toMatchObject({
      expected: 5,
      submitted: 1,
      late: 1,
      onTime: 0,
      missing: 4,
      accepted: 1,
    });
    const june = g.columns.findIndex((c: { period: string }) => c.period === '2026-06');
    expect(g.columns[june].counts).toMatchObject({ expected: 5, submitted: 2, onTime: 2, notYetDue: 3 });
    const u1row = g.rows.find((x: { orgId: number }) => x.orgId === u1);
    expect(u1row.cells[planCol]).toMatchObject({ status: 'accepted', state: 'late' });

    const dg = (await district1.get(`/api/reports/timeliness?campaignId=${campaignId}`)).json();
    expect(dg.orgId).toBe(d1);
    expect(dg.rows.map((x: { orgId: number }) => x.orgId)).toEqual([u1, u2]);
    expect((await district1.get(`/api/reports/timeliness?campaignId=${campaignId}&orgId=${t.rootId}`)).statusCode).toBe(
      404,
    );
  });

  it('documents: the .docx of a report and the .xlsx summary table of a period', async () => {
    const plan = (await admin1.get(`/api/reports?campaignId=${campaignId}&type=plan`)).json().items[0];
    const docx = await admin1.get(`/api/reports/${plan.reportId}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xlsx = await city.get(`/api/reports/period-sheet.xlsx?campaignId=${campaignId}&type=plan`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(
      (await admin1.get(`/api/reports/period-sheet.xlsx?campaignId=${campaignId}&type=monthly&period=2030-01`))
        .statusCode,
    ).toBe(404);

    // The district's June report read back: its headings, and the table of its units with who has not reported.
    const june = (await district1.get(`/api/reports?campaignId=${campaignId}&orgId=${d1}&type=monthly&period=2026-06`))
      .json()
      .items.find((x: { orgId: number }) => x.orgId === d1);
    const dd = await district1.get(`/api/reports/${june.reportId}/docx`);
    expect(dd.statusCode).toBe(200);
    const entries = readZipDirectory(dd.rawPayload, 100);
    const main = entries.find((e) => e.name === 'word/document.xml');
    if (!main) throw new Error('no document.xml');
    const xml = inflateEntry(dd.rawPayload, main).toString('utf8');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    for (const h of ['本月工作开展情况', '安全卫生消防监管', '甲一单位', '甲二单位']) expect(text).toContain(h);
    expect(xml).toContain('<w:tbl>');

    // The June sheet: one row per unit with the figures they froze (blank for those who have not submitted).
    const sheet = await city.get(`/api/reports/period-sheet.xlsx?campaignId=${campaignId}&type=monthly&period=2026-06`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const cells = (wb.worksheets[0]?.getSheetValues() ?? []).flat().map(String);
    for (const name of ['甲一单位', '甲二单位', '教育一单位']) expect(cells.join('|')).toContain(name);
  });

  it('two saves of the same version at once: one wins, the other hears 409', async () => {
    const r = (await start(admin2, u2, 'monthly', '2026-07')).json();
    const body = (text: string) => ({ sections: [{ heading: '本月工作开展情况', text }], version: r.version });
    const [a, b] = await Promise.all([
      admin2.put(`/api/reports/${r.id}/draft`, body('甲')),
      admin2.put(`/api/reports/${r.id}/draft`, body('乙')),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('ad-hoc requests: issued by a district to its subtree with its own headings and due date', async () => {
    const req = await district1.post('/api/report-requests', {
      campaignId,
      orgId: d1,
      title: '汛期安全自查情况',
      dueDate: '2026-06-05',
      headings: ['自查情况', '整改措施'],
      figureKeys: [],
    });
    expect(req.statusCode).toBe(201);
    const id = req.json().id;
    // The units that owe it are told (each unit's admin), not the other district's.
    const told = await t.database.db.select().from(notifications).where(eq(notifications.kind, 'report.requested'));
    expect(told).toHaveLength(2);
    const owed = (await city.get(`/api/reports?campaignId=${campaignId}&type=adhoc`)).json().items as {
      orgId: number;
    }[];
    expect(owed.map((s) => s.orgId).sort()).toEqual([u1, u2].sort());
    const r = (await start(admin1, u1, 'adhoc', String(id))).json();
    expect(r.headings).toEqual(['自查情况', '整改措施']);
    expect(r.dueDate).toBe('2026-06-05');
    expect((await district2.get(`/api/report-requests?campaignId=${campaignId}`)).json().items).toEqual([]);
  });

  it("the dashboard's reporting tally counts the same slots as the reporting world, on every day", async () => {
    const db = t.database.db;
    /** The tally (of the whole campaign and of each district's subtree) against the world's slots, on every due day. */
    const expectTallyAsWorld = async () => {
      const world = await reportingWorld(db, campaignId, null, t.clock.now);
      if (!world) throw new Error('world');
      expect(world.slots.some((s) => s.report?.firstSubmittedAt)).toBe(true);
      const days = [...new Set(world.slots.map((s) => s.period.dueDate))].flatMap((d) => [addDays(d, -1), d]);
      const paths = [undefined, ...[d1, d2].map((id) => world.orgs.get(id)?.path)];
      for (const asOf of [...days, '2026-12-31'])
        for (const underPath of paths) {
          const bound = endOfDay(asOf);
          const expected = new Map<string, { due: number; submitted: number }>();
          for (const s of world.slots) {
            if (s.period.dueDate > asOf || (underPath && !s.org.path.startsWith(underPath))) continue;
            const e = expected.get(s.org.path) ?? { due: 0, submitted: 0 };
            e.due += 1;
            if (s.report?.firstSubmittedAt && s.report.firstSubmittedAt < bound) e.submitted += 1;
            expected.set(s.org.path, e);
          }
          const tally = await reportingTally(db, { campaignId, asOf, bound, underPath });
          const got = new Map(tally.map((r) => [r.path, { due: r.due, submitted: r.submitted }]));
          expect({ asOf, underPath, tally: Object.fromEntries(got) }).toEqual({
            asOf,
            underPath,
            tally: Object.fromEntries(expected),
          });
          // The dashboard of the city or the district: its total and each row's reporting rate are the world's
          // slots under it (submitted ÷ due, in per cent to one decimal; none due: no rate).
          const org = world.orgs.get(underPath ? Number(underPath.split('/').at(-2)) : t.rootId);
          if (!org) throw new Error('org');
          const view = await dashboardView(db, {
            campaign: { id: campaignId, name: world.campaign.name, params: world.params },
            org: { id: org.id, name: org.name, kind: org.kind, path: org.path },
            breadcrumbs: [],
            asOf,
          });
          const rate = (path: string) => {
            const under = world.slots.filter((s) => s.period.dueDate <= asOf && s.org.path.startsWith(path));
            const done = under.filter((s) => s.report?.firstSubmittedAt && s.report.firstSubmittedAt < bound);
            return under.length === 0 ? null : Math.round((done.length / under.length) * 1000) / 10;
          };
          expect({ asOf, path: org.path, rates: [view.totals, ...view.rows].map((r) => r.reportingRate) }).toEqual({
            asOf,
            path: org.path,
            rates: [rate(org.path), ...view.rows.map((r) => rate(world.orgs.get(r.id)?.path ?? '?'))],
          });
        }
    };
    await expectTallyAsWorld();
    // Started reports that no longer fit a slot are still counted: a unit with only a draft class (not a reporter)
    // with a submitted plan, a month the campaign does not list, and a district gone inactive with its own report.
    const submitted = new Date('2026-05-10T02:00:00Z');
    await db.insert(reports).values([
      { campaignId, orgId: u3, type: 'plan', period: '', dueDate: '2026-05-15', firstSubmittedAt: submitted },
      { campaignId, orgId: u4, type: 'monthly', period: '2025-01', dueDate: '2025-02-05', firstSubmittedAt: submitted },
      { campaignId, orgId: d2, type: 'summary', period: '', dueDate: '2026-09-10' },
    ]);
    await db.update(organizations).set({ active: false }).where(eq(organizations.id, d2));
    try {
      await expectTallyAsWorld();
    } finally {
      await db.update(organizations).set({ active: true }).where(eq(organizations.id, d2));
    }
  });
});

describe('freezing against check-ins', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('a check-in after the submission changes the live attendance, not the submitted figures', async () => {
    t = await createTestApp();
    t.clock.now = new Date('2026-06-01T00:30:00Z'); // Monday 08:30 China
    const rc = await buildRunningClass(t, {
      children: 3,
      paperwork: true,
      startDate: '2026-06-01',
      endDate: '2026-06-12',
    });
    const checkIn = async (i: number) => {
      const head = await rc.head.login();
      const r = await head.post('/api/attendance/events', {
        events: [
          {
            clientId: randomUUID(),
            classId: rc.classId,
            childId: rc.children[i]?.id,
            kind: 'check_in',
            occurredAt: t.clock.now.toISOString(),
          },
        ],
      });
      expect(r.json().results[0].outcome).toBe('applied');
    };
    await checkIn(0);
    // Day 1 is over (18:00 China): the unit reports June so far.
    t.clock.now = new Date('2026-06-01T10:00:00Z');
    const admin = await rc.unitAdmin.login();
    let r = (
      await admin.post('/api/reports', {
        campaignId: rc.campaignId,
        orgId: rc.unitId,
        type: 'monthly',
        period: '2026-06',
      })
    ).json();
    r = (await admin.put(`/api/reports/${r.id}/draft`, { sections: filled(r.headings), version: r.version })).json();
    r = (await admin.post(`/api/reports/${r.id}/submit`, { version: r.version })).json();
    const frozen = r.versions[0].figures as { key: string; value: number | null }[];
    const rate = (figs: { key: string; value: number | null }[]) =>
      figs.find((f) => f.key === 'attendance.rate')?.value;
    expect(rate(frozen)).not.toBeNull();

    // The next morning two more children check in; after closing the live figures count them.
    t.clock.now = new Date('2026-06-02T00:30:00Z');
    await checkIn(1);
    await checkIn(2);
    t.clock.now = new Date('2026-06-02T10:00:00Z');
    const after = (await (await rc.unitAdmin.login()).get(`/api/reports/${r.id}`)).json();
    expect(after.versions[0].figures).toEqual(frozen);
    expect(rate(after.liveFigures)).not.toEqual(rate(frozen));
  });
});

describe('district roll-up (property over random trees)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("a district's frozen figures equal the roll-up of its units' figures", async () => {
    const statuses = ['draft', 'submitted', 'approved', 'open', 'running', 'closed'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.tuple(fc.constantFrom(...statuses), fc.integer({ min: 5, max: 60 })), { maxLength: 3 }), {
          minLength: 1,
          maxLength: 4,
        }),
        async (units) => {
          const db = t.database.db;
          const now = t.clock.now;
          const campaignId = (await buildReportingCampaign(db, t.rootId, now)).id;
          const district = (await buildOrg(db, { parentId: t.rootId })).id;
          const unitIds: number[] = [];
          for (const classes of units) {
            const unit = (await buildOrg(db, { parentId: district })).id;
            unitIds.push(unit);
            for (const [status, capacity] of classes)
              await buildClassFor(db, { campaignId, unitId: unit, status, capacity, now });
          }
          // Make sure the district owes reports (at least one participating unit).
          await buildClassFor(db, { campaignId, unitId: unitIds[0] ?? 0, status: 'approved', now });
          const admin = await t.agent(
            (await buildUser(db, { role: 'district_admin', orgId: district })).username,
            PASSWORD,
          );
          let r = (
            await admin.post('/api/reports', { campaignId, orgId: district, type: 'monthly', period: '2026-06' })
          ).json();
          r = (
            await admin.put(`/api/reports/${r.id}/draft`, { sections: filled(r.headings), version: r.version })
          ).json();
          r = (await admin.post(`/api/reports/${r.id}/submit`, { version: r.version })).json();
          const asOf = r.versions[0].asOf;
          const perUnit = await unitFigures(db, { campaignId, unitIds, asOf });
          const expected = freezeFigures(rollUp([...perUnit.values()]), asOf);
          expect(r.versions[0].figures).toEqual(JSON.parse(JSON.stringify(expected)));
          // The breakdown lists the units taking part (a class beyond a draft); its totals are their roll-up.
          const listed = unitIds.filter((_id, i) => i === 0 || (units[i] ?? []).some(([status]) => status !== 'draft'));
          expect(r.breakdown.rows.map((x: { orgId: number }) => x.orgId).sort()).toEqual([...listed].sort());
          const listedFigures = listed.map((id) => perUnit.get(id) ?? []);
          expect(r.breakdown.totals).toEqual(freezeFigures(rollUp(listedFigures), asOf).map((f) => f.value));
        },
      ),
      // The example: a unit with only a draft class is not listed, but its draft counts for the district.
      { numRuns: 4, examples: [[[[], [['draft', 5]]]]] },
    );
  });
});

describe('reports.reminders job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reminds 3 days and 1 day before, then tells the level above once overdue — each once, however often it runs', async () => {
    const db = t.database.db;
    const at = (china: string) => new Date(`${china}+08:00`);
    const campaignId = (await buildReportingCampaign(db, t.rootId, at('2026-04-01T09:00:00'))).id;
    const district = (await buildOrg(db, { parentId: t.rootId })).id;
    const unitA = (await buildOrg(db, { parentId: district })).id;
    const unitB = (await buildOrg(db, { parentId: district })).id;
    await buildClassFor(db, { campaignId, unitId: unitA, status: 'submitted', now: at('2026-04-01T09:00:00') });
    await buildClassFor(db, { campaignId, unitId: unitB, status: 'submitted', now: at('2026-04-01T09:00:00') });
    const adminA = await buildUser(db, { role: 'unit_admin', orgId: unitA });
    const districtAdmin = await buildUser(db, { role: 'district_admin', orgId: district });
    const planReminders = async () =>
      (
        await db
          .select({ orgId: reportReminders.orgId, kind: reportReminders.kind })
          .from(reportReminders)
          .where(and(eq(reportReminders.campaignId, campaignId), eq(reportReminders.type, 'plan')))
      )
        .map((r) => `${r.orgId}:${r.kind}`)
        .sort();
    const inbox = async (userId: number, kind: string) =>
      (
        await db
          .select()
          .from(notifications)
          .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)))
      ).length;

    // 10 days before: nothing.
    await reportRemindersJob.handler(db, at('2026-04-10T09:00:00'));
    expect(await planReminders()).toEqual([]);
    // 3 days before (17 April, China), twice: each organisation once.
    await reportRemindersJob.handler(db, at('2026-04-17T08:00:00'));
    await reportRemindersJob.handler(db, at('2026-04-17T09:00:00'));
    expect(await planReminders()).toEqual([`${district}:due_in_3`, `${unitA}:due_in_3`, `${unitB}:due_in_3`].sort());
    expect(await inbox(adminA.id, 'report.due')).toBe(1);

    // Unit B submits on the 19th; then 1 day before, twice.
    const adminB = await buildUser(db, { role: 'unit_admin', orgId: unitB });
    t.clock.now = at('2026-04-19T10:00:00');
    const agentB = await t.agent(adminB.username, PASSWORD);
    let r = (await agentB.post('/api/reports', { campaignId, orgId: unitB, type: 'plan' })).json();
    r = (await agentB.put(`/api/reports/${r.id}/draft`, { sections: filled(r.headings), version: r.version })).json();
    expect((await agentB.post(`/api/reports/${r.id}/submit`, { version: r.version })).json().state).toBe('on_time');
    await reportRemindersJob.handler(db, at('2026-04-19T10:30:00'));
    await reportRemindersJob.handler(db, at('2026-04-19T23:59:00'));
    expect(await inbox(adminA.id, 'report.due')).toBe(2);
    expect(await planReminders()).toContain(`${unitA}:due_in_1`);
    expect(await planReminders()).not.toContain(`${unitB}:due_in_1`);

    // Midnight in China on the due date's end: the 20th is still in time; the 21st is overdue.
    await reportRemindersJob.handler(db, at('2026-04-20T23:59:00'));
    expect(await inbox(districtAdmin.id, 'report.overdue')).toBe(0);
    await reportRemindersJob.handler(db, at('2026-04-21T00:01:00'));
    await reportRemindersJob.handler(db, at('2026-04-22T09:00:00'));
    expect(await inbox(districtAdmin.id, 'report.overdue')).toBe(1); // unit A, to its district, once
    expect(await planReminders()).toEqual(
      [
        `${district}:due_in_3`,
        `${district}:due_in_1`,
        `${district}:overdue`,
        `${unitA}:due_in_3`,
        `${unitA}:due_in_1`,
        `${unitA}:overdue`,
        `${unitB}:due_in_3`,
      ].sort(),
    );
  });
});
