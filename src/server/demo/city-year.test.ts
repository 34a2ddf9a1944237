/**
 * The city's year (city-year.ts) keeps the product's invariants: statuses reached through the real transitions,
 * places within capacity, grades the class offers, kindergarten children within the campaign's share, doors only
 * for classes that ran, and the two lagging districts behind the others.
 */
import { describe, expect, it } from 'vitest';
import { CLASS_STATUSES, TRANSITIONS } from '../../domain/classes/lifecycle.js';
import { BEHIND_DISTRICTS, generateCityYear } from './city-year.js';
import { generateDemo } from './generate.js';
import { generateWorld } from './world.js';

const now = new Date('2026-12-03T05:00:00Z');
function cityYear(seed: number) {
  const { orgs, users } = generateDemo({ scale: 1, seed });
  const world = generateWorld({ seed, now, orgs });
  return { orgs, world, ...generateCityYear({ seed, orgs, people: users, world, now }) };
}

describe('the demo city year', () => {
  const { orgs, world, users, programme } = cityYear(3);
  const all = [...world.classes, ...programme.classes];
  const kids = programme.families.flatMap((f) => f.children);

  it('is deterministic for a seed and a time', () => {
    const again = cityYear(3);
    expect(again.programme.classes).toEqual(programme.classes);
    expect(again.programme.attendance.length).toBe(programme.attendance.length);
    expect(cityYear(4).programme.families).not.toEqual(programme.families);
  });

  it('has at least 36 classes in every state at at least 32 units, and about 1,100 families', () => {
    expect(all.length).toBeGreaterThanOrEqual(36);
    expect(new Set(all.map((c) => c.status))).toEqual(new Set(CLASS_STATUSES));
    expect(new Set(all.map((c) => c.orgKey)).size).toBeGreaterThanOrEqual(32);
    expect(programme.families.length + world.families.length).toBeGreaterThan(1000);
    expect(programme.families.length + world.families.length).toBeLessThan(1300);
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
  });

  it('names each class after its unit, as real classes are named (no two alike on a list)', () => {
    const names = programme.classes.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of programme.classes) {
      const unit = orgs.find((o) => o.key === c.orgKey);
      expect(c.name.startsWith(unit?.name ?? '?'), c.name).toBe(true);
    }
  });

  it('reaches each status through the lifecycle, each step by its level', () => {
    for (const c of programme.classes) {
      let status = 'draft';
      for (const t of c.transitions) {
        const action = Object.values(TRANSITIONS).find((a) => a.to === t.to && a.from.some((f) => f === status));
        expect(action, `${c.key}: ${status} → ${t.to}`).toBeDefined();
        expect(t.from).toBe(status);
        // Level 2 steps by the union's administrator, the others by the unit's people.
        expect(t.by.startsWith('u'), `${c.key} ${t.to} by ${t.by}`).toBe(action?.level === 1);
        status = t.to;
      }
      expect(status).toBe(c.status);
    }
  });

  it('enrols within capacity, in the grades each class offers, with at most 10 % kindergarten children', () => {
    for (const c of programme.classes) {
      const mine = kids.filter((k) => k.enrolment?.classKey === c.key);
      expect(mine.length).toBeLessThanOrEqual(c.capacity);
      if (['draft', 'submitted', 'returned', 'approved'].includes(c.status)) expect(mine.length).toBe(0);
      for (const k of mine) expect(c.gradesOffered.map(String)).toContain(k.grade);
      const k = mine.filter((x) => x.grade === 'K');
      expect(k.length).toBeLessThanOrEqual(Math.floor(mine.length * 0.1));
      expect(k.every((x) => x.selfCare)).toBe(true);
    }
  });

  it('has door events only for classes that ran, on days within their period, none in the future', () => {
    const byKey = new Map(programme.classes.map((c) => [c.key, c]));
    for (const e of programme.attendance) {
      const c = byKey.get(e.classKey ?? '');
      expect(['running', 'closed', 'archived']).toContain(c?.status);
      expect(e.day >= (c?.startDate ?? '') && e.day <= (c?.endDate ?? '') && e.day <= world.today).toBe(true);
      expect(new Date(e.occurredAt).getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('puts two districts clearly behind: fewer families, lower attendance', () => {
    const districtOf = new Map(orgs.map((o) => [o.key, o.parentKey]));
    const classDistrict = new Map(programme.classes.map((c) => [c.key, districtOf.get(c.orgKey)]));
    const share = (behind: boolean) => {
      const evs = programme.attendance.filter(
        (e) => BEHIND_DISTRICTS.includes(classDistrict.get(e.classKey ?? '') ?? '') === behind,
      );
      return evs.filter((e) => e.kind === 'check_in').length / evs.filter((e) => e.kind !== 'check_out').length;
    };
    expect(share(true)).toBeLessThan(share(false) - 0.08);
    const families = (d: string) => programme.families.filter((f) => districtOf.get(f.employerKey) === d).length;
    for (const d of BEHIND_DISTRICTS) expect(families(d)).toBeLessThan(families('district1') / 2);
    expect(programme.incidents.filter((i) => i.severity === 'serious')).toHaveLength(2);
    expect(programme.incidents.filter((i) => i.closedAt === null).length).toBeGreaterThanOrEqual(1);
  });
});
