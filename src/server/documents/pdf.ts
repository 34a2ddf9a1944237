/**
 * PDFs with Chinese text (pdfkit with an embedded CJK font). The font comes from PDF_FONT or the usual system
 * locations of Noto Sans CJK / Source Han Sans (Debian: `apt-get install fonts-noto-cjk`); pdfkit embeds only the
 * glyphs used, so a signed agreement stays small.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../errors.js';

const CANDIDATES: { file: string; family?: string }[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
];

export function findCjkFont(env: NodeJS.ProcessEnv = process.env): { file: string; family?: string } | null {
  if (env.PDF_FONT)
    return fs.existsSync(env.PDF_FONT)
      ? { file: env.PDF_FONT, ...(env.PDF_FONT_FAMILY ? { family: env.PDF_FONT_FAMILY } : {}) }
      : null;
  return CANDIDATES.find((c) => fs.existsSync(c.file)) ?? null;
}

export interface PdfSection {
  heading?: string;
  lines: string[];
}

/** Renders a simple document: a title and sections of wrapped paragraphs. */
export function renderPdf(title: string, sections: PdfSection[], meta: { subject?: string } = {}): Promise<Buffer> {
  const font = findCjkFont();
  if (!font) throw new AppError('NOT_READY');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: title, Subject: meta.subject ?? '', Creator: 'Tuoguan 爱心托管服务平台' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.file, font.family);
  doc.font('cjk').fontSize(18).text(title, { align: 'center' }).moveDown(1);
  for (const s of sections) {
    if (s.heading) doc.fontSize(13).text(s.heading).moveDown(0.3);
    doc.fontSize(11);
    for (const line of s.lines) doc.text(line, { lineGap: 4 }).moveDown(0.2);
    doc.moveDown(0.6);
  }
  doc.end();
  return done;
}
