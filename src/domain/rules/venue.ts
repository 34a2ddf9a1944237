// Venue rules (P-R4 场地规范, fire safety also P-R5): one rule per checklist item. Each item's
// strictness comes from the campaign (`required` fails, `recommended` warns, `off` skips), so a
// city can make cameras mandatory or drop an item without touching code.

import type { Campaign, RequirementLevel, VenueCheck } from '../campaign/schema.js';
import { result, unmetStatus } from './helpers.js';
import type { ClassSnapshot, Localized, PolicyRef, Rule, RuleId, RuleResult } from './types.js';

interface VenueItem {
  id: RuleId;
  check: VenueCheck;
  policyRefs: readonly PolicyRef[];
  /** The requirement in words. */
  what: Localized;
  fix: Localized;
  /**
   * true = met, false = not met, undefined = not recorded; `detail` explains a failure (or what is missing), `fix`
   * replaces the item's fix, and `level` softens the item's level for this answer (never makes it stricter).
   */
  judge(
    s: ClassSnapshot,
    c: Campaign,
  ): {
    met: boolean | undefined;
    facts: Record<string, unknown>;
    detail?: Localized;
    fix?: Localized;
    level?: RequirementLevel;
  };
}

const LOCATION_ZH: Record<string, string> = {
  ground: '地面层',
  upper: '楼上',
  basement: '地下室',
  'semi-basement': '半地下室',
};
const USE_ZH: Record<string, string> = {
  office: '办公楼',
  school: '学校',
  community: '社区用房',
  production: '生产厂房',
  warehouse: '仓库',
  illegal: '违法建筑',
  dangerous: '危险建筑',
  other: '其他',
};

const flag = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

const ITEMS: readonly VenueItem[] = [
  {
    id: 'venue.independent',
    check: 'independent',
    policyRefs: ['P-R4'],
    what: { zh: '场地相对独立，与其服务相适应', en: 'a relatively independent site suited to the service' },
    fix: { zh: '调整到相对独立的场地。', en: 'Move to a relatively independent site.' },
    judge: (s) => ({ met: flag(s.venue?.independent), facts: { independent: s.venue?.independent ?? null } }),
  },
  {
    id: 'venue.forbiddenLocation',
    check: 'forbiddenLocation',
    policyRefs: ['P-R4'],
    what: {
      zh: '场地不在生产厂房、地下（半地下）室、仓库、违法或危险建筑内',
      en: 'not in a production building, basement, semi-basement, warehouse, illegal or dangerous building',
    },
    fix: { zh: '更换场地。', en: 'Move to another site.' },
    judge: (s, c) => {
      const loc = s.venue?.location;
      const use = s.venue?.buildingUse;
      const badLoc = loc !== undefined && (c.venue.forbiddenLocations as readonly string[]).includes(loc);
      const badUse = use !== undefined && (c.venue.forbiddenBuildingUses as readonly string[]).includes(use);
      const facts = {
        location: loc ?? null,
        buildingUse: use ?? null,
        forbiddenLocations: c.venue.forbiddenLocations,
        forbiddenBuildingUses: c.venue.forbiddenBuildingUses,
      };
      if (badLoc || badUse) {
        const where = [badLoc && loc ? (LOCATION_ZH[loc] ?? loc) : '', badUse && use ? (USE_ZH[use] ?? use) : '']
          .filter(Boolean)
          .join('、');
        const whereEn = [badLoc ? loc : '', badUse ? use : ''].filter(Boolean).join(', ');
        return { met: false, facts, detail: { zh: `场地位于${where}。`, en: `The site is: ${whereEn}.` } };
      }
      return { met: loc === undefined || use === undefined ? undefined : true, facts };
    },
  },
  {
    id: 'venue.hazards',
    check: 'hazards',
    policyRefs: ['P-R4'],
    what: { zh: '场地远离污染区和危险源', en: 'away from pollution and hazard sources' },
    fix: { zh: '更换远离污染区和危险源的场地。', en: 'Move away from pollution and hazards.' },
    judge: (s) => {
      const near = flag(s.venue?.nearHazard);
      return { met: near === undefined ? undefined : !near, facts: { nearHazard: near ?? null } };
    },
  },
  {
    id: 'venue.ventilationLighting',
    check: 'ventilationLighting',
    policyRefs: ['P-R4'],
    what: { zh: '场地通风采光条件良好', en: 'good ventilation and lighting' },
    fix: { zh: '改善通风采光或更换场地。', en: 'Improve ventilation and lighting, or move.' },
    judge: (s) => ({
      met: flag(s.venue?.ventilationLighting),
      facts: { ventilationLighting: s.venue?.ventilationLighting ?? null },
    }),
  },
  {
    id: 'venue.fireSafety',
    check: 'fireSafety',
    policyRefs: ['P-R4', 'P-R5'],
    what: {
      zh: '消防安全条件符合国家相关要求（附证明材料）',
      en: 'fire safety meets national requirements (evidence attached)',
    },
    fix: { zh: '整改消防设施并上传消防安全证明材料。', en: 'Fix fire safety and attach the evidence.' },
    judge: (s, c) => {
      const answer = flag(s.venue?.fireSafety);
      const evidence = flag(s.venue?.fireEvidence);
      // Campaigns stored before the parameter existed read as the template's `required`.
      const evidenceLevel: RequirementLevel = c.venue.fireEvidence ?? 'required';
      const facts = { fireSafety: answer ?? null, fireEvidence: evidence ?? null, evidenceLevel };
      // "Not met" and "not recorded" need no evidence question; nor does a campaign that does not ask for it.
      if (answer !== true || evidenceLevel === 'off') return { met: answer, facts };
      if (evidence === true) return { met: true, facts };
      const upload = {
        zh: '上传消防安全证明材料（如消防验收或检查合格证明）并在场地检查项中引用。',
        en: 'Upload the fire safety evidence (e.g. the fire inspection certificate) and cite it in the venue checklist.',
      };
      if (evidence === undefined)
        return {
          met: undefined,
          facts,
          detail: { zh: '消防安全证明材料', en: 'fire safety evidence' },
          fix: upload,
        };
      return {
        met: false,
        facts,
        detail: { zh: '未上传消防安全证明材料。', en: 'No fire safety evidence is on file.' },
        fix: upload,
        level: evidenceLevel,
      };
    },
  },
  {
    id: 'venue.surveillance',
    check: 'surveillance',
    policyRefs: ['P-R4'],
    what: { zh: '安装监控设备', en: 'surveillance cameras installed' },
    fix: { zh: '有条件的托管班应安装监控设备。', en: 'Install surveillance cameras where possible.' },
    judge: (s) => ({ met: flag(s.venue?.surveillance), facts: { surveillance: s.venue?.surveillance ?? null } }),
  },
];

