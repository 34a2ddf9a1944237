// The campaign model: the 2021 template, merging, field errors, rolling over, reporting dates.
import { describe, expect, it } from 'vitest';
import { buildCampaign, mergeOver, rollCampaignToYear, validateCampaignParams } from './build.js';
import { reportingDeadlines } from './deadlines.js';
import { campaignParamsSchema } from './schema.js';
import { TEMPLATE_2021 } from './template.js';

describe('TEMPLATE_2021', () => {
  it('is a valid campaign carrying the seed’s numbers', () => {
    expect(validateCampaignParams(TEMPLATE_2021)).toEqual([]);
    expect(TEMPLATE_2021.targets).toEqual({ units: 30, families: 1000, demonstrationClasses: 10 });
    expect(TEMPLATE_2021.eligibility).toEqual({
      gradesAllowed: [1, 2, 3, 4, 5, 6],
      kindergartenMaxShare: 0.1,
      kindergartenSelfCareRequired: true,
    });
    expect(TEMPLATE_2021.scale).toMatchObject({ minChildren: 20, minWorkingDays: 20, minAttendanceRate: 0.75 });
    expect(TEMPLATE_2021.venue.checks.surveillance).toBe('recommended');
    expect(TEMPLATE_2021.staffing.maxChildrenPerAdult).toBe(10);
  });

  it('forbids every union source, and only union sources, from paying for insurance', () => {
    for (const [source, rule] of Object.entries(TEMPLATE_2021.funding.sources)) {
      expect(rule.mayNotPayFor.includes('insurance'), source).toBe(rule.union);
    }
    expect(TEMPLATE_2021.funding.sources.parents.union).toBe(false);
    expect(TEMPLATE_2021.funding.sources.cityUnion.union).toBe(true);
  });

  it('is frozen so no caller can change the defaults for everyone', () => {
    expect(Object.isFrozen(TEMPLATE_2021.scale)).toBe(true);
  });
});

describe('buildCampaign', () => {
  it('merges partial parameters over the template', () => {
    const r = buildCampaign({ scale: { minAttendanceRate: 0.7 }, name: '某市2021' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.campaign.scale).toEqual({ ...TEMPLATE_2021.scale, minAttendanceRate: 0.7 });
    expect(r.campaign.name).toBe('某市2021');
    expect(r.campaign.eligibility).toEqual(TEMPLATE_2021.eligibility);
    expect(TEMPLATE_2021.scale.minAttendanceRate).toBe(0.75); // template untouched
  });

  it('replaces arrays whole', () => {
    const r = buildCampaign({ eligibility: { gradesAllowed: [1, 2, 3] } });
    expect(r.ok && r.campaign.eligibility.gradesAllowed).toEqual([1, 2, 3]);
  });

  it('uses another base, e.g. last year’s campaign', () => {
    const base = rollCampaignToYear(TEMPLATE_2021, 2024);
    const r = buildCampaign({ scale: { minChildren: 15 } }, base);
    expect(r.ok && r.campaign.season).toEqual({ start: '2024-07-01', end: '2024-08-31' });
    expect(r.ok && r.campaign.scale.minChildren).toBe(15);
  });

  it.each([
    [{ scale: { minAttendanceRate: 1.5 } }, 'scale.minAttendanceRate'],
    [{ scale: { minAttendanceRate: '75%' } }, 'scale.minAttendanceRate'],
    [{ scale: { minChildren: -1 } }, 'scale.minChildren'],
    [{ scale: { minChildren: 20.5 } }, 'scale.minChildren'],
    [{ scale: { minAttendence: 0.7 } }, 'scale.minAttendence'],
    [{ eligibility: { gradesAllowed: [1, 7] } }, 'eligibility.gradesAllowed[1]'],
    [{ eligibility: { gradesAllowed: [] } }, 'eligibility.gradesAllowed'],
    [{ eligibility: { gradesAllowed: [1, 1] } }, 'eligibility.gradesAllowed'],
    [{ season: { start: '2021-09-01' } }, 'season.end'],
    [{ season: { end: '2021-02-30' } }, 'season.end'],
    [{ holidayType: 'spring' }, 'holidayType'],
    [{ venue: { checks: { surveillance: 'mandatory' } } }, 'venue.checks.surveillance'],
    [{ funding: { sources: { parents: { mayNotPayFor: ['yachts'] } } } }, 'funding.sources.parents.mayNotPayFor[0]'],
    [{ reporting: { monthly: { from: '2021-10' } } }, 'reporting.monthly.to'],
  ])('reports %j at %s', (overrides, path) => {
    const r = buildCampaign(overrides);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toContain(path);
  });

  it('rejects a non-object', () => {
    const r = buildCampaign([1, 2]);
    expect(r.ok).toBe(false);
  });
});

describe('mergeOver', () => {
  it('does not share structure with its inputs', () => {
    const base = { a: { b: [1] } };
    const out = mergeOver(base, {}) as typeof base;
    out.a.b.push(2);
    expect(base.a.b).toEqual([1]);
  });
});

describe('rollCampaignToYear', () => {
  it('moves every date by the same number of years and stays valid', () => {
    const c = rollCampaignToYear(TEMPLATE_2021, 2025);
    expect(c.year).toBe(2025);
    expect(c.reporting.plan).toBe('2025-04-20');
    expect(c.reporting.monthly).toEqual({ from: '2025-06', to: '2025-09' });
    expect(campaignParamsSchema.safeParse(c).success).toBe(true);
  });
});

describe('reportingDeadlines', () => {
  it('lists P-K1..P-K4 for 2021 in date order', () => {
    const d = reportingDeadlines(TEMPLATE_2021);
    expect(d.map((x) => [x.kind, x.due])).toEqual([
      ['plan', '2021-04-20'],
      ['preparation', '2021-05-20'],
      ['monthly', '2021-06-30'],
      ['monthly', '2021-07-31'],
      ['summary', '2021-08-30'],
      ['monthly', '2021-08-31'],
      ['monthly', '2021-09-30'],
    ]);
    expect(d.find((x) => x.kind === 'summary')?.title.zh).toContain('示范');
  });
});
