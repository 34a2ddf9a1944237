import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPersonalText } from './mask.js';
import { REDACTED, redactRecord, redactValue, WITHHELD } from './redact.js';

const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

describe('what the history keeps of personal data', () => {
  it('masks phones and ID numbers at every depth, withholds health text, drops secrets', () => {
    const out = redactRecord({
      name: '小明',
      idNumber: '110105201501011234',
      healthNotes: '哮喘，随身带喷雾',
      allergies: '花生',
      emergencyContacts: [
        { name: '王奶奶', relation: '奶奶', phone: '13812345678' },
        { name: '王爷爷', phone: '13987654321' },
      ],
      guardians: [{ user: { phone: '13700001111', username: 'p13700001111' } }],
      pickupAdults: [{ name: '李叔叔', phone: null }],
      phones: ['13600002222'],
      idNumberEnc: 'v1.abc.def.ghi',
      passwordHash: '$argon2id$...',
      at: new Date('2026-06-01T08:00:00Z'),
      skipped: undefined,
    });
    expect(out).toEqual({
      name: '小明',
      idNumber: '110105********1234',
      healthNotes: WITHHELD,
      allergies: WITHHELD,
      emergencyContacts: [
        { name: '王奶奶', relation: '奶奶', phone: '138****5678' },
        { name: '王爷爷', phone: '139****4321' },
      ],
      guardians: [{ user: { phone: '137****1111', username: 'p137****1111' } }],
      pickupAdults: [{ name: '李叔叔', phone: null }],
      phones: ['136****2222'],
      idNumberEnc: REDACTED,
      passwordHash: REDACTED,
      at: '2026-06-01T08:00:00.000Z',
    });
  });

  it('keeps that a health field changed, and whether it was empty, but never its words', () => {
    expect(redactRecord({ healthNotes: null, allergies: '' })).toEqual({ healthNotes: null, allergies: '' });
    expect(redactRecord({ healthNotes: { before: '旧', after: '新' } })).toEqual({ healthNotes: WITHHELD });
    expect(redactRecord({ medicalHistory: '癫痫', medication: ['布洛芬'] })).toEqual({
      medicalHistory: WITHHELD,
      medication: WITHHELD,
    });
  });

  it('leaves what is not personal: consent flags, a staff health certificate date, digests, counts', () => {
    const digest = `13812345678${'a'.repeat(53)}`;
    const rec = {
      consents: { health: true, photo: false },
      healthCertDate: '2026-05-01',
      phoneVerified: true,
      textSha256: digest,
      temperatureChecks: 13812345678,
      kind: 'health',
    };
    expect(redactRecord(rec)).toEqual(rec);
  });

  it('finds phones and ID numbers written into free text', () => {
    expect(maskPersonalText('请联系爷爷 138-1234-5678 或 +86 139 8765 4321')).toBe(
      '请联系爷爷 138****5678 或 139****4321',
    );
    expect(maskPersonalText('身份证110105201501011234，电话13812345678')).toBe(
      '身份证110105********1234，电话138****5678',
    );
    // A longer run of digits is not a phone; a masked value stays as it is.
    expect(maskPersonalText('单号 2026138123456789')).toBe('单号 2026138123456789');
    expect(maskPersonalText('138****5678')).toBe('138****5678');
  });

  it('is idempotent, and no mobile number survives anywhere in the result (property)', () => {
    const mobile = fc
      .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
      .map(([b, rest]) => `1${b}${String(rest).padStart(9, '0')}`);
    const leaf = fc.oneof(
      mobile,
      mobile.map((m) => `电话：${m}。`),
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.constantFrom('phone', 'note', 'name', 'contactPhone', 'reason', 'healthNotes', 'x');
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('tree'), { maxLength: 3 }),
        fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 5 }), (rec) => {
        const once = redactRecord(rec);
        expect(redactRecord(once)).toEqual(once);
        const strings = JSON.stringify(once).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
        expect(strings.some((s) => MOBILE.test(s))).toBe(false);
      }),
    );
  });

  it('reads a whole record of any shape: arrays and plain values too', () => {
    expect(redactValue(null, [{ phone: '13812345678' }])).toEqual([{ phone: '138****5678' }]);
    expect(redactValue(null, null)).toBeNull();
    expect(redactValue(null, 'p13812345678')).toBe('p138****5678');
  });
});
