import { describe, expect, it } from 'vitest';
import { formatChina } from './chinaTime';

describe('moments in China time', () => {
  it('shows an instant as Beijing time whatever the process zone', () => {
    // 00:05 UTC is 08:05 in Beijing; the test runner's own zone plays no part.
    expect(formatChina('2026-07-06T00:05:09Z')).toBe('2026-07-06 08:05');
    expect(formatChina('2026-07-06T16:30:00Z', 'MM-DD HH:mm:ss')).toBe('07-07 00:30:00');
    expect(formatChina(new Date('2026-01-01T04:00:00+08:00'), 'HH:mm')).toBe('04:00');
  });
  it('is empty for nothing or nonsense', () => {
    expect(formatChina(null)).toBe('');
    expect(formatChina('not a date')).toBe('');
  });
});
