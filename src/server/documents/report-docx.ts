/**
 * A report as a Word document in the layout of an official document (公文, after GB/T 9704): A4 with the standard
 * margins, the title in 小标宋 二号, headings 一、二、三… in 黑体 三号, the body in 仿宋 三号 on a ~29 pt line with a
 * two-character first-line indent, bordered tables for the figures and for the units below, the review trail, and
 * "— 1 —" page numbers. Pure: a ReportDocument in, the .docx bytes out.
 *
 * Fonts. A .docx names its fonts; the reader's Word or WPS finds them (or not) on its own machine, so the names are
 * the ones GB/T 9704 uses and that officials' machines have: 方正小标宋简体, 黑体, 仿宋_GB2312, 宋体. Each run
 * names one font for ascii, hAnsi and eastAsia alike (digits and Latin letters in 公文 are set in the same face as
 * the Chinese around them). A run cannot carry a fallback list, but the document's font table can: each font gets a
 * `w:altName` list (ECMA-376 §17.8.3.1: "when an application cannot locate a font using the primary name … it should
 * use each alternate name in turn") and its GB2312 charset and family for substitution by metrics after that:
 *   方正小标宋简体 → 华文中宋, STZhongsong, 黑体, SimHei   (a heavy display face; 黑体 is on every Chinese Windows)
 *   黑体 → SimHei
 *   仿宋_GB2312 → 仿宋, FangSong   (Windows since Vista ships 仿宋 but not 仿宋_GB2312; macOS has 仿宋 too)
 *   宋体 → SimSun
 * On a machine with none of them (this server: only Noto Sans/Serif CJK) LibreOffice falls back through fontconfig
 * by family — the serif faces to Noto Serif CJK, 黑体 to Noto Sans CJK — and the zh-CN language on every run makes it
 * choose the simplified-Chinese glyphs. Embedding a CJK font would add 10–20 MB per report, so we don't.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  type IBorderOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { chineseOrdinal, formatCount, formatFigureValue, unitWord } from './figure-format.js';
import type { ReportDocument } from './report-document.js';

const FONT = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋_GB2312',
  pageNumber: '宋体',
} as const;

/** The font table written into the document: the alternates and substitution hints described above. */
const FONT_TABLE: { name: string; alt: string; family: 'roman' | 'modern' }[] = [
  { name: FONT.title, alt: '华文中宋,STZhongsong,黑体,SimHei', family: 'roman' },
  { name: FONT.heading, alt: 'SimHei', family: 'modern' },
  { name: FONT.body, alt: '仿宋,FangSong', family: 'roman' },
  { name: FONT.pageNumber, alt: 'SimSun', family: 'roman' },
];

/** Sizes in half-points, as OOXML counts them: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24, wuhao: 21 } as const;
/** 29 pt in twips: 22 lines of 三号 fill the 225 mm type area, as GB/T 9704 asks. */
const BODY_LINE = 580;
/** Millimetres to twips, rounded (docx's convertMillimetersToTwip floors: A4 would come out 11905 × 16837). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
/** The type area's width: A4 210 mm less the 28 mm left and 26 mm right margins. */
const TEXT_WIDTH = mm(210 - 28 - 26);

const runFont = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, hint: 'eastAsia' });

// ---------------------------------------------------------------------------------------------------- paragraphs

/** A body paragraph: 仿宋 三号, justified, indented two characters (firstLine in twips for readers without firstLineChars). */
function body(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLineChars: 200, firstLine: 2 * 320 },
    children: [new TextRun(text)],
  });
}

