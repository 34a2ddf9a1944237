import { describe, expect, it } from 'vitest';
import { DEFAULT_DAILY } from '../campaign/schema.js';
import {
  dailySettingsOf,
  dayStatus,
  isoWeekStart,
  isoWeekday,
  kindApplies,
  recordedDaysByKind,
  requiredKinds,
  type DailySettings,
} from './requirements.js';
import { sampleKeepUntil } from './samples.js';

const base: DailySettings = { records: { ...DEFAULT_DAILY.records }, epidemicMeasures: false };
const meals = { servesMeals: true };
const noMeals = { servesMeals: false };

describe('ISO weeks', () => {
  it.each([
    ['2026-06-01', 1, '2026-06-01'],
    ['2026-06-03', 3, '2026-06-01'],
    ['2026-06-07', 7, '2026-06-01'],
    ['2026-06-08', 1, '2026-06-08'],
    ['2027-01-01', 5, '2026-12-28'],
  ])('%s is weekday %i of the week starting %s', (day, wd, start) => {
    expect(isoWeekday(day)).toBe(wd);
    expect(isoWeekStart(day)).toBe(start);
  });
});

describe('requiredKinds', () => {
  it('defaults: every kind but epidemic (off while measures are off); fire weekly', () => {
    expect(requiredKinds(base, meals)).toEqual([
      { kind: 'patrol', frequency: 'daily' },
      { kind: 'disinfection', frequency: 'daily' },
      { kind: 'meal', frequency: 'daily' },
      { kind: 'cleaning', frequency: 'daily' },
      { kind: 'fire', frequency: 'weekly' },
    ]);
  });
  it('a class without meals owes no meal record', () => {
    expect(requiredKinds(base, noMeals).map((r) => r.kind)).not.toContain('meal');
    expect(kindApplies('meal', base, noMeals)).toBe(false);
  });
  it('epidemic measures on: epidemic becomes required', () => {
    const on = { ...base, epidemicMeasures: true };
    expect(requiredKinds(on, meals).map((r) => r.kind)).toContain('epidemic');
    expect(kindApplies('epidemic', base, meals)).toBe(false);
    expect(kindApplies('epidemic', on, meals)).toBe(true);
  });
  it('off never appears', () => {
    const s = { ...base, records: { ...base.records, patrol: 'off' as const, cleaning: 'off' as const } };
    expect(requiredKinds(s, meals).map((r) => r.kind)).toEqual(['disinfection', 'meal', 'fire']);
  });
  it('stored campaigns without daily read with the defaults', () => {
    expect(dailySettingsOf(undefined, base)).toEqual(base);
    expect(dailySettingsOf({ records: { fire: 'daily' } as DailySettings['records'] }, base).records.fire).toBe(
      'daily',
    );
  });
});

describe('dayStatus: the missing-records list', () => {
  const req = requiredKinds(base, meals);
  const rec = (pairs: [string, string][]) => recordedDaysByKind(pairs.map(([kind, day]) => ({ kind, day })));

  const cases: {
    name: string;
    day: string;
    classDay?: boolean;
    settings?: DailySettings;
    servesMeals?: boolean;
    records: [string, string][];
    missing: string[];
  }[] = [
    {
      name: 'nothing recorded on a Monday: all daily kinds and the weekly fire check',
      day: '2026-06-01',
      records: [],
      missing: ['patrol', 'disinfection', 'meal', 'cleaning', 'fire'],
    },
    {
      name: 'daily kinds recorded yesterday do not count today',
      day: '2026-06-02',
      records: [
        ['patrol', '2026-06-01'],
        ['disinfection', '2026-06-01'],
      ],
      missing: ['patrol', 'disinfection', 'meal', 'cleaning', 'fire'],
    },
    {
      name: 'weekly fire check made on Monday covers Wednesday of the same week',
      day: '2026-06-03',
      records: [
        ['fire', '2026-06-01'],
        ['patrol', '2026-06-03'],
        ['disinfection', '2026-06-03'],
        ['meal', '2026-06-03'],
        ['cleaning', '2026-06-03'],
      ],
      missing: [],
    },
    {
      name: 'the fire check of last week does not cover next Monday',
      day: '2026-06-08',
      records: [['fire', '2026-06-05']],
      missing: ['patrol', 'disinfection', 'meal', 'cleaning', 'fire'],
    },
    {
      name: 'a fire check recorded later in the week does not cover an earlier day',
      day: '2026-06-01',
      records: [['fire', '2026-06-03']],
      missing: ['patrol', 'disinfection', 'meal', 'cleaning', 'fire'],
    },
    {
      name: 'a meal-less class is never missing a meal record',
      day: '2026-06-01',
      servesMeals: false,
      records: [],
      missing: ['patrol', 'disinfection', 'cleaning', 'fire'],
    },
    {
      name: 'off kinds are never missing',
      day: '2026-06-01',
      settings: { ...base, records: { ...base.records, fire: 'off', disinfection: 'off' } },
      records: [],
      missing: ['patrol', 'meal', 'cleaning'],
    },
    {
      name: 'epidemic measures on: epidemic missing until recorded',
      day: '2026-06-01',
      settings: { ...base, epidemicMeasures: true },
      records: [['patrol', '2026-06-01']],
      missing: ['disinfection', 'meal', 'cleaning', 'fire', 'epidemic'],
    },
    {
      name: 'a day that is not a class day owes nothing',
      day: '2026-06-06',
      classDay: false,
      records: [],
      missing: [],
    },
  ];
  it.each(cases)('$name', (c) => {
    const r =
      c.settings || c.servesMeals !== undefined
        ? requiredKinds(c.settings ?? base, { servesMeals: c.servesMeals ?? true })
        : req;
    const s = dayStatus(c.day, c.classDay ?? true, r, rec(c.records));
    expect(s.missing).toEqual(c.missing);
    expect([...s.done, ...s.missing].sort()).toEqual([...s.required].sort());
  });
});

describe('food samples', () => {
  it('are kept 48 hours from the sample time (China time)', () => {
    expect(sampleKeepUntil('2026-06-01', '11:30').toISOString()).toBe('2026-06-03T03:30:00.000Z');
  });
});
