// 居民身份证号: check character, normalisation of what spreadsheets hold, birth date and gender. The literal
// examples were computed by hand (Σ digit·weight mod 11 → "10X98765432"); two are the examples printed in
// GB 11643-1999 itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  birthDateFromId,
  genderFromId,
  isValidResidentId,
  normalizeResidentId,
  parseResidentId,
  residentIdCheckChar,
  validateResidentId,
} from './residentId.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Independent test helper: the sum mod 11 the check character is derived from. */
const remainder = (body: string) => [...body].reduce((s, d, i) => s + Number(d) * (WEIGHTS[i] ?? 0), 0) % 11;
/** Completes a 17-digit body with the check character computed by the code under test. */
const withCheck = (body: string) => `${body}${residentIdCheckChar(body)}`;

const CHECK_CHARS = [...'0123456789X'];

describe('residentIdCheckChar', () => {
  it('matches the examples printed in GB 11643-1999', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it('matches hand-computed children’s numbers', () => {
    expect(residentIdCheckChar('11010520150307123')).toBe('5'); // remainder 7
    expect(residentIdCheckChar('31011520160229004')).toBe('6'); // remainder 6, a leap day
    expect(residentIdCheckChar('44030520121120567')).toBe('3'); // remainder 9
    expect(residentIdCheckChar('51010720140101003')).toBe('3');
  });

  it('maps every remainder 0..10 to "10X98765432" (boundaries 0 → 1, 1 → 0, 2 → X, 10 → 2)', () => {
    const seen = new Map<number, string>();
    // Vary the last body digit (weight 2) and the one before (weight 4) until all 11 remainders appear.
    for (let a = 0; a < 10 && seen.size < 11; a++) {
      for (let b = 0; b < 10; b++) {
        const body = `110105201503071${a}${b}`;
        seen.set(remainder(body), residentIdCheckChar(body) ?? '?');
      }
    }
    expect(seen.size).toBe(11);
    for (const [r, c] of seen) expect(c).toBe('10X98765432'[r]);
    expect(seen.get(0)).toBe('1');
    expect(seen.get(1)).toBe('0');
    expect(seen.get(2)).toBe('X');
    expect(seen.get(10)).toBe('2');
  });

  it('refuses a body that is not 17 ASCII digits', () => {
    expect(residentIdCheckChar('1101052015030712')).toBeNull();
    expect(residentIdCheckChar('110105201503071234')).toBeNull();
    expect(residentIdCheckChar('11010520150307X23')).toBeNull();
    expect(residentIdCheckChar('１１010520150307123')).toBeNull();
  });

  it('property: exactly one of the 11 check characters is valid for each body', () => {
    const body = fc.stringMatching(
      /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])\d{4}20(0\d|1\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}$/,
    );
    fc.assert(
      fc.property(body, (b) => {
        const valid = CHECK_CHARS.filter((c) => validateResidentId(`${b}${c}`).ok);
        expect(valid).toEqual([residentIdCheckChar(b)]);
      }),
    );
  });

  it('property: changing any one digit of a valid number breaks the check', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const id = withCheck('11010520150307123');
        const digit = (Number(id[pos]) + delta) % 10;
        const changed = `${id.slice(0, pos)}${digit}${id.slice(pos + 1)}`;
        // A changed region or date may fail for another reason first; it must fail either way.
        expect(isValidResidentId(changed)).toBe(false);
      }),
    );
  });
});

describe('normalizeResidentId', () => {
  it('accepts lower-case x, full-width characters, spaces and the Excel text apostrophe', () => {
    expect(normalizeResidentId('11010519491231002x')).toEqual({ ok: true, id: '11010519491231002X' });
    expect(normalizeResidentId('１１０１０５１９４９１２３１００２Ｘ')).toEqual({ ok: true, id: '11010519491231002X' });
    expect(normalizeResidentId(' 110105 19491231 002x ')).toEqual({ ok: true, id: '11010519491231002X' });
    expect(normalizeResidentId('110105\u300019491231002X')).toEqual({ ok: true, id: '11010519491231002X' });
    expect(normalizeResidentId("'110105201503071235")).toEqual({ ok: true, id: '110105201503071235' });
  });

  it('a plain 18-digit string without an X is fine', () => {
    expect(parseResidentId('440524188001010014')).toEqual({ ok: true, id: '440524188001010014' });
  });

  it('scientific notation has lost digits: an error that says how to fix the file', () => {
    for (const raw of ['1.10105E+17', '1.10105201503071E+17', '1.10105201503071e17', '１.１０１０５Ｅ＋１７']) {
      const r = normalizeResidentId(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problem).toBe('lostDigits');
        expect(r.message.zh).toContain('文本');
        expect(r.message.en).toContain('Text');
      }
    }
  });

  it('an 18-digit number cell cannot hold the digits exactly and is rejected as lost digits', () => {
    expect(normalizeResidentId(1.10105201503071e17)).toMatchObject({ ok: false, problem: 'lostDigits' });
    // Even a number a program wrote in full is rounded by the double (…235 → …232), so it is refused as well.
    expect(BigInt(Number('110105201503071235'))).toBe(110105201503071232n);
    expect(normalizeResidentId(Number('110105201503071235'))).toMatchObject({ ok: false, problem: 'lostDigits' });
  });

  it('small numbers and wrong lengths are format errors', () => {
    expect(normalizeResidentId(12345)).toMatchObject({ ok: false, problem: 'format' });
    expect(normalizeResidentId(1.5)).toMatchObject({ ok: false, problem: 'format' });
    expect(normalizeResidentId('11010520150307123')).toMatchObject({ ok: false, problem: 'format' });
    expect(normalizeResidentId('1101052015030712345')).toMatchObject({ ok: false, problem: 'format' });
    expect(normalizeResidentId('11010520150307X235')).toMatchObject({ ok: false, problem: 'format' });
    expect(normalizeResidentId('110105150307123')).toMatchObject({ ok: false, problem: 'fifteenDigits' });
    expect(normalizeResidentId('  ')).toMatchObject({ ok: false, problem: 'empty' });
    expect(normalizeResidentId(null)).toMatchObject({ ok: false, problem: 'empty' });
  });
});

