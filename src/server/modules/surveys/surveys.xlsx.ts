/**
 * The needs survey's results as an .xlsx workbook an official prints: a sheet for the total, the districts and
 * the units, one row per organisation with the same columns (Chinese headers), demand by week next to planned
 * places, and a totals row on the units and districts sheets.
 */
import ExcelJS from 'exceljs';
import { SURVEY_GRADES } from '../../../domain/surveys/answers.js';
import { DISTANCE_BANDS, END_BANDS, PAY_SHARES, START_BANDS } from '../../../domain/surveys/tally.js';
import type { SurveyResults } from './surveys.schema.js';

type Row = SurveyResults['units'][number] | SurveyResults['districts'][number] | SurveyResults['total'];

const GRADE = (g: string) => (g === 'K' ? '幼儿园' : `${g}年级`);
const DISTANCE: Record<(typeof DISTANCE_BANDS)[number], string> = {
  lt1: '1公里内',
  '1to3': '1–3公里',
  '3to5': '3–5公里',
  '5to10': '5–10公里',
  gt10: '10公里以上',
};
const PAY: Record<(typeof PAY_SHARES)[number], string> = { yes: '愿意分担', no: '不愿分担', unsure: '视情况' };
const START: Record<(typeof START_BANDS)[number], string> = {
  before8: '8点前送',
  '8to9': '8–9点送',
  after9: '9点后送',
};
const END: Record<(typeof END_BANDS)[number], string> = {
  before17: '17点前接',
  '17to18': '17–18点接',
  after18: '18点后接',
};

export function resultColumns(r: SurveyResults): { header: string; value: (x: Row) => number }[] {
  const weekLabel = (w: SurveyResults['weeks'][number], i: number) => `第${i + 1}周（${w.from.slice(5)}起）`;
  return [
    { header: '填写人数', value: (x) => x.respondents },
    { header: '托管需求（孩子数）', value: (x) => x.children },
    ...SURVEY_GRADES.map((g) => ({ header: GRADE(g), value: (x: Row) => x.byGrade[g] ?? 0 })),
    { header: '幼儿园能自理', value: (x) => x.kindergartenSelfCare },
    { header: '计划学位', value: (x) => x.plannedPlaces },
    { header: '最高周需求', value: (x) => x.peakWeek },
    ...r.weeks.map((w, i) => ({ header: weekLabel(w, i), value: (x: Row) => x.byWeek[w.monday] ?? 0 })),
    { header: '需要午餐', value: (x) => x.lunch },
    ...START_BANDS.map((b) => ({ header: START[b], value: (x: Row) => x.start[b] ?? 0 })),
    ...END_BANDS.map((b) => ({ header: END[b], value: (x: Row) => x.end[b] ?? 0 })),
    ...DISTANCE_BANDS.map((b) => ({ header: DISTANCE[b], value: (x: Row) => x.distance[b] ?? 0 })),
    ...PAY_SHARES.map((p) => ({ header: PAY[p], value: (x: Row) => x.payShare[p] ?? 0 })),
  ];
}

export async function resultsWorkbook(r: SurveyResults): Promise<Buffer> {
  const cols = resultColumns(r);
  const wb = new ExcelJS.Workbook();
  wb.creator = '爱心托管服务平台';
  const sheet = (name: string, lead: string[], rows: { lead: (string | number)[]; x: Row }[], totals: boolean) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([`${r.survey.title}（${r.survey.campaignName}）`]).font = { bold: true, size: 13 };
    ws.addRow([...lead, ...cols.map((c) => c.header)]).font = { bold: true };
    for (const row of rows) ws.addRow([...row.lead, ...cols.map((c) => c.value(row.x))]);
    if (totals) {
      const sumRow = ws.addRow([
        '合计',
        ...lead.slice(1).map(() => ''),
        ...cols.map((c) => rows.reduce((n, row) => n + c.value(row.x), 0)),
      ]);
      sumRow.font = { bold: true };
    }
    ws.columns.forEach((col, i) => {
      col.width = i < lead.length ? 24 : 11;
    });
    ws.views = [{ state: 'frozen', ySplit: 2, xSplit: lead.length }];
  };
  sheet(
    '汇总',
    ['范围', '单位数', '已填单位数'],
    [{ lead: ['合计', r.total.units, r.total.respondedUnits], x: r.total }],
    false,
  );
  sheet(
    '按地区',
    ['地区/产业工会', '单位数', '已填单位数'],
    r.districts.map((d) => ({ lead: [d.orgName, d.units, d.respondedUnits], x: d })),
    false,
  );
  sheet(
    '按单位',
    ['基层单位', '所属地区/产业工会'],
    r.units.map((u) => ({ lead: [u.orgName, u.districtName], x: u })),
    true,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
