import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIGURES, figureDefinition } from './catalogue.js';
import type { FigureValue } from './figures.js';
import { freezeFigures } from './freeze.js';
import { distinctValue, emptyFigures, percentOf, ratioValue, rollUp } from './rollup.js';

const get = (vs: FigureValue[], key: string) => vs.find((v) => v.key === key);

describe('the figure catalogue', () => {
  it('keys are unique and every figure says how it rolls up, in both languages', () => {
    expect(new Set(FIGURES.map((f) => f.key)).size).toBe(FIGURES.length);
    for (const f of FIGURES) {
      expect(f.label.zh && f.label.en && f.definition.zh && f.definition.en).toBeTruthy();
      expect(f.unit === 'percent').toBe(f.rollUp === 'ratio');
    }
    expect(figureDefinition('families.served')?.rollUp).toBe('distinct');
    expect(figureDefinition('nope')).toBeUndefined();
  });
});

describe('rollUp', () => {
  it('sums counts, recomputes ratios from summed parts (not an average of percentages)', () => {
    const a = [{ key: 'classes.running', value: 2 }, ratioValue('attendance.rate', 9, 10)];
    const b = [{ key: 'classes.running', value: 3 }, ratioValue('attendance.rate', 10, 90)];
    const r = rollUp([a, b]);
    expect(get(r, 'classes.running')?.value).toBe(5);
    // (9 + 10) / (10 + 90) = 19 %, where the average of 90 % and 11.1 % would be 50.6 %.
    expect(get(r, 'attendance.rate')).toEqual({ key: 'attendance.rate', value: 19, numerator: 19, denominator: 100 });
  });

  it('a ratio of 0 / 0 is null, and one unit without data does not change the others', () => {
    expect(get(rollUp([[ratioValue('daily.completeness', 0, 0)]]), 'daily.completeness')?.value).toBeNull();
    const r = rollUp([[ratioValue('daily.completeness', 0, 0)], [ratioValue('daily.completeness', 1, 3)]]);
    expect(get(r, 'daily.completeness')?.value).toBe(33.3);
  });

  it('distinct figures count the union: a family in two units is one family', () => {
    const r = rollUp([[distinctValue('families.served', [1, 2])], [distinctValue('families.served', [2, 3])]]);
    expect(get(r, 'families.served')).toEqual({ key: 'families.served', value: 3, ids: [1, 2, 3] });
  });

  it('no units: every figure at zero, ratios null', () => {
    const r = rollUp([]);
    expect(r.map((v) => v.key)).toEqual(FIGURES.map((f) => f.key));
    expect(get(r, 'classes.total')?.value).toBe(0);
    expect(get(r, 'attendance.rate')?.value).toBeNull();
    expect(r).toEqual(emptyFigures());
  });

  it('percent has one decimal', () => {
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 1)).toBe(100);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('property: rolling up in groups equals rolling up at once (districts, then the city)', () => {
    const unit = fc.record({
      running: fc.nat(20),
      present: fc.nat(100),
      extra: fc.nat(100),
      families: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(unit, { maxLength: 5 }), { maxLength: 5 }), (districts) => {
        const values = (u: { running: number; present: number; extra: number; families: number[] }): FigureValue[] => [
          { key: 'classes.running', value: u.running },
          ratioValue('attendance.rate', u.present, u.present + u.extra),
          distinctValue('families.served', u.families),
        ];
        const units = districts.flat().map(values);
        const byDistrict = districts.map((d) => rollUp(d.map(values)));
        const nonEmpty = districts.some((d) => d.length > 0);
        const once = rollUp(units);
        const twice = rollUp(byDistrict.filter((_, i) => (districts[i]?.length ?? 0) > 0));
        if (nonEmpty) expect(twice).toEqual(once);
        const all = new Set(districts.flat().flatMap((u) => u.families));
        if (nonEmpty) expect(get(once, 'families.served')?.value).toBe(all.size);
      }),
    );
  });
});

describe('freezeFigures', () => {
  it('carries the definition and the day, keeps the parts of a ratio and drops the members', () => {
    const [rate, families] = freezeFigures(
      [ratioValue('attendance.rate', 3, 4), distinctValue('families.served', [7, 8])],
      '2026-06-30',
    );
    expect(rate).toMatchObject({ key: 'attendance.rate', value: 75, numerator: 3, denominator: 4, unit: 'percent' });
    expect(rate?.definition.zh).toContain('出勤');
    expect(families).toMatchObject({ key: 'families.served', value: 2, asOf: '2026-06-30' });
    expect(families && 'ids' in families).toBe(false);
  });
});
