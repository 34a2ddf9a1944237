/**
 * The official calendar for next year (issue 12): the city enters or imports the State Council's schedule for a
 * year the bundled data does not know; entered dates count wherever working days are counted, and a year known
 * neither way is said plainly (`scale.minWorkingDays` warns, the coverage read names the year).
 */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/context.js';
import { auditLog } from '../../src/server/db/schema.js';
import { evaluateClassById } from '../../src/server/modules/compliance/compliance.service.js';
import { unsafeDailyClassById } from '../../src/server/modules/daily/daily.context.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { buildOpenClass } from '../support/families.js';
import { multipart } from '../support/xlsx.js';

// 国务院办公厅 2027 schedule as a city would paste it (illustrative: National Day 10-01..07, make-up 09-26 and 10-09).
const LIST_2027 = `# 2027 年部分节假日安排
2027-01-01 休
2027-10-01~2027-10-07 休
2027-09-26 班
2027-10-09 班`;

describe('the national calendar', () => {
  let t: TestApp;
  let city: Agent;
  let unitAdmin: Agent;
  let unitId: number;
  let campaignId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    const d = await buildOrg(db, { parentId: t.rootId });
    unitId = (await buildOrg(db, { parentId: d.id })).id;
    unitAdmin = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitId })).username, PASSWORD);
    campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2027, name: '2027暑期' })).json().id;
  });
  afterAll(() => t.close());

  it('401 anonymous, 403 for anyone but the city, 400 for dates outside the year or listed twice', async () => {
    expect((await t.anonymous().get('/api/calendar')).statusCode).toBe(401);
    const body = { holidays: ['2027-10-01'], workdays: [] };
    expect((await unitAdmin.put('/api/calendar/2027', body)).statusCode).toBe(403);
    expect((await unitAdmin.post('/api/calendar/2027/import', { text: LIST_2027 })).statusCode).toBe(403);
    const list = (await unitAdmin.get('/api/calendar')).json();
    expect(list.abilities).toEqual({ manage: false });
    const outside = await city.put('/api/calendar/2027', { holidays: ['2028-01-01'], workdays: [] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details).toEqual([{ path: 'body.holidays.0', message: expect.stringContaining('2027') }]);
    const both = await city.put('/api/calendar/2027', { holidays: ['2027-10-01'], workdays: ['2027-10-01'] });
    expect(both.statusCode).toBe(400);
    expect(both.json().details[0].path).toBe('body.workdays.0');
    expect((await city.put('/api/calendar/2027', { holidays: ['2027-02-30'], workdays: [] })).statusCode).toBe(400);
    expect((await city.put('/api/calendar/1999', body)).statusCode).toBe(400);
    // A pasted line that cannot be read is refused with its line number, never guessed.
    const bad = await city.post('/api/calendar/2027/import', { text: '2027-10-01 休\n2027-10-08 上午' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('第 2 行');
  });

  it('a 2027 class warns until the city enters 2027; then entered holidays and make-up days count', async () => {
    const db = t.database.db;
    // 2027-09-27..10-22 has 20 weekdays; with National Day off (5 weekdays) and Saturday 10-09 worked: 16.
    const cls = await buildOpenClass(db, {
      campaignId,
      orgId: unitId,
      capacity: 20,
      startDate: '2027-09-27',
      endDate: '2027-10-22',
      name: '2027秋季班',
    });
    const rule = async () => {
      const detail = (await city.get(`/api/classes/${cls.id}`)).json();
      return detail.verdict.rules.find((r: { id: string }) => r.id === 'scale.minWorkingDays');
    };
    await db.transaction((tx) => evaluateClassById(tx, systemContext(t.clock.now), cls.id, 'test'));
    const before = await rule();
    expect(before.status).toBe('warn');
    expect(before.facts).toMatchObject({ workingDays: 20, calendarCovered: false, uncoveredYears: [2027] });
    expect(before.fix.zh).toContain('节假日日历');
    const coverage = await unitAdmin.get('/api/calendar/coverage?start=2027-09-27&end=2027-10-22');
    expect(coverage.json()).toEqual({ uncoveredYears: [2027] });
    const listed = (await city.get('/api/calendar')).json();
    expect(listed.abilities).toEqual({ manage: true });
    expect(listed.years.find((y: { year: number }) => y.year === 2027)).toMatchObject({
      bundled: false,
      covered: false,
      entered: null,
    });
    expect(listed.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({ bundled: true });

    // A dry run shows what was read without saving it.
    const dry = await city.post('/api/calendar/2027/import?dryRun=1', { text: LIST_2027 });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().entered.holidays).toHaveLength(8);
    expect((await city.get('/api/calendar/2027')).json().entered).toBeNull();

    const saved = await city.post('/api/calendar/2027/import', { text: LIST_2027 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      year: 2027,
      covered: true,
      entered: { workdays: ['2027-09-26', '2027-10-09'] },
      recheckedCampaigns: 1,
    });
    // Saving re-checked the campaign's classes in the same transaction: the rule now counts real working days.
    const after = await rule();
    expect(after.status).toBe('fail');
    expect(after.facts).toMatchObject({ workingDays: 16, calendarCovered: true, uncoveredYears: [] });
    expect((await unitAdmin.get('/api/calendar/coverage?start=2027-09-27&end=2027-10-22')).json()).toEqual({
      uncoveredYears: [],
    });
    const [ev] = await db.select().from(auditLog).where(eq(auditLog.action, 'calendar.save'));
    expect(ev).toMatchObject({ entity: 'calendar', entityId: '2027' });

    // The daily records count the same class days: a holiday is not one, a make-up Saturday is.
    const daily = await unsafeDailyClassById(db, cls.id);
    expect(daily?.isClassDay('2027-10-04')).toBe(false);
    expect(daily?.isClassDay('2027-10-09')).toBe(true);
    expect(daily?.isClassDay('2027-09-27')).toBe(true);

    // Clearing the year brings the warning back.
    expect((await city.put('/api/calendar/2027', { holidays: [], workdays: [] })).json().entered).toBeNull();
    expect((await rule()).status).toBe('warn');
  });

  it('imports a simple spreadsheet (date | 休/班)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2028');
    ws.addRow(['日期', '类型']);
    ws.addRow([new Date(Date.UTC(2028, 0, 1)), '休']);
    ws.addRow(['2028-10-01~2028-10-07', '休']);
    ws.addRow(['2028-10-08', '班']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const { body, contentType } = multipart(bytes, '2028节假日.xlsx');
    const r = await city.request('POST', '/api/calendar/2028/xlsx', body, { 'content-type': contentType });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().entered).toMatchObject({ workdays: ['2028-10-08'] });
    expect(r.json().entered.holidays).toHaveLength(8);
  });
});
