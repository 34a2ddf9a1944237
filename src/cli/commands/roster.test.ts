// `tuoguan roster`, driven through run() with in-memory streams and workbooks written to a temporary directory:
// the exit codes (0 clean, 1 bad cells, 2 unreadable file; bad arguments throw UsageError for the dispatcher) and
// the JSON shape on stdout.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../domain/people/residentId.js';
import { UsageError } from '../command.js';
import roster from './roster.js';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

async function run(argv: string[]) {
  const out = sink();
  const err = sink();
  const code = await roster.run(argv, { stdout: out.stream, stderr: err.stream, stdin: Readable.from([]) });
  return { code, stdout: out.text(), stderr: err.text() };
}

const tmp = mkdtempSync(join(tmpdir(), 'roster-'));
const ID = `11010520150307123${residentIdCheckChar('11010520150307123')}`;
const HEADERS = ['姓名*', '出生日期*', '身份证号', '年级*', '自理能力', '监护人姓名*', '监护人手机*'];

async function workbook(name: string, rows: ExcelJS.CellValue[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  const p = join(tmp, name);
  writeFileSync(p, Buffer.from(await wb.xlsx.writeBuffer()));
  return p;
}

describe('tuoguan roster', () => {
  it('is a command object the dispatcher can load', () => {
    expect(roster.name).toBe('roster');
    expect(roster.summary).toBeTruthy();
    expect(roster.usage.length).toBeLessThanOrEqual(62);
  });

  it('check, clean file → exit 0 and {"rows", "errors": []} on stdout', async () => {
    const file = await workbook('clean.xlsx', [
      ['王小明', 42070, ID, '一年级', null, '王大明', '+86 138 0013 8000'],
      ['李小红', '2016年9月1日', null, '大班', '是', '李母', '139-0013-9000'],
    ]);
    const r = await run(['check', file, '--as-of', '2021-07-10']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.errors).toEqual([]);
    expect(json.rows).toEqual([
      expect.objectContaining({ row: 2, name: '王小明', birthDate: '2015-03-07', idNumber: ID, gender: 'M', grade: 1 }),
      expect.objectContaining({ row: 3, name: '李小红', birthDate: '2016-09-01', grade: 'K', selfCare: true }),
    ]);
    expect(json.rows[0].guardianPhone).toBe('13800138000');
  });

  it('check, bad cells → exit 1 with row, column letter, zh message and en', async () => {
    const file = await workbook('bad.xlsx', [
      ['王小明', '2015-03-07', 1.10105201503071e17, '一年级', null, '王大明', '13800138000'],
      ['李小红', '2016-09-01', null, '大班', null, '李母', '13900139000'],
    ]);
    const r = await run(['check', file, '--as-of', '2021-07-10']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.rows).toEqual([]);
    expect(json.errors).toEqual([
      { row: 2, column: 'C', message: expect.stringContaining('文本'), en: expect.stringContaining('Text') },
      { row: 3, column: 'E', message: expect.stringContaining('自理能力'), en: expect.stringContaining('self-care') },
    ]);
  });

  it('check, a workbook with no children → exit 1', async () => {
    const r = await run(['check', await workbook('empty.xlsx', [])]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({ row: 0, column: '' });
  });

  it('check, not an .xlsx or missing → exit 2, message on stderr, nothing on stdout', async () => {
    const csv = join(tmp, 'roster.csv');
    writeFileSync(csv, '姓名,年级\n张三,一年级\n');
    let r = await run(['check', csv]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('.xlsx');

    r = await run(['check', join(tmp, 'nope.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('cannot read');
  });

  it('template writes a workbook that check reads as "no children", and refuses to overwrite', async () => {
    const file = join(tmp, 'template.xlsx');
    let r = await run(['template', file]);
    expect(r.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    const check = await run(['check', file]);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).errors).toHaveLength(1);

    r = await run(['template', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--force');
    r = await run(['template', file, '--force']);
    expect(r.code).toBe(0);
  });

  it('bad arguments throw UsageError (the dispatcher prints usage and exits 2)', async () => {
    for (const argv of [
      [],
      ['check'],
      ['import', 'a.xlsx'],
      ['check', 'a.xlsx', 'b.xlsx'],
      ['check', 'a.xlsx', '--as-of', '2021-13-01'],
      ['check', 'a.xlsx', '--force'],
      ['template', 'a.xlsx', '--as-of', '2021-07-01'],
      ['check', 'a.xlsx', '--unknown'],
    ]) {
      await expect(run(argv), JSON.stringify(argv)).rejects.toBeInstanceOf(UsageError);
    }
  });

  it('--help → exit 0 with usage on stdout', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes');
  });
});
