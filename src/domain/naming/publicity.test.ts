import { describe, expect, it } from 'vitest';
import {
  namingRefusals,
  objectionRefusal,
  publicityPeriod,
  publicityPhase,
  publicityUncoveredYears,
  verifyState,
} from './publicity.js';

describe('公示 period on the official calendar', () => {
  it('counts 5 working days, skipping 国庆 and counting the 调休 Sunday (2025-09-28)', () => {
    const p = publicityPeriod('2025-09-26');
    expect(p.days).toEqual(['2025-09-26', '2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09']);
    expect(p.endsOn).toBe('2025-10-09');
  });

  it('counts the make-up Saturday 2025-10-11 as a working day', () => {
    const p = publicityPeriod('2025-10-09');
    expect(p.days).toEqual(['2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13', '2025-10-14']);
  });

  it('starts counting at the next working day when the start is a holiday; an ordinary week is Mon–Fri', () => {
    expect(publicityPeriod('2025-10-01').days[0]).toBe('2025-10-09');
    expect(publicityPeriod('2025-11-03').endsOn).toBe('2025-11-07');
    expect(publicityPeriod('2025-11-03', 7).endsOn).toBe('2025-11-11');
  });

  it('entered overrides win; unknown years are named; nonsense is refused', () => {
    expect(publicityPeriod('2025-11-03', 5, { holidays: ['2025-11-05'] }).endsOn).toBe('2025-11-10');
    expect(publicityUncoveredYears('2025-11-03', 5)).toEqual([]);
    expect(publicityUncoveredYears('2099-11-03', 5)).toEqual([2099]);
    // Only the years the period itself touches: early December does not need next year's holidays.
    expect(publicityUncoveredYears('2026-12-03', 5)).toEqual([]);
    expect(publicityUncoveredYears('2026-12-28', 5)).toEqual([2027]);
    expect(() => publicityPeriod('2025-13-01')).toThrow(RangeError);
    expect(() => publicityPeriod('2025-11-03', 0)).toThrow(RangeError);
  });
});

describe('objection window', () => {
  const p = { startsOn: '2025-09-26', endsOn: '2025-10-09' };
  it('is open from the first to the last day inclusive, holidays inside included', () => {
    expect(publicityPhase(p, '2025-09-25')).toBe('scheduled');
    expect(objectionRefusal(p, '2025-09-25')?.zh).toContain('2025-09-26');
    expect(objectionRefusal(p, '2025-09-26')).toBeNull();
    expect(objectionRefusal(p, '2025-10-03')).toBeNull();
    expect(objectionRefusal(p, '2025-10-09')).toBeNull();
    expect(publicityPhase(p, '2025-10-10')).toBe('closed');
    expect(objectionRefusal(p, '2025-10-10')?.en).toContain('ended on 2025-10-09');
  });
});

describe('naming', () => {
  const p = { startsOn: '2025-09-26', endsOn: '2025-10-09' };
  it('only after the period, with a date after it, not in the future, every objection answered', () => {
    expect(namingRefusals(p, '2025-10-09', 0, '2025-10-09').length).toBeGreaterThan(0);
    expect(namingRefusals(p, '2025-10-20', 1, '2025-10-20').map((r) => r.en)).toEqual([
      '1 objection(s) still have no response',
    ]);
    expect(namingRefusals(p, '2025-10-20', 0, '2025-10-21')[0]?.en).toContain('future');
    expect(namingRefusals(p, '2025-10-20', 0, '2025-10-20')).toEqual([]);
  });

  it('verification says valid, revoked or unknown', () => {
    expect(verifyState(null, null)).toBe('unknown');
    expect(verifyState({}, null)).toBe('valid');
    expect(verifyState({}, {})).toBe('revoked');
  });
});
