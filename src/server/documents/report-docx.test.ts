/** The 公文-style report parsed back: a .docx is a zip; its word/document.xml holds the text, tables and fonts. */
import { describe, expect, it } from 'vitest';
import { inflateEntry, readZipDirectory } from '../../domain/xlsx/zip.js';
import type { ReportDocument } from './report-document.js';
import { chineseOrdinal, formatFigureValue } from './figure-format.js';
import { reportDocx } from './report-docx.js';

function unzip(bytes: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  for (const e of readZipDirectory(bytes, 100)) files.set(e.name, inflateEntry(bytes, e).toString('utf8'));
  return files;
}

/** The text of each paragraph (runs joined), in order. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => decode(paragraphs(c[0]).join('\n'))),
    ),
  );
}

const figure = (over: Partial<ReportDocument['figures'][number]>): ReportDocument['figures'][number] => ({
  key: 'classes.running',
  value: 12,
  label: { zh: '开班数', en: 'Classes running' },
  unit: 'count',
  definition: { zh: '期内开班的托管班数', en: 'Classes open in the period' },
  asOf: '2026-06-30',
  ...over,
});

const sampleReport: ReportDocument = {
  title: '2026年暑期爱心托管 · 6月托管服务工作开展情况',
  orgName: '东城区总工会',
  toOrgName: '市总工会',
  campaignName: '2026年暑期爱心托管',
  periodLabel: '2026年6月',
  dueDate: '2026-07-05',
  statusLabel: '已报送',
  version: 2,
  submittedAt: '2026-07-03 16:20',
  submittedBy: '王芳',
  sections: [
    {
      heading: '工作开展情况',
      text: '本月全区共开办托管班十二个，\n覆盖职工家庭一千余户。\n\n主要做法：\n- 联合教育部门遴选场地\n- 招募志愿者 86 名\n1. 开展安全检查\n2. 组织家长座谈',
    },
    { heading: '二、存在的问题', text: '个别场地空调不足。' },
    { heading: '下一步工作', text: '' },
  ],
  figures: [
    figure({ value: 1234 }),
    figure({
      key: 'attendance.rate',
      label: { zh: '出勤率', en: 'Attendance rate' },
      unit: 'percent',
      value: 87.5,
      numerator: 3500,
      denominator: 4000,
      definition: { zh: '实到人次 ÷ 应到人次', en: 'present / expected' },
    }),
    figure({ key: 'funding.spent', label: { zh: '经费支出', en: 'Spent' }, unit: 'yuan', value: 52000 }),
    figure({ key: 'x.none', label: { zh: '满意度', en: 'Satisfaction' }, unit: 'percent', value: null }),
  ],
  breakdown: {
    columns: [
      { key: 'classes.running', label: '开班数', unit: 'count' },
      { key: 'attendance.rate', label: '出勤率', unit: 'percent' },
    ],
    rows: [
      { orgName: '东城区教育工会', status: '已报送', values: [7, 90.24] },
      { orgName: '东城区卫健工会', status: '已退回', values: [5, null] },
    ],
    totals: [12, 87.5],
    notReported: ['东城区商务工会', '东城区建设工会'],
  },
  decisions: [
    { version: 1, decision: '已退回', comment: '请补充出勤数据', by: '李明', at: '2026-07-02 10:00' },
    { version: 2, decision: '已通过', comment: null, by: '李明', at: '2026-07-04 09:30' },
  ],
  attachments: [{ name: '托管班名单.xlsx' }],
};

describe('reportDocx', () => {
  it('writes the title, the meta line, every heading numbered 一、二、三…, and the body paragraphs', async () => {
    const files = unzip(await reportDocx(sampleReport));
    const xml = files.get('word/document.xml') ?? '';
    const ps = paragraphs(xml).map(decode);
    expect(ps[0]).toBe(sampleReport.title);
    expect(ps).toContain('报送单位：东城区总工会　报送至：市总工会');
    expect(ps).toContain('报送时间：2026-07-03 16:20（王芳）　状态：已报送（第2版）');
    const headings = [
      '一、工作开展情况',
      '二、存在的问题',
      '三、下一步工作',
      '四、主要数据',
      '五、下级单位报送情况',
      '六、审核记录',
    ];
    for (const h of headings) expect(ps).toContain(h);
    // Headings are Heading1 (黑体 in the style), so Word's navigation pane lists them.
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)?.length).toBe(headings.length);
    // Two lines without a blank line are one paragraph; list lines are their own.
    expect(ps).toContain('本月全区共开办托管班十二个，覆盖职工家庭一千余户。');
    expect(ps).toContain('· 招募志愿者 86 名');
    expect(ps).toContain('2．组织家长座谈');
    expect(ps).toContain('无。');
    expect(ps).toContain('附件：托管班名单.xlsx');
  });

  it('puts the figures in a bordered table with labels, formatted values, definitions and dates', async () => {
    const xml = unzip(await reportDocx(sampleReport)).get('word/document.xml') ?? '';
    const [figures] = tables(xml);
    expect(figures?.[0]).toEqual(['指标', '数值', '口径说明', '截至']);
    expect(figures?.[1]).toEqual(['开班数', '1,234', '期内开班的托管班数', '2026-06-30']);
    expect(figures?.[2]).toEqual(['出勤率', '87.5%\n（3,500/4,000）', '实到人次 ÷ 应到人次', '2026-06-30']);
    expect(figures?.[3]?.[1]).toBe('52,000.00 元');
    expect(figures?.[4]?.[1]).toBe('—');
    expect(xml).toMatch(/<w:tblBorders><w:top w:val="single"/);
  });

  it('lists the units below with totals and names those that have not reported', async () => {
    const xml = unzip(await reportDocx(sampleReport)).get('word/document.xml') ?? '';
    const breakdown = tables(xml)[1];
    expect(breakdown?.[0]).toEqual(['单位', '状态', '开班数', '出勤率']);
    expect(breakdown?.[1]).toEqual(['东城区教育工会', '已报送', '7', '90.2%']);
    expect(breakdown?.[2]).toEqual(['东城区卫健工会', '已退回', '5', '—']);
    expect(breakdown?.[3]).toEqual(['合计', '', '12', '87.5%']);
    expect(paragraphs(xml)).toContain('未报送单位（2个）：东城区商务工会、东城区建设工会。');
    expect(paragraphs(xml).map(decode)).toContain('2026-07-02 10:00　第1版　已退回（李明）：请补充出勤数据');
  });

  it('has a "— n —" page number field in the footer, A4 公文 margins, and the fonts with their alternates', async () => {
    const files = unzip(await reportDocx(sampleReport));
    const footer = [...files.entries()].find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? '';
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(paragraphs(footer)[0]).toBe('—  —');
    const xml = files.get('word/document.xml') ?? '';
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const styles = files.get('word/styles.xml') ?? '';
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(styles).toContain('w:eastAsia="方正小标宋简体"');
    expect(styles).toContain('w:eastAsia="黑体"');
    const fontTable = files.get('word/fontTable.xml') ?? '';
    expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋,FangSong"/>');
    expect(fontTable).toContain(
      '<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋,STZhongsong,黑体,SimHei"/>',
    );
  });

  it('writes a report without breakdown, figures, decisions or submission', async () => {
    const draft: ReportDocument = {
      ...sampleReport,
      statusLabel: '草稿',
      submittedAt: null,
      submittedBy: null,
      figures: [],
      decisions: [],
      attachments: [],
    };
    delete draft.breakdown;
    const ps = paragraphs(unzip(await reportDocx(draft)).get('word/document.xml') ?? '');
    expect(ps).toContain('报送时间：未报送　状态：草稿（第2版）');
    expect(ps).toContain('本期无统计数据。');
    expect(ps).toContain('暂无审核记录。');
    expect(ps).not.toContain('五、下级单位报送情况');
    expect(ps).toContain('五、审核记录');
  });
});

describe('formatFigureValue and chineseOrdinal', () => {
  it('formats counts, percents, days, yuan and null as officials read them', () => {
    expect(formatFigureValue(1234567, 'count')).toBe('1,234,567');
    expect(formatFigureValue(12.6, 'count')).toBe('13');
    expect(formatFigureValue(87.46, 'percent')).toBe('87.5%');
    expect(formatFigureValue(100, 'percent')).toBe('100.0%');
    expect(formatFigureValue(12.5, 'days')).toBe('12.5');
    expect(formatFigureValue(1234.5, 'yuan')).toBe('1,234.50');
    expect(formatFigureValue(null, 'count')).toBe('—');
  });

  it('numbers headings in Chinese', () => {
    expect([1, 2, 9, 10, 11, 15, 20, 23, 99].map(chineseOrdinal)).toEqual([
      '一',
      '二',
      '九',
      '十',
      '十一',
      '十五',
      '二十',
      '二十三',
      '九十九',
    ]);
  });
});
