import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanPastedText } from './text.js';

describe('cleanPastedText', () => {
  it('turns Word bullets into "- " items and drops invisible characters', () => {
    const pasted =
      '\uFEFF本月工作\u00A0情况：\r\n\r\n\r\n\r\n•\t完成场地布置\r\n\uF0B7 签订协议\u200B 12 份\r\n● 课程安排\u0007\r\n';
    expect(cleanPastedText(pasted)).toBe('本月工作 情况：\n\n- 完成场地布置\n- 签订协议 12 份\n- 课程安排');
  });
  it('keeps plain text and numbered lists as they are', () => {
    expect(cleanPastedText('1. 第一条\n2. 第二条\n\n说明')).toBe('1. 第一条\n2. 第二条\n\n说明');
  });
  it('is idempotent and leaves no control or zero-width characters, nor runs of blank lines', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const once = cleanPastedText(s);
        expect(cleanPastedText(once)).toBe(once);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
        expect(once).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B\uFEFF\u00A0]/);
        expect(once).not.toMatch(/\n\s*\n\s*\n/);
      }),
      { numRuns: 300 },
    );
  });
});