describe('validateResidentId', () => {
  it('accepts valid numbers and reports each kind of problem', () => {
    expect(validateResidentId('110105201503071235').ok).toBe(true);
    expect(validateResidentId('11010520150307123X')).toMatchObject({ ok: false, problem: 'checksum' });
    expect(validateResidentId(withCheck('99010520150307123'))).toMatchObject({ ok: false, problem: 'region' });
    expect(validateResidentId(withCheck('00010520150307123'))).toMatchObject({ ok: false, problem: 'region' });
  });

  it('the embedded birth date must be a real date', () => {
    expect(validateResidentId(withCheck('31011520160229004')).ok).toBe(true); // 2016 is a leap year
    expect(validateResidentId(withCheck('31011520000229004')).ok).toBe(true); // 2000 is a leap year
    expect(validateResidentId(withCheck('31011520150229004'))).toMatchObject({ problem: 'birthDate' });
    expect(validateResidentId(withCheck('31011519000229004'))).toMatchObject({ problem: 'birthDate' }); // 1900 is not
    expect(validateResidentId(withCheck('31011520151301004'))).toMatchObject({ problem: 'birthDate' });
    expect(validateResidentId(withCheck('31011520150100004'))).toMatchObject({ problem: 'birthDate' });
    expect(validateResidentId(withCheck('31011520150431004'))).toMatchObject({ problem: 'birthDate' });
    expect(validateResidentId(withCheck('31011517991231004'))).toMatchObject({ problem: 'birthDate' });
    expect(validateResidentId(withCheck('31011520151231004')).ok).toBe(true);
  });

  it('a birth date after asOf is rejected', () => {
    const id = withCheck('31011520250101004');
    expect(validateResidentId(id, { asOf: '2025-01-01' }).ok).toBe(true);
    expect(validateResidentId(id, { asOf: '2024-12-31' })).toMatchObject({ problem: 'birthDate' });
  });

  it('a birth date given separately must equal the embedded one', () => {
    expect(validateResidentId('110105201503071235', { birthDate: '2015-03-07' }).ok).toBe(true);
    const r = validateResidentId('110105201503071235', { birthDate: '2015-03-08' });
    expect(r).toMatchObject({ ok: false, problem: 'birthDateMismatch' });
    if (!r.ok) expect(r.message.zh).toContain('2015-03-07');
  });

  it('normalises first, so lower-case x and spaces pass', () => {
    expect(validateResidentId('11010519491231002x')).toEqual({ ok: true, id: '11010519491231002X' });
  });
});

describe('birthDateFromId and genderFromId', () => {
  it('reads the birth date', () => {
    expect(birthDateFromId('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromId('110105201503071235')).toBe('2015-03-07');
    expect(birthDateFromId('110105201502291235')).toBeNull();
    expect(birthDateFromId('1101052015030712')).toBeNull();
  });

  it('17th digit odd = male, even = female', () => {
    expect(genderFromId('11010519491231002X')).toBe('F'); // 2
    expect(genderFromId('440524188001010014')).toBe('M'); // 1
    expect(genderFromId('110105201503071235')).toBe('M'); // 3
    expect(genderFromId(withCheck('11010520150307120'))).toBe('F'); // 0
    expect(genderFromId(withCheck('11010520150307129'))).toBe('M'); // 9
    expect(genderFromId('abc')).toBeNull();
  });

  it('property: gender follows the parity of the 17th digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), (seq) => {
        const id = withCheck(`11010520150307${String(seq).padStart(3, '0')}`);
        expect(genderFromId(id)).toBe(seq % 2 === 1 ? 'M' : 'F');
      }),
    );
  });
});
