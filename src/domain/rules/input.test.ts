// The check-class input format: what parses, what is rejected, and that errors name the field.
import { describe, expect, it } from 'vitest';
import { parseCheckClassInput } from './input.js';

const paths = (json: unknown) => {
  const r = parseCheckClassInput(json);
  return r.ok ? [] : r.errors.map((e) => e.path);
};

describe('parseCheckClassInput', () => {
  it('parses the issue’s example shape into a campaign and a snapshot', () => {
    const r = parseCheckClassInput({
      campaign: { scale: { minAttendanceRate: 0.7 } },
      class: {
        startDate: '2021-07-05',
        endDate: '2021-08-13',
        closedDates: [],
        mode: 'standalone',
        management: 'union',
        partnerAgreement: false,
        providerQualified: false,
        venue: {
          independent: true,
          location: 'ground',
          buildingUse: 'office',
          nearHazard: false,
          ventilationLighting: true,
          fireSafety: true,
          surveillance: true,
        },
        catering: { mode: 'contracted', licenseExpiry: '2022-03-31' },
        children: [
          { grade: '1', selfCare: true, custodyAgreement: true, insurance: true, presentDays: 18, withdrawnOn: null },
          { grade: 'K' },
          { grade: 6 },
        ],
        funding: [{ source: 'unit', purpose: 'meals', amount: 1200.0 }],
      },
      asOf: '2021-08-13',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.campaign.scale.minAttendanceRate).toBe(0.7);
    expect(r.value.campaign.scale.minChildren).toBe(20);
    expect(r.value.asOf).toBe('2021-08-13');
    expect(r.value.snapshot.children?.map((c) => c.grade)).toEqual([1, 'K', 6]);
    expect(r.value.snapshot.children?.[0]).not.toHaveProperty('withdrawnOn'); // null = not withdrawn
  });

  it('accepts a bare class: everything else defaults or is unknown', () => {
    const r = parseCheckClassInput({ class: {} });
    expect(r.ok && r.value.snapshot).toEqual({});
    expect(r.ok && r.value.asOf).toBeUndefined();
  });

  it('treats null as not recorded', () => {
    const r = parseCheckClassInput({ class: { venue: { surveillance: null }, children: null } });
    expect(r.ok && r.value.snapshot).toEqual({ venue: {} });
  });

  it.each([
    [{}, 'class'],
    [[], '(root)'],
    [{ class: { startDate: 20210705 } }, 'class.startDate'],
    [{ class: { startDate: '2021-02-30' } }, 'class.startDate'],
    [{ class: { children: [{}, { grade: '7' }] } }, 'class.children[1].grade'],
    [{ class: { children: [{ presentDays: '18' }] } }, 'class.children[0].presentDays'],
    [{ class: { children: [{ presentDays: -1 }] } }, 'class.children[0].presentDays'],
    [{ class: { children: [{ presentDays: 2.5 }] } }, 'class.children[0].presentDays'],
    [{ class: { children: [{ insurance: 'yes' }] } }, 'class.children[0].insurance'],
    [{ class: { venue: { location: 'roof' } } }, 'class.venue.location'],
    [{ class: { catering: { mode: 'buffet' } } }, 'class.catering.mode'],
    [{ class: { funding: [{ source: 'bank' }] } }, 'class.funding[0].source'],
    [{ class: { funding: [{ amount: -5 }] } }, 'class.funding[0].amount'],
    [{ class: { startdate: '2021-07-05' } }, 'class.startdate'],
    [{ class: {}, asOf: 'today' }, 'asOf'],
    [{ class: {}, campaign: { scale: { minChildren: 'twenty' } } }, 'campaign.scale.minChildren'],
    [{ class: {}, campaign: { scale: { minAttendence: 0.7 } } }, 'campaign.scale.minAttendence'],
    [{ class: {}, campaign: 5 }, 'campaign'],
  ])('%j → error at %s', (json, path) => {
    expect(paths(json)).toContain(path);
  });

  it('reports class and campaign errors together', () => {
    expect(paths({ class: { mode: 'solo' }, campaign: { year: 'x' } })).toEqual(['class.mode', 'campaign.year']);
  });
});
