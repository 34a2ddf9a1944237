import { describe, expect, it } from 'vitest';
import { doorTiming, outsideHours } from './door-time.js';

// Class days Monday 2026-06-01 … Friday 2026-06-05, 08:00–17:30 China time (UTC+8).
const hours = {
  isClassDay: (d: string) => d >= '2026-06-01' && d <= '2026-06-05',
  dailyStart: '08:00',
  dailyEnd: '17:30',
};
const china = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

describe('door timing', () => {
  it.each([
    ['07:59', 'before_opening'],
    ['08:00', null],
    ['17:29', null],
    ['17:30', 'after_closing'],
    ['23:59', 'after_closing'],
  ] as const)('a check-in at %s is %s', (hhmm, expected) => {
    expect(outsideHours(china('2026-06-02', hhmm), hours)).toBe(expected);
  });

  it('a day that is not a class day is outside the hours whatever the time', () => {
    expect(outsideHours(china('2026-06-06', '10:00'), hours)).toBe('not_class_day');
  });

  it('offline tolerance: the same China day is taken, another day never; the clock may run 10 minutes ahead', () => {
    const now = china('2026-06-02', '16:00');
    expect(doorTiming('check_in', china('2026-06-02', '08:05'), now, hours)).toEqual({
      ok: true,
      day: '2026-06-02',
      outside: null,
    });
    expect(doorTiming('check_in', china('2026-06-01', '17:00'), now, hours)).toEqual({
      ok: false,
      code: 'OCCURRED_ON_OTHER_DAY',
      day: '2026-06-01',
    });
    expect(doorTiming('check_in', china('2026-06-02', '16:10'), now, hours).ok).toBe(true);
    expect(doorTiming('check_in', china('2026-06-02', '16:11'), now, hours)).toMatchObject({
      ok: false,
      code: 'OCCURRED_IN_FUTURE',
    });
    // Just past midnight, yesterday's last tap is another day.
    const midnight = china('2026-06-03', '00:01');
    expect(doorTiming('check_out', china('2026-06-02', '23:59'), midnight, hours)).toMatchObject({
      code: 'OCCURRED_ON_OTHER_DAY',
    });
  });

  it('only a check-in can be outside the hours: a late pick-up is what closing time is for', () => {
    const now = china('2026-06-02', '18:30');
    expect(doorTiming('check_out', china('2026-06-02', '18:20'), now, hours)).toEqual({
      ok: true,
      day: '2026-06-02',
      outside: null,
    });
    expect(doorTiming('check_in', china('2026-06-02', '18:20'), now, hours)).toMatchObject({
      outside: 'after_closing',
    });
  });
});
