import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone, normalizeMobile } from './mask.js';

describe('masking and phone numbers', () => {
  it('masks phones and ID numbers leaving what identifies the record', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('110105201501011234')).toBe('110105********1234');
    expect(maskPhone(null)).toBeNull();
  });
  it('normalises phones as people type them', () => {
    expect(normalizeMobile('+86 138 1234 5678')).toBe('13812345678');
    expect(normalizeMobile('１３８１２３４５６７８')).toBe('13812345678');
    expect(normalizeMobile('12345')).toBeNull();
  });
});