function heading(n: number, text: string): Paragraph {
  // A heading the author already numbered ("一、工作开展情况") keeps its words, not its number.
  const words = text.replace(/^\s*[一二三四五六七八九十]+\s*[、.．]\s*/, '').trim();
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${chineseOrdinal(n)}、${words}`)] });
}

const LIST_BULLET = /^\s*[-•·]\s+/;
const LIST_NUMBER = /^\s*\d+\s*[.．、]\s*/;

/** Joins the lines of one paragraph: no space between Chinese characters, one between Latin words. */
function joinLines(lines: string[]): string {
  return lines.reduce((acc, line) => {
    if (!acc) return line;
    const spaced = /[A-Za-z0-9,.;:!?)]$/.test(acc) && /^[A-Za-z0-9(]/.test(line);
    return acc + (spaced ? ' ' : '') + line;
  }, '');
}

/**
 * A section's text as paragraphs: a blank line starts a new paragraph, a line starting "- " is a bullet item (set as
 * "· …", since 公文 have no bullet glyphs), a line starting "1." keeps its number (as "1．", the full-width point of
 * 公文); every paragraph has the two-character indent.
 */
export function sectionParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) out.push(body(joinLines(pending)));
    pending = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) flush();
    else if (LIST_BULLET.test(raw)) {
      flush();
      out.push(body(`· ${raw.replace(LIST_BULLET, '')}`));
    } else if (LIST_NUMBER.test(raw)) {
      flush();
      const n = /\d+/.exec(raw)?.[0] ?? '';
      out.push(body(`${n}．${raw.replace(LIST_NUMBER, '')}`));
    } else pending.push(line);
  }
  flush();
  return out.length ? out : [body('无。')];
}

// -------------------------------------------------------------------------------------------------------- tables

const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

type Align = 'left' | 'center' | 'right';

function cell(text: string, width: number, o: { strong?: boolean; align?: Align; size?: number } = {}): TableCell {
  const alignment =
    o.align === 'right' ? AlignmentType.RIGHT : o.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 100, right: 100 },
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          style: 'TableText',
          alignment,
          children: [
            new TextRun({
              text: line,
              // Header and totals in 黑体 rather than a faux-bold 仿宋, as 公文 tables set them.
              ...(o.strong ? { font: runFont(FONT.heading) } : {}),
              ...(o.size ? { size: o.size } : {}),
            }),
          ],
        }),
    ),
  });
}

function table(
  widths: number[],
  header: string[],
  rows: { cells: string[]; aligns: Align[]; strong?: boolean }[],
  size?: number,
) {
  const at = (i: number) => widths[i] ?? 0;
  const opts = (extra: { strong?: boolean; align?: Align }) => ({ ...extra, ...(size ? { size } : {}) });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    alignment: AlignmentType.CENTER,
    borders: BORDERS,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((h, i) => cell(h, at(i), opts({ strong: true, align: 'center' }))),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.cells.map((c, i) => cell(c, at(i), opts({ strong: r.strong, align: r.aligns[i] ?? 'left' }))),
          }),
      ),
    ],
  });
}

function figuresTable(doc: ReportDocument): Table {
  const widths = [mm(34), mm(32), mm(64), mm(26)];
  return table(
    widths,
    ['指标', '数值', '口径说明', '截至'],
    doc.figures.map((f) => {
      const unit = unitWord(f.unit);
      const value = formatFigureValue(f.value, f.unit) + (f.value !== null && unit ? ` ${unit}` : '');
      // A ratio shows its parts (numerator/denominator), so an official can check it against the source.
      const parts =
        f.numerator !== undefined && f.denominator !== undefined
          ? `\n（${formatCount(f.numerator)}/${formatCount(f.denominator)}）`
          : '';
      return {
        cells: [f.label.zh, value + parts, f.definition.zh, f.asOf],
        aligns: ['left', 'right', 'left', 'center'],
      };
    }),
  );
}

function breakdownTable(b: NonNullable<ReportDocument['breakdown']>): Table {
  const orgW = mm(40);
  const statusW = mm(18);
  const rest = TEXT_WIDTH - orgW - statusW;
  const colW = Math.floor(rest / Math.max(1, b.columns.length));
  const widths = [orgW, statusW, ...b.columns.map(() => colW)];
  const header = [
    '单位',
    '状态',
    ...b.columns.map((c) => (unitWord(c.unit) ? `${c.label}（${unitWord(c.unit)}）` : c.label)),
  ];
  const numbers = (values: (number | null)[]) => b.columns.map((c, i) => formatFigureValue(values[i] ?? null, c.unit));
  const aligns: Align[] = ['left', 'center', ...b.columns.map((): Align => 'right')];
  const size = b.columns.length > 4 ? SIZE.wuhao : undefined;
  return table(
    widths,
    header,
    [
      ...b.rows.map((r) => ({ cells: [r.orgName, r.status, ...numbers(r.values)], aligns })),
      { cells: ['合计', '', ...numbers(b.totals)], aligns, strong: true },
    ],
    size,
  );
}

// ------------------------------------------------------------------------------------------------------ document

function metaLines(doc: ReportDocument): Paragraph[] {
  const submitted = doc.submittedAt ? `${doc.submittedAt}${doc.submittedBy ? `（${doc.submittedBy}）` : ''}` : '未报送';
  const line = (text: string) =>
    new Paragraph({ style: 'Meta', alignment: AlignmentType.CENTER, children: [new TextRun(text)] });
  return [
    line(`${doc.campaignName}　报送期：${doc.periodLabel}　截止日期：${doc.dueDate}`),
    line(`报送单位：${doc.orgName}　报送至：${doc.toOrgName}`),
    line(`报送时间：${submitted}　状态：${doc.statusLabel}（第${doc.version}版）`),
  ];
}

function decisionLines(doc: ReportDocument): Paragraph[] {
  if (!doc.decisions.length) return [body('暂无审核记录。')];
  return doc.decisions.map((d) => {
    const by = d.by ? `（${d.by}）` : '';
    const comment = d.comment ? `：${d.comment}` : '。';
    return body(`${d.at}　第${d.version}版　${d.decision}${by}${comment}`);
  });
}

/** The paragraphs and tables of the document, in reading order. */
function content(doc: ReportDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ style: 'DocTitle', alignment: AlignmentType.CENTER, children: [new TextRun(doc.title)] }),
    ...metaLines(doc),
    new Paragraph({ children: [] }),
  ];
  let n = 0;
  for (const s of doc.sections) out.push(heading(++n, s.heading), ...sectionParagraphs(s.text));

  out.push(heading(++n, '主要数据'));
  if (doc.figures.length) out.push(figuresTable(doc), new Paragraph({ children: [] }));
  else out.push(body('本期无统计数据。'));

  if (doc.breakdown) {
    const b = doc.breakdown;
    out.push(heading(++n, '下级单位报送情况'), breakdownTable(b));
    const missing = b.notReported.length
      ? `未报送单位（${b.notReported.length}个）：${b.notReported.join('、')}。`
      : '未报送单位：无。';
    out.push(body(missing));
  }

  out.push(heading(++n, '审核记录'), ...decisionLines(doc));

  if (doc.attachments.length) {
    out.push(new Paragraph({ children: [] }));
    doc.attachments.forEach((a, i) => {
      const label = i === 0 ? '附件：' : '　　　';
      const number = doc.attachments.length > 1 ? `${i + 1}．` : '';
      out.push(body(`${label}${number}${a.name}`));
    });
  }
  return out;
}

/** The page number in the footer, "— 1 —", centred, 宋体 四号 as GB/T 9704 sets it. */
function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            font: runFont(FONT.pageNumber),
            size: SIZE.sihao,
            children: ['— ', PageNumber.CURRENT, ' —'],
          }),
        ],
      }),
    ],
  });
}

/** word/fontTable.xml: the fonts we name, each with its alternates and the hints for substitution by metrics. */
function fontTableXml(): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${esc(f.name)}"><w:altName w:val="${esc(f.alt)}"/><w:charset w:val="86"/>` +
      `<w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${fonts}</w:fonts>`
  );
}

