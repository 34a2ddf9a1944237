/** Issue 18: the demo parent signs in to the parents' app (/m/) with a mobile number nobody else has. */
import { describe, expect, it } from 'vitest';
import { isValidMobile } from '../../domain/people/mask.js';
import { DEMO_PARENT_PHONE, generateDemo } from './generate.js';

describe('demo accounts', () => {
  it('the demo parent has a valid mobile number of their own', () => {
    const { users } = generateDemo({ scale: 1, seed: 42 });
    const parent = users.find((u) => u.username === 'parent');
    expect(parent?.phone).toBe(DEMO_PARENT_PHONE);
    expect(isValidMobile(DEMO_PARENT_PHONE)).toBe(true);
    expect(users.filter((u) => u.phone === DEMO_PARENT_PHONE)).toHaveLength(1);
  });
});
