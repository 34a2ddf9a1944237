/**
 * What an upload really is, judged from its bytes (magic numbers), never from the client's filename or declared
 * type. Owns the allow-list: JPEG, PNG, PDF and Office Open XML documents (.docx, .xlsx, .pptx). Anything else —
 * an executable renamed to `.pdf`, a script, an archive, a macro-enabled Office file — is refused.
 *
 * Legacy binary Office files (.doc/.xls, OLE compound files) are not accepted: telling a Word file from any other
 * OLE container (or spotting macros in it) needs a compound-file parser; officials can save as .docx/.xlsx.
 */

export type DetectedKind = 'jpeg' | 'png' | 'pdf' | 'docx' | 'xlsx' | 'pptx';

export const CONTENT_TYPES: Record<DetectedKind, { mime: string; ext: readonly string[] }> = {
  jpeg: { mime: 'image/jpeg', ext: ['.jpg', '.jpeg'] },
  png: { mime: 'image/png', ext: ['.png'] },
  pdf: { mime: 'application/pdf', ext: ['.pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: ['.docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: ['.xlsx'] },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: ['.pptx'] },
};

const KNOWN_EXTENSIONS = new Set(Object.values(CONTENT_TYPES).flatMap((t) => t.ext));

export const IMAGE_KINDS: readonly DetectedKind[] = ['jpeg', 'png'];

const startsWith = (b: Buffer, sig: readonly number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** The kind of the bytes, or null when they are not on the allow-list. */
export function detectContentKind(bytes: Buffer): DetectedKind | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  // The PDF header must be at the very start: allowing it later would admit polyglots such as `MZ…%PDF-`.
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return ooxmlKind(bytes);
  return null;
}

/** Entry names from a ZIP's central directory; null when the archive is malformed. */
export function zipEntryNames(b: Buffer): string[] | null {
  // The end-of-central-directory record sits in the last 22 bytes plus up to 65,535 bytes of comment.
  const EOCD = 0x06054b50;
  const from = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    if (p + 46 + nameLen > b.length) return null;
    names.push(b.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** A ZIP is an Office document only with `[Content_Types].xml` and the main part of Word, Excel or PowerPoint. */
function ooxmlKind(bytes: Buffer): DetectedKind | null {
  const names = zipEntryNames(bytes);
  if (!names?.includes('[Content_Types].xml')) return null;
  // Macro-enabled documents (.docm/.xlsm) carry a VBA project: code we will not hand to other officials.
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return null;
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  if (names.includes('ppt/presentation.xml')) return 'pptx';
  return null;
}

/**
 * A filename safe to store and to offer back: no directories, control or reserved characters, at most 120
 * characters, and an extension that matches the detected content so the reader's computer opens it correctly.
 */
export function sanitizeFilename(raw: string | undefined, kind: DetectedKind): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    // Control and format characters go too: a right-to-left override can make `fdp.exe` display as `exe.pdf`.
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot).toLowerCase() : '';
  const allowed = CONTENT_TYPES[kind].ext;
  // A wrong known extension (a PNG called `.pdf`) is replaced; anything else stays part of the name.
  let stem = KNOWN_EXTENSIONS.has(ext) ? name.slice(0, dot) : name;
  if (!stem) stem = 'file';
  const finalExt = allowed.includes(ext) ? ext : (allowed[0] ?? '');
  stem = Array.from(stem)
    .slice(0, 120 - finalExt.length)
    .join('');
  name = `${stem}${finalExt}`;
  return name;
}
