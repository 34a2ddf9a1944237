// Dates and official working days, checked against the real 2021 and 2023 calendars.
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, monthEnd, shiftYears, todayInChina } from './dates.js';
import { calendarCoversYear, countWorkingDays, isOfficialWorkday, workingDaysInRange } from './workdays.js';

describe('ISO dates', () => {
  it.each([
    ['2021-02-28', true],
    ['2021-02-29', false],
    ['2024-02-29', true],
    ['2021-02-30', false],
    ['2021-13-01', false],
    ['2021-7-1', false],
    ['2021-07-01T00:00', false],
    [20210701, false],
  ])('isIsoDate(%s) = %s', (v, ok) => {
    expect(isIsoDate(v)).toBe(ok);
  });

  it('steps and measures days across month and year ends', () => {
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addDays('2021-03-01', -1)).toBe('2021-02-28');
    expect(daysBetween('2021-07-01', '2021-07-28')).toBe(27);
    expect(monthEnd('2021-06')).toBe('2021-06-30');
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(shiftYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('today in China is UTC+8', () => {
    expect(todayInChina(new Date('2021-07-31T16:30:00Z'))).toBe('2021-08-01');
    expect(todayInChina(new Date('2021-07-31T15:59:00Z'))).toBe('2021-07-31');
  });
});

describe('official working days (summer)', () => {
  it('2021-07-01..2021-07-28 has 20 working days (the issue’s example)', () => {
    expect(countWorkingDays('2021-07-01', '2021-07-28')).toBe(20);
  });

  it.each([
    ['2021-07-01', '2021-07-27', 19],
    ['2021-07-01', '2021-07-28', 20],
    ['2021-07-05', '2021-08-13', 30],
    ['2021-07-03', '2021-07-04', 0], // a weekend
    ['2021-07-28', '2021-07-01', 0], // reversed range
  ])('%s..%s → %i', (a, b, n) => {
    expect(countWorkingDays(a, b)).toBe(n);
  });

  it('deducts closures only when they fall on working days', () => {
    expect(countWorkingDays('2021-07-01', '2021-07-28', ['2021-07-02'])).toBe(19);
    expect(countWorkingDays('2021-07-01', '2021-07-28', ['2021-07-03'])).toBe(20); // Saturday
    expect(countWorkingDays('2021-07-01', '2021-07-28', ['2021-09-01'])).toBe(20); // outside the class
  });

  it('National Day 2021: Saturday 2021-10-09 is a make-up workday, 10-01..07 are off', () => {
    expect(isOfficialWorkday('2021-10-09')).toBe(true);
    expect(isOfficialWorkday('2021-10-04')).toBe(false);
    expect(workingDaysInRange('2021-09-27', '2021-10-10')).toEqual([
      '2021-09-27',
      '2021-09-28',
      '2021-09-29',
      '2021-09-30',
      '2021-10-08',
      '2021-10-09',
    ]);
  });
});

describe('official working days (winter, Spring Festival)', () => {
  it('2021 Spring Festival: 02-11..02-17 off, Sunday 02-07 and Saturday 02-20 are make-up workdays', () => {
    for (const d of ['2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16', '2021-02-17']) {
      expect(isOfficialWorkday(d), d).toBe(false);
    }
    expect(isOfficialWorkday('2021-02-07')).toBe(true); // Sunday
    expect(isOfficialWorkday('2021-02-20')).toBe(true); // Saturday
    expect(isOfficialWorkday('2021-02-21')).toBe(false); // ordinary Sunday
  });

  it('February 2021 has 17 working days including both make-up days (15 if make-up weekends were dropped)', () => {
    const days = workingDaysInRange('2021-02-01', '2021-02-28');
    expect(days).toHaveLength(17);
    expect(days).toContain('2021-02-07');
    expect(days).toContain('2021-02-20');
  });

  it('a winter class 2021-01-27..02-26 has exactly 20 working days, one day later 19', () => {
    expect(countWorkingDays('2021-01-27', '2021-02-26')).toBe(20);
    expect(countWorkingDays('2021-01-28', '2021-02-26')).toBe(19);
  });

  it('closing on a make-up Saturday deducts it', () => {
    expect(countWorkingDays('2021-01-27', '2021-02-26', ['2021-02-20'])).toBe(19);
  });

  it('2023 Spring Festival: 01-21..27 off, make-up Saturday 01-28 and Sunday 01-29', () => {
    expect(workingDaysInRange('2023-01-19', '2023-01-31')).toEqual([
      '2023-01-19',
      '2023-01-20',
      '2023-01-28',
      '2023-01-29',
      '2023-01-30',
      '2023-01-31',
    ]);
  });
});

describe('calendar coverage', () => {
  it('knows the years bundled with chinese-days and not far-future ones', () => {
    expect(calendarCoversYear(2021)).toBe(true);
    expect(calendarCoversYear(2100)).toBe(false);
  });

  it('rejects malformed dates instead of guessing', () => {
    expect(() => countWorkingDays('2021-02-30', '2021-03-10')).toThrow(RangeError);
  });
});
