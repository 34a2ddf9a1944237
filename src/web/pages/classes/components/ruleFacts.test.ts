/** Issue 18: the rules panel shows facts as labelled values; every rule has a formatter, every fact key a label. */
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../../domain/campaign/schema';
import { TEMPLATE_2021 } from '../../../../domain/campaign/template';
import { evaluateClass, RULES } from '../../../../domain/rules/evaluate';
import { BUILT_CLASS_END, buildChildren, buildClass } from '../../../../domain/rules/fixtures';
import { FACT_LABELS, RULE_FACTS, ruleFacts } from './ruleFacts';

const T = TEMPLATE_2021 as Campaign;

/** Facts from classes that pass, fail and cannot be judged yet, so most branches of each rule write theirs. */
function allResults() {
  const variants = [
    buildClass(),
    buildClass({
      children: [],
      documents: [],
      funding: [{ source: 'grassrootsUnion', purpose: 'insurance', amount: 900 }],
    }),
    buildClass({ startDate: '2021-06-01', catering: { mode: 'contracted' }, children: buildChildren(3) }),
    buildClass({
      mode: 'joint',
      management: 'purchased',
      venue: { location: 'basement', buildingUse: 'residential' } as never,
    }),
  ];
  return variants.flatMap((v) =>
    [BUILT_CLASS_END, '2021-07-20', '2021-06-01'].flatMap((d) => evaluateClass(v, T, d).rules),
  );
}

describe('rule facts in words', () => {
  it('every rule of the engine has a formatter', () => {
    const missing = RULES.map((r) => r.id).filter((id) => !(id in RULE_FACTS));
    expect(missing).toEqual([]);
  });

  it('every fact key the engine writes has a label in both languages', () => {
    const keys = new Set(allResults().flatMap((r) => Object.keys(r.facts)));
    const unlabelled = [...keys].filter((k) => !FACT_LABELS[k]?.zh || !FACT_LABELS[k]?.en);
    expect(unlabelled).toEqual([]);
  });

  it('no developer notation reaches the reader', () => {
    for (const r of allResults()) {
      const { lines, details } = ruleFacts(r.id, r.facts, 'zh');
      for (const l of [...lines, ...details]) {
        expect(`${l.label} ${l.value}`).not.toMatch(
          /[{}[\]=]|\b(?:true|false|null|undefined|grassrootsUnion|insurance)\b|\d\.\d{3,}/,
        );
      }
    }
  });

  it('the attendance rate reads as a rounded percentage with its child-days', () => {
    const lines = RULE_FACTS['scale.attendanceRate'](
      { rate: 0.8227272727272728, presentChildDays: 181, scheduledChildDays: 220, minimum: 0.8 },
      'zh',
    );
    expect(lines[0]).toEqual({ label: '出勤率', value: '82.3 %（181/220 人次）' });
    expect(lines[1]).toEqual({ label: '最低要求', value: '80.0 %' });
  });
});
