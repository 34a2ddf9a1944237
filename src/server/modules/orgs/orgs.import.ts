/**
 * Importing grassroots units from the .xlsx template the page offers. The whole file is checked first; every bad
 * cell is reported with its row and column, and nothing is written unless the file is clean (one transaction).
 */
import ExcelJS from 'exceljs';
import { isValidCreditCode, normalizeCreditCode } from '../../../domain/org/creditCode.js';
import { isValidDivisionCode, UNIT_TYPE_LABELS, UNIT_TYPES, type UnitType } from '../../../domain/org/orgKinds.js';
import { normalizeMobile } from '../../../domain/people/mask.js';
import {
  type CellValue,
  cellAt,
  columnLetter,
  type PlainWorkbook,
  XLSX_LIMITS,
  type XlsxLimits,
  XlsxRefusal,
} from '../../../domain/xlsx/index.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, orgPolicy } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { AppError, type Bilingual, notFound } from '../../errors.js';
import { readUploadedWorkbook } from '../../xlsx/read.js';
import { creditCodesTaken, listVisibleOrgs, type OrgRow } from './orgs.repo.js';
import { asRef, insertOrg } from './orgs.service.js';

export const TEMPLATE_COLUMNS = [
  { key: 'name', header: '单位名称*', en: 'Unit name', width: 30 },
  { key: 'unitType', header: '单位类型*', en: 'Unit type', width: 12 },
  { key: 'creditCode', header: '统一社会信用代码*', en: 'Credit code', width: 22 },
  { key: 'parentName', header: '上级工会', en: 'Parent union', width: 20 },
  { key: 'divisionCode', header: '行政区划代码', en: 'Division code', width: 14 },
  { key: 'address', header: '地址', en: 'Address', width: 30 },
  { key: 'contactName', header: '联系人', en: 'Contact', width: 12 },
  { key: 'contactPhone', header: '联系电话', en: 'Contact phone', width: 16 },
] as const;
type ColumnKey = (typeof TEMPLATE_COLUMNS)[number]['key'];

/**
 * What a units workbook may cost to read: a district or industry union has hundreds of grassroots units, a large
 * city's whole list a few thousand; 5,000 rows with content (header included) per sheet. Larger lists go in
 * batches, one per district.
 */
export const UNITS_READ_LIMITS: XlsxLimits = { ...XLSX_LIMITS, maxRows: 5000 };

export interface ImportError {
  row: number;
  column: string;
  message: Bilingual;
}

export async function buildImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基层单位');
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const types = UNIT_TYPES.map((t) => UNIT_TYPE_LABELS[t].zh).join(',');
  for (let r = 2; r <= 1000; r++) {
    ws.getCell(`B${r}`).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${types}"`] };
    ws.getCell(`C${r}`).numFmt = '@';
    ws.getCell(`E${r}`).numFmt = '@';
    ws.getCell(`H${r}`).numFmt = '@';
  }
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 20 }, { width: 80 }];
  help.addRows([
    ['列', '说明'],
    ['单位名称*', '必填，2–100 字'],
    ['单位类型*', `必填，取值：${types}`],
    ['统一社会信用代码*', '必填，18 位，系统校验校验位'],
    ['上级工会', '选填，填写区县/产业工会名称；留空则导入到页面所选的上级组织下'],
    ['行政区划代码', '选填，6 位数字，如 110105'],
    ['联系电话', '选填，手机号或座机（如 010-12345678）'],
  ]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result).trim();
    return '';
  }
  return String(v).trim();
}

const normHeader = (h: string) => h.replace(/[\s*＊]/g, '');
const TYPE_BY_LABEL = new Map<string, UnitType>(
  UNIT_TYPES.flatMap((t) => [
    [UNIT_TYPE_LABELS[t].zh, t],
    [t, t],
    [UNIT_TYPE_LABELS[t].en.toLowerCase(), t],
  ]),
);
TYPE_BY_LABEL.set('事业', 'institution');

export interface ParsedUnit {
  row: number;
  name: string;
  unitType: UnitType;
  creditCode: string;
  parentName: string;
  divisionCode: string | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
}

const fileError = (message: Bilingual): { rows: ParsedUnit[]; errors: ImportError[] } => ({
  rows: [],
  errors: [{ row: 0, column: '', message }],
});

