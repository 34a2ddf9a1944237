import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode, normalizeCreditCode } from './creditCode.js';

describe('unified social credit code', () => {
  it('accepts published valid codes', () => {
    // Codes of real, publicly listed organisations (their check characters are the test).
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('911100001000044477')).toBe(true); // 中国石油化工集团
  });
  it('refuses a wrong check character, bad length and forbidden letters', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M0001I0Y43')).toBe(false); // I is not in the charset
  });
  it('normalises full-width characters, spaces and case', () => {
    expect(normalizeCreditCode(' ９1350100m000100y43 ')).toBe('91350100M000100Y43');
  });
  it('every body has exactly one valid check character', () => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 17, maxLength: 17 }), (body) => {
        const b = body.join('');
        const valid = chars.filter((c) => isValidCreditCode(b + c));
        expect(valid).toEqual([creditCodeCheckChar(b)]);
      }),
    );
  });
});
