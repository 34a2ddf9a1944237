/**
 * Narrative text as officials paste it from Word or WPS: non-breaking and ideographic-width oddities, zero-width
 * characters, control characters, "smart" bullet glyphs and runs of blank lines. Cleaned on save so that a report
 * holds plain paragraphs and "- " lists (what the .docx writer and the printable view understand).
 */

// Zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks.
const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u202A-\u202E\u2066-\u2069]/g;
// C0/C1 controls except tab and line feed (CR is handled first).
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Spaces Word writes: NBSP, narrow NBSP, en/em and other fixed-width spaces.
const ODD_SPACES = /[\u00A0\u2000-\u200A\u202F\u205F]/g;
// Bullet glyphs at the start of a line (Word's list symbols, Wingdings in the private use area), then spaces.
const BULLET = /^[ \t\u3000]*[•●○◦▪■□◆◇▶►➢➤✓✔※·⁃‣\uF0A7\uF0B7\uF0D8\uF076\uF06C\uF06E]+[ \t\u3000]*/;

export function cleanPastedText(raw: string): string {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(ODD_SPACES, ' ')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((line) => {
      const trimmed = line.replace(/[ ]+$/g, '');
      return BULLET.test(trimmed) ? `- ${trimmed.replace(BULLET, '')}` : trimmed;
    });
  return lines
    .join('\n')
    .replace(/\n(?:[ \u3000]*\n){2,}/g, '\n\n')
    .replace(/^\s+|\s+$/g, '');
}
