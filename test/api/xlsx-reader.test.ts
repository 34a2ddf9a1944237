// The server's off-thread workbook reader (src/server/xlsx/read.ts) on its own: a file that passes every count and
// still swells the reader ends the reader process at its heap limit, never this one (a worker thread's limit could
// abort the whole process: it did here about one run in three); a reader past its deadline is stopped; the
// concurrency cap answers IMPORT_BUSY and frees its slots whatever happened.
import { describe, expect, it } from 'vitest';
import { XLSX_LIMITS, type XlsxLimits, XlsxRefusal } from '../../src/domain/xlsx/index.js';
import { AppError } from '../../src/server/errors.js';
import {
  MAX_CONCURRENT_READS,
  READ_OPTIONS,
  readsInProgress,
  readUploadedWorkbook,
} from '../../src/server/xlsx/read.js';
import { buildZip, sheetXml, xlsxBomb, xlsxParts } from '../support/zip.js';

const limits: XlsxLimits = { ...XLSX_LIMITS, maxRows: 50_000 };
const rows = (n: number) => buildZip(xlsxParts(sheetXml(n, (r) => [`单位${r}`, '企业', `代码${r}`])));

async function refusalOf(p: Promise<unknown>): Promise<XlsxRefusal> {
  try {
    await p;
  } catch (e) {
    if (e instanceof XlsxRefusal) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('the off-thread workbook reader', () => {
  it('reads a workbook in a child process: plain rows with their cells', async () => {
    const wb = await readUploadedWorkbook(rows(3), limits);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(wb.sheets[0]?.rows[2]).toEqual({
      number: 3,
      cells: [
        [1, '单位3'],
        [2, '企业'],
        [3, '代码3'],
      ],
    });
    expect(readsInProgress()).toBe(0);
  });

  it('a workbook that swells past the heap limit ends the reader, not this process, every time', async () => {
    const heavy = rows(30_000); // 90,000 cells: under every count, far over a 32 MB heap once ExcelJS builds it
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 3; i++) {
      const r = await refusalOf(readUploadedWorkbook(heavy, limits, { memoryMb: 32, timeoutMs: 30_000 }));
      expect(r.reason).toBe('memory');
      expect(r.localized.zh).toContain('内存上限（32 MB）');
    }
    // The reader's heap went with it; this process did not grow by what the reader held.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    expect(readsInProgress()).toBe(0);
    // And the reader still works.
    expect((await readUploadedWorkbook(rows(2), limits)).sheets[0]?.rows).toHaveLength(2);
  });

  it('a read past its deadline is stopped with a clear refusal', async () => {
    const r = await refusalOf(readUploadedWorkbook(rows(2000), limits, { ...READ_OPTIONS, timeoutMs: 50 }));
    expect(r.reason).toBe('timeout');
    expect(r.localized.en).toContain('took over 0 s');
    expect(readsInProgress()).toBe(0);
  });

  it(`at most ${MAX_CONCURRENT_READS} at once: the next hears IMPORT_BUSY (a bomb is still refused first)`, async () => {
    const running = Array.from({ length: MAX_CONCURRENT_READS }, () => readUploadedWorkbook(rows(500), limits));
    expect(readsInProgress()).toBe(MAX_CONCURRENT_READS);
    const busy = await readUploadedWorkbook(rows(2), limits).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(AppError);
    expect(busy).toMatchObject({ code: 'IMPORT_BUSY', statusCode: 503, headers: { 'retry-after': '10' } });
    expect((await refusalOf(readUploadedWorkbook(xlsxBomb(64 * 1024 * 1024), limits))).reason).toBe('too-large');
    for (const wb of await Promise.all(running)) expect(wb.sheets[0]?.rows).toHaveLength(500);
    expect(readsInProgress()).toBe(0);
  });
});
