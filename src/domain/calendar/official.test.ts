// The national calendar between the bundled data and a campaign's own dates, and reading a pasted schedule.
import { describe, expect, it } from 'vitest';
import { layerCalendars, parseOfficialList } from './official.js';
import { countWorkingDays, isOfficialWorkday } from './workdays.js';

describe('layering calendars', () => {
  const national = { holidays: ['2027-10-01', '2027-10-04'], workdays: ['2027-10-09'] };

  it('a later layer wins for the dates it lists, both ways', () => {
    const campaign = { holidays: ['2027-10-09'], workdays: ['2027-10-04'] };
    const cal = layerCalendars(national, campaign);
    expect(isOfficialWorkday('2027-10-09', cal)).toBe(false); // the campaign closes the make-up Saturday
    expect(isOfficialWorkday('2027-10-04', cal)).toBe(true); // and works a national holiday
    expect(isOfficialWorkday('2027-10-01', cal)).toBe(false); // the national holiday stands
    expect(cal).toEqual({ holidays: ['2027-10-01', '2027-10-09'], workdays: ['2027-10-04'] });
  });

  it('entered dates override the bundled ones; nothing entered leaves the bundled calendar', () => {
    // 2021-10-09 was a bundled make-up Saturday; an entry making it a holiday wins.
    expect(countWorkingDays('2021-10-08', '2021-10-09', [], layerCalendars({ holidays: ['2021-10-09'] }))).toBe(1);
    expect(countWorkingDays('2021-10-08', '2021-10-09', [], layerCalendars())).toBe(2);
  });
});

describe('reading a pasted schedule', () => {
  it('reads single dates, ranges and Chinese date forms', () => {
    const { year, problems } = parseOfficialList(
      '# 2027\n2027-10-01~2027-10-03 休\n2027年9月26日 班\n2027/10/09\tworkday\n\n2027-05-01 至 2027-05-02 放假',
      2027,
    );
    expect(problems).toEqual([]);
    expect(year).toEqual({
      holidays: ['2027-05-01', '2027-05-02', '2027-10-01', '2027-10-02', '2027-10-03'],
      workdays: ['2027-09-26', '2027-10-09'],
    });
  });

  it.each([
    ['2027-10-01', '注明'],
    ['休', '日期'],
    ['2027-02-30 休', '不存在'],
    ['2028-01-01 休', '不在 2027 年内'],
    ['2027-10-07~2027-10-01 休', '早于'],
    ['2027-10-01 休 班', '既是'],
  ])('refuses %s with its line number', (line, zh) => {
    const { problems } = parseOfficialList(`2027-01-01 休\n${line}`, 2027);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2 });
    expect(problems[0]?.zh).toContain(zh);
  });

  it('a date listed as both holiday and workday is a problem', () => {
    expect(parseOfficialList('2027-10-01 休\n2027-10-01 班', 2027).problems[0]?.zh).toContain('同时');
  });
});
