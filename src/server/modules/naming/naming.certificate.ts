/**
 * The certificate of a named demonstration class (荣誉证书): A4 landscape, Chinese layout — a double red frame, the
 * title, the class and its unit, the honour, the issuer with the decision number (文号) and date, and a QR code that
 * opens the public verification page (/public/verify/{code}). pdfkit with the CJK font of documents/pdf.ts; without
 * such a font the answer says so plainly (409) instead of printing empty boxes.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { findCjkFont } from '../../documents/pdf.js';
import { conflict } from '../../errors.js';
import type { NamingRow } from './naming.repo.js';

const RED = '#b8312f';
const GOLD = '#c9a227';

/** 2025-10-20 → 2025年10月20日 */
export const zhDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

export async function renderCertificate(x: NamingRow, verifyUrl: string, issuer: string): Promise<Buffer> {
  const font = findCjkFont();
  if (!font) {
    throw conflict(
      '服务器未安装中文字体（如 fonts-noto-cjk），暂时无法生成证书 PDF，请联系系统管理员',
      'No Chinese font is installed on the server (e.g. fonts-noto-cjk): the certificate PDF cannot be made; ask the administrator',
    );
  }
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360 });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: {
      Title: `${x.className} 市级示范爱心托管班证书`,
      Subject: x.decisionNo,
      Creator: 'Tuoguan 爱心托管服务平台',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.file, font.family);
  const W = doc.page.width; // 841.89
  const H = doc.page.height; // 595.28

  // Frame: an outer red band and an inner gold rule.
  doc
    .rect(18, 18, W - 36, H - 36)
    .lineWidth(6)
    .strokeColor(RED)
    .stroke();
  doc
    .rect(30, 30, W - 60, H - 60)
    .lineWidth(1.2)
    .strokeColor(GOLD)
    .stroke();

  doc
    .font('cjk')
    .fillColor(RED)
    .fontSize(44)
    .text('荣 誉 证 书', 0, 70, { width: W, align: 'center', characterSpacing: 6 });

  const left = 110;
  const width = W - 2 * left;
  doc.fillColor('#1f2328').fontSize(20);
  doc.text(`${x.unitName}`, left, 170, { width, align: 'left' });
  doc.fontSize(26).fillColor('#1f2328').text(`${x.className}：`, left, 204, { width, align: 'left' });
  doc
    .fontSize(18)
    .text(`在“${x.campaignName}”工作中成绩突出，经单位申报、区县推荐、评审和公示，被评为`, left + 36, 254, {
      width: width - 36,
      align: 'left',
      lineGap: 8,
    });
  doc
    .fillColor(RED)
    .fontSize(32)
    .text('市级示范爱心托管班', 0, 316, { width: W, align: 'center', characterSpacing: 4 });
  doc
    .fillColor('#1f2328')
    .fontSize(18)
    .text('特发此证，以资鼓励。', left + 36, 372, { width: width - 36 });

  // Issuer and date, right; the decision number beneath.
  const rightX = W - 360;
  doc.fontSize(20).text(issuer, rightX, 432, { width: 250, align: 'center' });
  doc.fontSize(16).text(zhDate(x.decisionDate), rightX, 464, { width: 250, align: 'center' });
  doc.fontSize(12).fillColor('#57606a').text(`命名文号：${x.decisionNo}`, rightX, 492, { width: 250, align: 'center' });

  // The QR code with its caption, left.
  doc.image(qr, 70, H - 170, { width: 100, height: 100 });
  doc
    .fontSize(10)
    .fillColor('#57606a')
    .text('扫码核验证书真伪', 180, H - 150, { width: 220 })
    .text(verifyUrl, 180, H - 132, { width: 260 });

  doc.end();
  return done;
}
