/**
 * Counting a workbook's rows and cells in its raw sheet XML, before ExcelJS builds an object for each: a byte scan
 * (native `indexOf`, linear in the sheet's size) that never builds the sheet in memory. Every entry is inflated here
 * no larger than it declared, so a directory that lies is refused before ExcelJS inflates it without a bound.
 */
import { refusals, type XlsxLimits } from './limits.js';
import { inflateEntry, type ZipEntry } from './zip.js';

/** The worksheets ExcelJS reads (the same pattern its loader matches). */
const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml$/;

export interface SheetCount {
  /** Rows holding a value, an inline string or a formula: what the importers read. */
  valueRows: number;
  /** Every `<row>` element, formatted empty ones included. */
  rowElements: number;
  /** Every `<c>` element. */
  cells: number;
  /** The sheet row number of the first row with content past `maxRows`, if any. */
  firstOverRow: number | null;
}

const ROW_OPEN = Buffer.from('<row');
const ROW_CLOSE = Buffer.from('</row>');
const CELL_OPEN = Buffer.from('<c');
const VALUE = Buffer.from('<v');
const INLINE = Buffer.from('<is>');
const FORMULA = Buffer.from('<f');
const R_ATTR = /\sr\s*=\s*["'](\d+)["']/;

const isNameEnd = (byte: number | undefined) =>
  byte === 0x20 || byte === 0x3e || byte === 0x2f || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** The next occurrence of a needle at or after `from`, remembering the last answer so a scan stays linear. */
function finder(hay: Buffer, needle: Buffer) {
  let from = -1;
  let at = -1;
  return (start: number) => {
    if (from < 0 || start < from || (at >= 0 && at < start)) {
      from = start;
      at = hay.indexOf(needle, start);
    }
    return at < 0 ? Number.POSITIVE_INFINITY : at;
  };
}

/** Counts one sheet's rows and cells; `maxRows` only decides `firstOverRow`. */
export function countSheet(xml: Buffer, maxRows: number): SheetCount {
  const nextValue = finder(xml, VALUE);
  const nextInline = finder(xml, INLINE);
  const nextFormula = finder(xml, FORMULA);
  let valueRows = 0;
  let rowElements = 0;
  let cells = 0;
  let firstOverRow: number | null = null;
  let rowNumber = 0;
  let pos = 0;
  for (;;) {
    const start = xml.indexOf(ROW_OPEN, pos);
    if (start < 0) break;
    if (!isNameEnd(xml[start + ROW_OPEN.length])) {
      pos = start + ROW_OPEN.length; // <rowBreaks>, <rowFields>…
      continue;
    }
    const tagEnd = xml.indexOf(0x3e, start);
    if (tagEnd < 0) break;
    rowElements++;
    const r = R_ATTR.exec(xml.toString('latin1', start, tagEnd));
    rowNumber = r ? Number(r[1]) : rowNumber + 1;
    if (xml[tagEnd - 1] === 0x2f) {
      pos = tagEnd + 1;
      continue;
    }
    let rowEnd = xml.indexOf(ROW_CLOSE, tagEnd);
    if (rowEnd < 0) rowEnd = xml.length;
    for (let c = xml.indexOf(CELL_OPEN, tagEnd); c >= 0 && c < rowEnd; c = xml.indexOf(CELL_OPEN, c + 2)) {
      if (isNameEnd(xml[c + 2])) cells++;
    }
    if (nextValue(tagEnd) < rowEnd || nextInline(tagEnd) < rowEnd || nextFormula(tagEnd) < rowEnd) {
      valueRows++;
      if (valueRows === maxRows + 1) firstOverRow = rowNumber;
    }
    pos = rowEnd + ROW_CLOSE.length;
  }
  return { valueRows, rowElements, cells, firstOverRow };
}

const unescapeXml = (s: string) =>
  s.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '',
  );
const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];

/** Sheet file → the name Excel shows, from workbook.xml and its relationships; only for messages. */
function sheetNames(parts: Map<string, Buffer>): Map<string, string> {
  const names = new Map<string, string>();
  const workbook = parts.get('xl/workbook.xml')?.toString('utf8');
  const rels = parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  if (!workbook || !rels) return names;
  const targets = new Map<string, string>();
  for (const tag of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const tag of workbook.match(/<sheet\b[^>]*>/g) ?? []) {
    const name = attr(tag, 'name');
    const id = /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    const target = id ? targets.get(id) : undefined;
    if (name && target) names.set(target, unescapeXml(name));
  }
  return names;
}

/**
 * Inflates every entry within its declared size (refusing one that lies) and holds the sheets to the row and cell
 * limits. Throws XlsxRefusal; returns nothing — after it, ExcelJS may read the file.
 */
export function scanWorkbook(bytes: Uint8Array, entries: ZipEntry[], limits: XlsxLimits): void {
  const sheets: { name: string; xml: Buffer }[] = [];
  const parts = new Map<string, Buffer>();
  for (const e of entries) {
    const data = inflateEntry(bytes, e);
    const name = e.name.startsWith('/') ? e.name.slice(1) : e.name;
    if (WORKSHEET.test(name)) sheets.push({ name, xml: data });
    else if (name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels') parts.set(name, data);
  }
  const names = sheetNames(parts);
  let rowElements = 0;
  let cells = 0;
  for (const s of sheets) {
    const count = countSheet(s.xml, limits.maxRows);
    if (count.firstOverRow !== null) {
      const shown = names.get(s.name) ?? s.name.replace(/^.*\//, '');
      throw refusals.rows(shown, count.firstOverRow, count.valueRows, limits.maxRows);
    }
    rowElements += count.rowElements;
    cells += count.cells;
  }
  if (rowElements > limits.maxRowElements) throw refusals.rowElements(rowElements, limits.maxRowElements);
  if (cells > limits.maxCells) throw refusals.cells(cells, limits.maxCells);
}
