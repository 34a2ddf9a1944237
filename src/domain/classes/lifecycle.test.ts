import { describe, expect, it } from 'vitest';
import { staffRatio, TRANSITIONS } from './lifecycle.js';

describe('class lifecycle table', () => {
  it('every status but archived can be left, and only the district approves or returns', () => {
    const leaving = new Set(Object.values(TRANSITIONS).flatMap((t) => t.from));
    for (const s of ['draft', 'submitted', 'returned', 'approved', 'open', 'running', 'closed'])
      expect(leaving.has(s as never)).toBe(true);
    expect(leaving.has('archived')).toBe(false);
    expect(TRANSITIONS.approve.level).toBe(2);
    expect(TRANSITIONS.return.reasonRequired).toBe(true);
  });
  it('staff ratio: 1 adult per 10 children by default, short when fewer', () => {
    expect(staffRatio(20, 2, 10)).toMatchObject({ adultsNeeded: 2, short: false });
    expect(staffRatio(21, 2, 10)).toMatchObject({ adultsNeeded: 3, short: true });
    expect(staffRatio(0, 0, 10)).toMatchObject({ ratio: 0, short: false });
  });
});