/**
 * Reads the file (off the event loop, within UNITS_READ_LIMITS) and checks it; returns the clean rows or every error
 * found. Throws IMPORT_BUSY (503) when the server is already reading as many workbooks as it reads at once.
 */
export async function parseUnitsWorkbook(buf: Buffer): Promise<{ rows: ParsedUnit[]; errors: ImportError[] }> {
  let wb: PlainWorkbook;
  try {
    wb = await readUploadedWorkbook(buf, UNITS_READ_LIMITS);
  } catch (e) {
    if (!(e instanceof XlsxRefusal)) throw e;
    if (e.reason !== 'unreadable') return fileError(e.localized);
    return fileError({
      zh: '无法读取文件：请上传 .xlsx 格式的模板文件',
      en: 'Cannot read the file: upload the .xlsx template',
    });
  }
  return checkUnitsWorkbook(wb);
}

/** Checks a units workbook already read: the first sheet, its header in row 1, every row after it. */
export function checkUnitsWorkbook(wb: PlainWorkbook): { rows: ParsedUnit[]; errors: ImportError[] } {
  const ws = wb.sheets[0];
  if (!ws) return fileError({ zh: '文件中没有工作表', en: 'The file has no worksheet' });
  const headerRow = ws.rows[0]?.number === 1 ? ws.rows[0] : undefined;
  const colOf = new Map<ColumnKey, number>();
  for (const [col, value] of headerRow?.cells ?? []) {
    const h = normHeader(cellText(value));
    const spec = TEMPLATE_COLUMNS.find((c) => normHeader(c.header) === h);
    if (spec) colOf.set(spec.key, col);
  }
  const errors: ImportError[] = [];
  const letter = (key: ColumnKey) => {
    const c = colOf.get(key);
    return c ? columnLetter(c) : (TEMPLATE_COLUMNS.find((t) => t.key === key)?.header ?? key);
  };
  for (const required of ['name', 'unitType', 'creditCode'] as const) {
    if (!colOf.has(required)) {
      const h = TEMPLATE_COLUMNS.find((t) => t.key === required)?.header ?? required;
      errors.push({
        row: 1,
        column: h,
        message: { zh: `缺少表头「${h}」，请使用下载的模板`, en: `Missing header "${h}"; use the downloaded template` },
      });
    }
  }
  if (errors.length) return { rows: [], errors };

  const rows: ParsedUnit[] = [];
  const seenCodes = new Map<string, number>();
  const seenNames = new Map<string, number>();
  for (const row of ws.rows) {
    const r = row.number;
    if (r === 1) continue;
    const get = (k: ColumnKey) => {
      const c = colOf.get(k);
      return c ? cellText(cellAt(row, c)) : '';
    };
    const values = TEMPLATE_COLUMNS.map((c) => get(c.key));
    if (values.every((v) => v === '')) continue;
    const err = (k: ColumnKey, zh: string, en: string) =>
      errors.push({ row: r, column: letter(k), message: { zh, en } });

    const name = get('name');
    if (name.length < 2 || name.length > 100)
      err('name', '单位名称必填，2–100 字', 'The unit name is required (2–100 characters)');
    const typeText = get('unitType');
    const unitType = TYPE_BY_LABEL.get(typeText) ?? TYPE_BY_LABEL.get(typeText.toLowerCase());
    if (!unitType) err('unitType', `单位类型「${typeText}」无效`, `Unknown unit type "${typeText}"`);
    const creditCode = normalizeCreditCode(get('creditCode'));
    if (!creditCode) err('creditCode', '统一社会信用代码必填', 'The credit code is required');
    else if (!isValidCreditCode(creditCode))
      err('creditCode', `统一社会信用代码「${creditCode}」校验失败`, `Credit code "${creditCode}" fails its checksum`);
    else if (seenCodes.has(creditCode))
      err(
        'creditCode',
        `统一社会信用代码与第 ${seenCodes.get(creditCode)} 行重复`,
        `Credit code duplicates row ${seenCodes.get(creditCode)}`,
      );
    else seenCodes.set(creditCode, r);
    const parentName = get('parentName');
    const nameKey = `${parentName}\u0000${name}`;
    if (name && seenNames.has(nameKey))
      err(
        'name',
        `单位名称与第 ${seenNames.get(nameKey)} 行重复`,
        `The unit name duplicates row ${seenNames.get(nameKey)}`,
      );
    else if (name) seenNames.set(nameKey, r);
    const divisionCode = get('divisionCode') || null;
    if (divisionCode && !isValidDivisionCode(divisionCode))
      err('divisionCode', '行政区划代码须为 6 位数字', 'The division code must be 6 digits');
    const phoneRaw = get('contactPhone');
    const phone = phoneRaw
      ? (normalizeMobile(phoneRaw) ?? (/^0\d{2,3}-?\d{7,8}$/.test(phoneRaw) ? phoneRaw : null))
      : null;
    if (phoneRaw && !phone)
      err('contactPhone', `联系电话「${phoneRaw}」格式不正确`, `Phone "${phoneRaw}" is not valid`);
    if (unitType) {
      rows.push({
        row: r,
        name,
        unitType,
        creditCode,
        parentName,
        divisionCode,
        address: get('address') || null,
        contactName: get('contactName') || null,
        contactPhone: phone,
      });
    }
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ row: 2, column: 'A', message: { zh: '文件中没有数据行', en: 'The file has no data rows' } });
  }
  return { rows, errors };
}

