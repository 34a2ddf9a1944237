import { describe, expect, it } from 'vitest';
import { MAX_SPAN_MINUTES, servedDays, staffCheckProblems, summariseHours } from './index.js';

const at = (hm: string, day = '2026-07-06') => new Date(`${day}T${hm}:00+08:00`);

describe('servedDays', () => {
  it('pairs each check-in with the next check-out of the same class and day', () => {
    const days = servedDays([
      { classId: 1, day: '2026-07-06', kind: 'in', at: at('08:00') },
      { classId: 1, day: '2026-07-06', kind: 'out', at: at('11:30') },
      { classId: 1, day: '2026-07-06', kind: 'in', at: at('14:00') },
      { classId: 1, day: '2026-07-06', kind: 'in', at: at('14:10') }, // a repeat keeps the first
      { classId: 1, day: '2026-07-06', kind: 'out', at: at('16:00') },
      { classId: 1, day: '2026-07-07', kind: 'out', at: at('09:00', '2026-07-07') }, // out without in: ignored
      { classId: 2, day: '2026-07-07', kind: 'in', at: at('09:00', '2026-07-07') }, // never checked out
    ]);
    expect(days.map((d) => [d.classId, d.day, d.minutes, d.open])).toEqual([
      [1, '2026-07-06', 330, false],
      [2, '2026-07-07', 0, true],
    ]);
    expect(summariseHours(days)).toEqual({ days: 1, minutes: 330, hours: 5.5, openDays: 1 });
  });

  it('caps one span, so a forgotten check-out is not a day-long shift', () => {
    const [d] = servedDays([
      { classId: 1, day: '2026-07-06', kind: 'in', at: at('06:00') },
      { classId: 1, day: '2026-07-06', kind: 'out', at: at('23:59') },
    ]);
    expect(d?.minutes).toBe(MAX_SPAN_MINUTES);
  });
});

describe('staffCheckProblems', () => {
  it('needs a health certificate valid on the first day and a background check', () => {
    expect(
      staffCheckProblems({ healthCertDate: null, backgroundCheckDate: null }, '2026-07-01', '2026-06-20'),
    ).toHaveLength(2);
    const expired = staffCheckProblems(
      { healthCertDate: '2025-06-01', backgroundCheckDate: '2026-06-01' },
      '2026-07-01',
      '2026-06-20',
    );
    expect(expired.map((p) => p.field)).toEqual(['healthCertDate']);
    expect(expired[0]?.zh).toContain('过期');
    expect(
      staffCheckProblems(
        { healthCertDate: '2026-06-21', backgroundCheckDate: '2026-06-01' },
        '2026-07-01',
        '2026-06-20',
      )[0]?.zh,
    ).toContain('不能晚于今天');
    expect(
      staffCheckProblems(
        { healthCertDate: '2026-01-01', backgroundCheckDate: '2026-06-01' },
        '2026-07-01',
        '2026-06-20',
      ),
    ).toEqual([]);
  });
});
