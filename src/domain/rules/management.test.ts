// Rules on paper (`management.documents`, P-S/P-R6/P-R7) and the fire-safety evidence of `venue.fireSafety`
// (P-R4 "附证明材料", issue 12).
import { describe, expect, it } from 'vitest';
import { buildCampaign } from '../campaign/build.js';
import type { Campaign } from '../campaign/schema.js';
import { TEMPLATE_2021 } from '../campaign/template.js';
import { evaluateClass, getRule, rulesInForce } from './evaluate.js';
import { BUILT_CLASS_END, buildClass } from './fixtures.js';
import type { ClassSnapshot, RuleId } from './types.js';

const T = TEMPLATE_2021 as Campaign;
const campaign = (o: unknown): Campaign => {
  const r = buildCampaign(o);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.campaign;
};
const judge = (id: RuleId, s: ClassSnapshot, c: Campaign = T) => getRule(id).evaluate(s, c, BUILT_CLASS_END);
const venue = (v: Partial<NonNullable<ClassSnapshot['venue']>>) =>
  buildClass({ venue: { ...buildClass().venue, ...v } });

describe('management.documents', () => {
  it('the built class holds the three default documents and passes every rule', () => {
    const e = evaluateClass(buildClass(), T, BUILT_CLASS_END);
    expect(e.rules.filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual([]);
    expect(judge('management.documents', buildClass()).facts).toMatchObject({ missing: [] });
  });

  it.each([
    [['safety', 'emergency', 'duty'], 'pass', []],
    [['duty', 'safety', 'emergency', 'hygiene'], 'pass', []],
    [['safety', 'duty'], 'fail', ['emergency']],
    [[], 'fail', ['safety', 'emergency', 'duty']],
    [undefined, 'unknown', undefined],
  ] as const)('documents %j → %s', (documents, expected, missing) => {
    const r = judge('management.documents', buildClass({ documents: documents as ClassSnapshot['documents'] }));
    expect(r.status).toBe(expected);
    if (missing) expect(r.facts.missing).toEqual(missing);
    if (expected !== 'pass') expect(r.fix?.zh).toContain('模板');
  });

  it('names what is missing in both languages', () => {
    const r = judge('management.documents', buildClass({ documents: ['safety'] }));
    expect(r.message.zh).toContain('应急预案');
    expect(r.message.zh).toContain('值班表');
    expect(r.message.en).toContain('duty roster');
    expect(r.policyRefs).toEqual(['P-S', 'P-R6', 'P-R7']);
  });

  it('follows the campaign: another list, or none at all', () => {
    const strict = campaign({ management: { documents: ['safety', 'emergency', 'duty', 'pickup'] } });
    expect(judge('management.documents', buildClass(), strict)).toMatchObject({
      status: 'fail',
      facts: { missing: ['pickup'] },
    });
    const none = campaign({ management: { documents: [] } });
    expect(judge('management.documents', buildClass({ documents: [] }), none).status).toBe('pass');
    expect(judge('management.documents', buildClass({ documents: undefined }), none).status).toBe('pass');
    expect(rulesInForce(none).find((r) => r.id === 'management.documents')?.zh).toContain('不要求');
    expect(rulesInForce(T).find((r) => r.id === 'management.documents')?.zh).toContain('安全管理制度、应急预案');
  });

  it('a campaign stored before the parameter existed reads as the default list', () => {
    const { management: _m, ...old } = structuredClone(T) as Campaign;
    expect(judge('management.documents', buildClass({ documents: ['safety'] }), old as Campaign).status).toBe('fail');
  });

  it('the campaign refuses an unknown or repeated document', () => {
    expect(buildCampaign({ management: { documents: ['safety', 'safety'] } }).ok).toBe(false);
    expect(buildCampaign({ management: { documents: ['manual'] } }).ok).toBe(false);
  });
});

describe('venue.fireSafety needs an evidence file (campaign: venue.fireEvidence)', () => {
  it.each([
    ['evidence on file', { fireSafety: true, fireEvidence: true }, 'required', 'pass'],
    ['no evidence', { fireSafety: true, fireEvidence: false }, 'required', 'fail'],
    ['evidence not recorded', { fireSafety: true, fireEvidence: undefined }, 'required', 'unknown'],
    ['no evidence, merely recommended', { fireSafety: true, fireEvidence: false }, 'recommended', 'warn'],
    ['no evidence, not asked for', { fireSafety: true, fireEvidence: false }, 'off', 'pass'],
    ['fire safety not met, with evidence', { fireSafety: false, fireEvidence: true }, 'required', 'fail'],
    ['fire safety not met, not asked for', { fireSafety: false, fireEvidence: undefined }, 'off', 'fail'],
  ] as const)('%s (evidence %s) → %s', (_what, v, level, expected) => {
    const c = campaign({ venue: { fireEvidence: level } });
    const r = judge('venue.fireSafety', venue(v), c);
    expect(r.status).toBe(expected);
    if (expected !== 'pass' && v.fireSafety) expect(r.fix?.zh).toContain('消防安全证明材料');
  });

  it('the template requires evidence, and the message says it is missing', () => {
    expect(T.venue.fireEvidence).toBe('required');
    const r = judge('venue.fireSafety', venue({ fireEvidence: false }));
    expect(r.message.zh).toContain('未上传消防安全证明材料');
    expect(r.facts).toMatchObject({ fireSafety: true, fireEvidence: false, evidenceLevel: 'required' });
  });

  it('a campaign that makes fire safety itself recommended only warns without evidence', () => {
    const c = campaign({ venue: { checks: { fireSafety: 'recommended' } } });
    expect(judge('venue.fireSafety', venue({ fireEvidence: false }), c).status).toBe('warn');
  });
});