/**
 * Imports the units under `defaultParentId`, or under the union named in a row's 上级工会 column. Throws
 * IMPORT_INVALID (422) with every row error, and writes nothing, unless all rows are good.
 */
export async function importUnits(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  defaultParentId: number,
  buf: Buffer,
): Promise<number[]> {
  const { rows, errors } = await parseUnitsWorkbook(buf);
  const fail = (list: ImportError[]) => {
    const sorted = [...list].sort((a, b) => a.row - b.row);
    throw new AppError(
      'IMPORT_INVALID',
      { count: sorted.length },
      {
        details: sorted.map((e) => ({
          row: e.row,
          column: e.column,
          message: ctx.lang === 'en' ? e.message.en : e.message.zh,
        })),
      },
    );
  };
  return db.transaction(async (tx) => {
    const { rows: unions } = await listVisibleOrgs(tx, actor, { page: 1, pageSize: 10_000, includeInactive: false });
    const byId = new Map<number, OrgRow>(unions.map((o) => [o.id, o]));
    const defaultParent = byId.get(defaultParentId);
    authorize(!!defaultParent, false);
    const parentsByName = new Map(
      unions.filter((o) => o.kind === 'district' || o.kind === 'industry').map((o) => [o.name, o]),
    );
    // One query for the whole file: a query per row held a 5,000-row file's answer (and, on PGlite, whose queries
    // run on the event loop, every other request) for seconds.
    const taken = await creditCodesTaken(
      tx,
      rows.map((r) => r.creditCode),
    );
    const plan: { row: ParsedUnit; parent: OrgRow }[] = [];
    for (const r of rows) {
      const parent = r.parentName ? parentsByName.get(r.parentName) : defaultParent;
      const col = 'D';
      if (!parent) {
        errors.push({
          row: r.row,
          column: col,
          message: {
            zh: `找不到上级工会「${r.parentName}」或无权在其下建立单位`,
            en: `No parent union "${r.parentName}" you may add units to`,
          },
        });
      } else if (!orgPolicy.createChild(actor, asRef(parent), 'unit')) {
        errors.push({
          row: r.row,
          column: col,
          message: { zh: `不能在「${parent.name}」下建立基层单位`, en: `Units cannot be added under "${parent.name}"` },
        });
      } else if (taken.has(r.creditCode)) {
        errors.push({
          row: r.row,
          column: 'C',
          message: {
            zh: `统一社会信用代码 ${r.creditCode} 已存在于系统中`,
            en: `Credit code ${r.creditCode} already exists`,
          },
        });
      } else plan.push({ row: r, parent });
    }
    if (!defaultParent) throw notFound();
    if (errors.length) fail(errors);
    const ids: number[] = [];
    for (const { row, parent } of plan) {
      // PGlite runs the database on this thread and its queries resolve without giving I/O a turn: a 5,000-unit
      // file held every other request, /healthz included, for its whole length. A turn every 50 units lets
      // requests that need no database through (those that do wait for this transaction either way).
      if (ids.length % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
      const o = await insertOrg(tx, ctx, parent, {
        kind: 'unit',
        name: row.name,
        unitType: row.unitType,
        creditCode: row.creditCode,
        divisionCode: row.divisionCode,
        address: row.address,
        contactName: row.contactName,
        contactPhone: row.contactPhone,
      });
      ids.push(o.id);
    }
    return ids;
  });
}