/** The report as a .docx. */
export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
  const language = { value: 'zh-CN', eastAsia: 'zh-CN' };
  const document = new Document({
    title: doc.title,
    subject: `${doc.orgName} · ${doc.periodLabel}`,
    creator: 'Tuoguan 爱心托管服务平台',
    description: `${doc.statusLabel}（第${doc.version}版）`,
    styles: {
      default: {
        document: {
          run: { font: runFont(FONT.body), size: SIZE.sanhao, language },
          paragraph: { spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
        heading1: {
          run: { font: runFont(FONT.heading), size: SIZE.sanhao, bold: false, color: '000000', language },
          paragraph: {
            keepNext: true,
            outlineLevel: 0,
            indent: { firstLineChars: 200, firstLine: 2 * 320 },
            spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          },
        },
      },
      paragraphStyles: [
        {
          id: 'DocTitle',
          name: '公文标题',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: runFont(FONT.title), size: SIZE.erhao, language },
          paragraph: { spacing: { line: 40 * 20, lineRule: LineRuleType.EXACT, after: BODY_LINE } },
        },
        {
          id: 'Meta',
          name: '报送信息',
          basedOn: 'Normal',
          run: { size: SIZE.sihao },
          paragraph: { spacing: { line: 24 * 20, lineRule: LineRuleType.EXACT } },
        },
        {
          id: 'TableText',
          name: '表格文字',
          basedOn: 'Normal',
          run: { size: SIZE.xiaosi },
          paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            // GB/T 9704: top 37 mm, bottom 35 mm, left (binding side) 28 mm, right 26 mm; the page number sits ~7 mm
            // below the type area.
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(23) },
          },
        },
        footers: { default: pageFooter() },
        children: content(doc),
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