function venueRule(item: VenueItem): Rule {
  const rule: Rule = {
    id: item.id,
    policyRefs: item.policyRefs,
    describe: (c) => {
      const level = c.venue.checks[item.check];
      if (level === 'off')
        return { zh: `本项目不检查：${item.what.zh}。`, en: `Not checked in this campaign: ${item.what.en}.` };
      return level === 'required'
        ? { zh: `${item.what.zh}。`, en: `Required: ${item.what.en}.` }
        : { zh: `有条件的应做到：${item.what.zh}（建议项）。`, en: `Recommended: ${item.what.en}.` };
    },
    evaluate(s, c): RuleResult {
      const level = c.venue.checks[item.check];
      if (level === 'off') {
        return result(
          rule,
          'pass',
          { zh: `本项目不检查：${item.what.zh}。`, en: `Not checked in this campaign: ${item.what.en}.` },
          { level },
        );
      }
      const j = item.judge(s, c);
      const facts = { ...j.facts, level };
      if (j.met === undefined) {
        return result(
          rule,
          'unknown',
          j.detail
            ? {
                zh: `尚未登记：${j.detail.zh}（${item.what.zh}）。`,
                en: `Not recorded: ${j.detail.en} (${item.what.en}).`,
              }
            : { zh: `尚未登记：${item.what.zh}。`, en: `Not recorded: ${item.what.en}.` },
          facts,
          j.fix ?? { zh: '补充登记场地情况。', en: 'Record the venue’s details.' },
        );
      }
      if (!j.met) {
        const detail = j.detail ?? { zh: '', en: '' };
        // An answer may soften the item (fire evidence merely recommended), never make it stricter.
        const applied: RequirementLevel = j.level === 'recommended' || j.level === 'off' ? 'recommended' : level;
        return result(
          rule,
          unmetStatus(applied),
          {
            zh: `${detail.zh}未满足：${item.what.zh}${applied === 'recommended' ? '（建议项）' : ''}。`,
            en: `${detail.en ? `${detail.en} ` : ''}Not met${applied === 'recommended' ? ' (recommended)' : ''}: ${item.what.en}.`,
          },
          facts,
          j.fix ?? item.fix,
        );
      }
      return result(rule, 'pass', { zh: `${item.what.zh}。`, en: `Met: ${item.what.en}.` }, facts);
    },
  };
  return rule;
}

export const venueRules: readonly Rule[] = ITEMS.map(venueRule);
