// Responsibility rules: food safety (P-R5), custody and cooperation agreements, provider qualification
// review and guardian-bought insurance (P-R7), and no union money for insurance (P-R7 with P-R8's
// sources). "谁管理谁负责": each rule names what record would make it pass.

import { isIsoDate } from '../calendar/dates.js';
import { FUNDING_SOURCES, type FundingSource } from '../campaign/schema.js';
import type { RequirementLevel } from '../campaign/schema.js';
import {
  beforeEnrolmentCloses,
  enrolledChildren,
  everyChildRule,
  listLabels,
  pendingUntilEnrolmentCloses,
  result,
  unmetStatus,
} from './helpers.js';
import type { ChildPaperwork, ClassSnapshot, Localized, Rule, RuleResult } from './types.js';

const SOURCE_ZH: Record<FundingSource, string> = {
  unit: '单位行政',
  grassrootsUnion: '基层工会',
  countyUnion: '县级工会',
  cityUnion: '市级工会',
  provinceUnion: '省级工会',
  parents: '家长',
  other: '其他来源',
};
const PURPOSE_ZH: Record<string, string> = {
  insurance: '意外伤害保险',
  meals: '餐费',
  staff: '人员',
  materials: '物资',
  venue: '场地',
  other: '其他',
};

export const cateringRule: Rule = {
  id: 'food.catering',
  policyRefs: ['P-R5'],
  describe: (c) =>
    c.catering.contract === 'off'
      ? { zh: '本项目不检查配餐协议。', en: 'Catering contracts are not checked in this campaign.' }
      : {
          zh: `不自行配餐的托管班应与取得餐饮服务许可证的餐饮企业签订配餐协议，协议期限须覆盖托管全期（首日至最后一天）${c.catering.licenceValidThroughLastDay ? '，许可证有效期须覆盖托管最后一天' : '，许可证须在托管首日有效'}；不供餐的无需协议。`,
          en: `A class that does not cook for itself contracts a licensed caterer, the contract covering the class from its first to its last day${c.catering.licenceValidThroughLastDay ? ', the licence valid through the last day' : ', the licence valid on the first day'}; no meals, no contract.`,
        },
  evaluate(s, c) {
    const level = c.catering.contract;
    const mode = s.catering?.mode;
    const expiry = s.catering?.licenseExpiry;
    const contract = s.catering?.contract;
    const facts: Record<string, unknown> = {
      mode: mode ?? null,
      licenseExpiry: expiry ?? null,
      contractStart: contract?.start ?? null,
      contractEnd: contract?.end ?? null,
      level,
    };
    if (level === 'off')
      return result(cateringRule, 'pass', { zh: '本项目不检查配餐协议。', en: 'Not checked in this campaign.' }, facts);
    if (mode === 'self')
      return result(cateringRule, 'pass', { zh: '自行配餐。', en: 'The class cooks for itself.' }, facts);
    if (mode === 'none')
      return result(
        cateringRule,
        'pass',
        { zh: '不供餐，无需配餐协议。', en: 'No meals served; no contract needed.' },
        facts,
      );
    if (mode !== 'contracted') {
      return result(
        cateringRule,
        'unknown',
        { zh: '尚未登记供餐方式。', en: 'How meals are provided is not recorded.' },
        facts,
        {
          zh: '登记供餐方式（自行配餐、配餐协议或不供餐）。',
          en: 'Record the catering mode (self, contracted, none).',
        },
      );
    }
    if (!isIsoDate(s.startDate) || !isIsoDate(s.endDate) || s.endDate < s.startDate) {
      return result(
        cateringRule,
        'unknown',
        {
          zh: '尚未登记托管班起止日期，无法核对配餐协议期限和许可证有效期。',
          en: 'Class dates missing; cannot check the contract period and the licence.',
        },
        facts,
        { zh: '登记托管班开始和结束日期。', en: 'Record the start and end dates.' },
      );
    }
    const first = s.startDate;
    const last = s.endDate;
    // What is known to be wrong, each with its fix; then what is not known yet.
    const problems: { zh: string; en: string; fixZh: string; fixEn: string }[] = [];
    const notKnown: { zh: string; en: string; fixZh: string; fixEn: string }[] = [];

    // The licence: valid through the last day, or (when the campaign relaxes that) at least on the first day.
    const mustCover = c.catering.licenceValidThroughLastDay ? last : first;
    facts.mustBeValidOn = mustCover;
    if (!isIsoDate(expiry)) {
      notKnown.push({
        zh: '尚未登记配餐企业餐饮服务许可证有效期',
        en: 'the caterer’s licence expiry is not recorded',
        fixZh: '登记配餐企业的餐饮服务许可证及有效期',
        fixEn: 'record the caterer’s food-service licence and its expiry',
      });
    } else if (expiry < mustCover) {
      problems.push({
        zh: `配餐企业餐饮服务许可证 ${expiry} 到期，未覆盖托管期（须有效至 ${mustCover}）`,
        en: `the caterer’s licence expires ${expiry}, before ${mustCover}`,
        fixZh: '更换持有有效许可证的配餐企业，或取得其续期许可证',
        fixEn: 'use a caterer with a valid licence, or obtain the renewed licence',
      });
    }

    // The contract: null = recorded as missing; absent = not known; otherwise it must cover first..last.
    if (contract === null) {
      problems.push({
        zh: '未签订配餐协议（未登记协议期限）',
        en: 'no catering contract is recorded',
        fixZh: '与配餐企业签订覆盖托管全期的配餐协议，并登记协议起止日期',
        fixEn: 'sign a catering contract covering the whole class and record its dates',
      });
    } else if (contract === undefined || !isIsoDate(contract.start) || !isIsoDate(contract.end)) {
      notKnown.push({
        zh: '尚未登记配餐协议期限',
        en: 'the catering contract’s period is not recorded',
        fixZh: '登记配餐协议的起止日期',
        fixEn: 'record the catering contract’s start and end dates',
      });
    } else {
      if (contract.start > first) {
        problems.push({
          zh: `配餐协议 ${contract.start} 才生效，晚于托管开始日 ${first}`,
          en: `the catering contract starts ${contract.start}, after the class starts (${first})`,
          fixZh: `将配餐协议生效日提前至 ${first} 或更早`,
          fixEn: `have the contract start on ${first} or earlier`,
        });
      }
      if (contract.end < last) {
        problems.push({
          zh: `配餐协议 ${contract.end} 到期，早于托管结束日 ${last}`,
          en: `the catering contract ends ${contract.end}, before the class ends (${last})`,
          fixZh: `续签配餐协议至 ${last} 或更晚`,
          fixEn: `extend the contract to ${last} or later`,
        });
      }
    }
    const join = (xs: typeof problems, sep: string, k: 'zh' | 'en' | 'fixZh' | 'fixEn') =>
      xs.map((x) => x[k]).join(sep);
    if (problems.length > 0) {
      return result(
        cateringRule,
        unmetStatus(level),
        { zh: `${join(problems, '；', 'zh')}。`, en: `${capitalize(join(problems, '; ', 'en'))}.` },
        facts,
        { zh: `${join(problems, '；', 'fixZh')}。`, en: `${capitalize(join(problems, '; ', 'fixEn'))}.` },
      );
    }
    if (notKnown.length > 0) {
      return result(
        cateringRule,
        'unknown',
        { zh: `${join(notKnown, '；', 'zh')}。`, en: `${capitalize(join(notKnown, '; ', 'en'))}.` },
        facts,
        { zh: `${join(notKnown, '；', 'fixZh')}。`, en: `${capitalize(join(notKnown, '; ', 'fixEn'))}.` },
      );
    }
    return result(
      cateringRule,
      'pass',
      {
        zh: `配餐协议 ${contract?.start} 至 ${contract?.end}，覆盖托管期 ${first} 至 ${last}；配餐企业许可证有效期至 ${expiry}。`,
        en: `Catering contract ${contract?.start} to ${contract?.end} covers the class (${first} to ${last}); licence valid until ${expiry}.`,
      },
      facts,
    );
  },
};

const capitalize = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

export const custodyRule: Rule = {
  id: 'agreement.custody',
  policyRefs: ['P-R7'],
  describe: () => ({
    zh: '与每名托管对象的监护人签订托管协议。',
    en: 'A custody agreement signed with each child’s guardian.',
  }),
  // A stored class: every child holding a place or attended; a day in the room without a signature fails.
  // Otherwise (check-class) guardians sign as they take a place: a missing signature fails once enrolment has closed.
  evaluate: (s, c, asOf) =>
    s.paperwork
      ? paperworkRule(custodyRule, s, s.paperwork, c.responsibility.custodyAgreement, {
          now: (p) => p.custodyAgreement,
          days: (p) => p.attendedWithoutAgreement,
          what: { zh: '签署托管协议', en: 'a signed custody agreement' },
          fixAttended: {
            zh: '立即与上述儿童的监护人签订托管协议；签署前门口不再为其签到。',
            en: 'Sign custody agreements with those guardians now; the door does not check the children in until then.',
          },
          fixHeld: {
            zh: '提醒上述儿童的监护人在手机上签署托管协议；签署前不能入托。',
            en: 'Ask those guardians to sign the custody agreement on their phone; the children cannot attend until then.',
          },
        })
      : pendingUntilEnrolmentCloses(
          s,
          everyChildRule(
            custodyRule,
            enrolledChildren(s, asOf),
            (ch) => ch.custodyAgreement,
            c.responsibility.custodyAgreement,
            {
              what: { zh: '与监护人签订托管协议', en: 'a custody agreement signed with the guardian' },
              fix: { zh: '与上述儿童的监护人签订托管协议。', en: 'Sign custody agreements with those guardians.' },
            },
          ),
        ),
};

export const insuranceRule: Rule = {
  id: 'insurance.guardianBought',
  policyRefs: ['P-R7'],
  describe: () => ({
    zh: '监护人为托管对象自行购买人身意外伤害保险（留存凭证）。',
    en: 'Guardians buy personal accident insurance for their child (proof recorded).',
  }),
  evaluate: (s, c, asOf) =>
    s.paperwork
      ? paperworkRule(insuranceRule, s, s.paperwork, c.responsibility.guardianInsurance, {
          now: (p) => p.insurance,
          days: (p) => p.attendedWithoutInsurance,
          what: { zh: '审核通过的保险凭证', en: 'an approved insurance proof covering the day' },
          fixAttended: {
            zh: '请上述儿童的监护人购买人身意外伤害保险并上传凭证，审核通过前门口不再为其签到。',
            en: 'Have those guardians buy accident insurance and upload proof; the door does not check them in until it is approved.',
          },
          fixHeld: {
            zh: '提醒上述儿童的监护人购买人身意外伤害保险并上传凭证，并及时审核；审核通过前不能入托。',
            en: 'Ask those guardians to buy accident insurance and upload proof, and review it; the children cannot attend until then.',
          },
        })
      : pendingUntilEnrolmentCloses(
          s,
          everyChildRule(
            insuranceRule,
            enrolledChildren(s, asOf),
            (ch) => ch.insurance,
            c.responsibility.guardianInsurance,
            {
              what: { zh: '监护人已自行购买人身意外伤害保险', en: 'accident insurance bought by the guardian' },
              fix: {
                zh: '提醒上述儿童的监护人购买人身意外伤害保险并提交凭证。',
                en: 'Ask those guardians to buy accident insurance and show proof.',
              },
            },
          ),
        ),
};

/** "7月6日" style days, at most a few, for messages. */
const shortDays = (days: readonly string[], max = 3): string => {
  const head = days.slice(0, max).map((d) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`);
  return `${head.join('、')}${days.length > max ? ` 等 ${days.length} 天` : ''}`;
};

/**
 * The custody and insurance rules on a stored class (P-R7, paperwork before care): `fail` when any child was in the
 * room on a day without it (the facts name the children and the days); otherwise, while children holding a place
 * still lack it (they cannot attend until it is done), `warn` — pending (`unknown`) before enrolment closes; `pass`
 * when every child holding a place has it and nobody attended without it.
 */
function paperworkRule(
  rule: Pick<Rule, 'id' | 'policyRefs'>,
  s: ClassSnapshot,
  all: readonly ChildPaperwork[],
  level: RequirementLevel,
  o: {
    now: (p: ChildPaperwork) => boolean;
    days: (p: ChildPaperwork) => readonly string[];
    what: Localized;
    fixAttended: Localized;
    fixHeld: Localized;
  },
): RuleResult {
  if (level === 'off') {
    return result(
      rule,
      'pass',
      { zh: `本项目未要求：${o.what.zh}。`, en: `Not required by this campaign: ${o.what.en}.` },
      { level },
    );
  }
  const label = (p: { id: string; name: string }) => p.name || p.id;
  const attended = all
    .filter((p) => o.days(p).length > 0)
    .map((p) => ({ id: p.id, name: p.name, days: [...o.days(p)] }));
  const held = all.filter((p) => p.holdsPlace);
  const lacking = held.filter((p) => !o.now(p)).map((p) => ({ id: p.id, name: p.name }));
  const facts = {
    level,
    children: all.length,
    holdingPlace: held.length,
    attendedWithout: attended,
    lacking,
  };
  if (attended.length > 0) {
    const list = attended.map((a) => `${label(a)}（${shortDays(a.days)}）`);
    const listEn = attended.map(
      (a) => `${label(a)} (${a.days.slice(0, 3).join(', ')}${a.days.length > 3 ? ', …' : ''})`,
    );
    return result(
      rule,
      unmetStatus(level),
      {
        zh: `${attended.length} 名儿童在没有${o.what.zh}的情况下入托：${listLabels(list, 3)}。`,
        en: `${attended.length} children attended without ${o.what.en}: ${listEn.slice(0, 3).join('; ')}${listEn.length > 3 ? '; …' : ''}.`,
      },
      facts,
      o.fixAttended,
    );
  }
  if (lacking.length > 0) {
    const pending = beforeEnrolmentCloses(s);
    return result(
      rule,
      pending ? 'unknown' : 'warn',
      {
        zh: `${pending ? '报名尚未截止，开班后判定。目前：' : ''}${lacking.length} 名持有名额的儿童尚无${o.what.zh}（${listLabels(lacking.map(label))}），办妥前不能入托；无人未办妥即入托。`,
        en: `${pending ? 'Pending until enrolment closes. So far: ' : ''}${lacking.length} children holding a place lack ${o.what.en} (${listLabels(lacking.map(label))}) and cannot attend until it is done; nobody attended without it.`,
      },
      { ...facts, ...(pending ? { classPhase: s.phase, pending: true } : {}) },
      o.fixHeld,
    );
  }
  if (held.length === 0) {
    return result(rule, 'unknown', { zh: '尚无在托儿童。', en: 'No children enrolled yet.' }, facts);
  }
  return result(
    rule,
    'pass',
    {
      zh: `全部 ${held.length} 名持有名额的儿童均有${o.what.zh}，无人未办妥即入托。`,
      en: `All ${held.length} children holding a place have ${o.what.en}; nobody attended without it.`,
    },
    facts,
  );
}

export const partnerAgreementRule: Rule = {
  id: 'agreement.partner',
  policyRefs: ['P-R7'],
  describe: () => ({
    zh: '联合开办或依托合作机构开办的，应与合作机构签订合作协议。',
    en: 'A class run jointly or relying on a partner institution has a cooperation agreement.',
  }),
  evaluate(s, c) {
    const level = c.responsibility.partnerAgreement;
    const facts = { mode: s.mode ?? null, partnerAgreement: s.partnerAgreement ?? null, level };
    if (level === 'off')
      return result(
        partnerAgreementRule,
        'pass',
        { zh: '本项目不检查合作协议。', en: 'Not checked in this campaign.' },
        facts,
      );
    if (s.mode === 'standalone') {
      return result(
        partnerAgreementRule,
        'pass',
        { zh: '单独开办，无需合作协议。', en: 'Standalone class; no cooperation agreement needed.' },
        facts,
      );
    }
    if (s.mode !== 'joint' && s.mode !== 'partner') {
      return result(
        partnerAgreementRule,
        'unknown',
        { zh: '尚未登记建设模式。', en: 'The set-up mode is not recorded.' },
        facts,
        {
          zh: '登记建设模式（单独开办、联合开办或依托机构）。',
          en: 'Record the mode (standalone, joint, partner).',
        },
      );
    }
    if (s.partnerAgreement === true) {
      return result(
        partnerAgreementRule,
        'pass',
        { zh: '已与合作机构签订合作协议。', en: 'Cooperation agreement signed.' },
        facts,
      );
    }
    if (s.partnerAgreement === false) {
      return result(
        partnerAgreementRule,
        unmetStatus(level),
        { zh: '以合作方式开办，但未与合作机构签订合作协议。', en: 'Run with a partner but no cooperation agreement.' },
        facts,
        { zh: '与合作机构签订合作协议。', en: 'Sign a cooperation agreement with the partner.' },
      );
    }
    return result(
      partnerAgreementRule,
      'unknown',
      { zh: '尚未登记是否签订合作协议。', en: 'Not recorded whether a cooperation agreement exists.' },
      facts,
    );
  },
};

export const providerQualificationRule: Rule = {
  id: 'provider.qualification',
  policyRefs: ['P-R7'],
  describe: () => ({
    zh: '通过购买服务方式开展托管的，应对承接看护责任的第三方服务机构作好资质审核。',
    en: 'A class run by a purchased service has the provider’s qualification reviewed and passed.',
  }),
  evaluate(s, c) {
    const level = c.responsibility.providerQualification;
    const facts = { management: s.management ?? null, providerQualified: s.providerQualified ?? null, level };
    if (level === 'off')
      return result(
        providerQualificationRule,
        'pass',
        { zh: '本项目不检查资质审核。', en: 'Not checked in this campaign.' },
        facts,
      );
    if (s.management === 'union' || s.management === 'volunteers') {
      return result(
        providerQualificationRule,
        'pass',
        { zh: '未购买第三方服务，无需资质审核。', en: 'No purchased service; no review needed.' },
        facts,
      );
    }
    if (s.management !== 'purchased') {
      return result(
        providerQualificationRule,
        'unknown',
        { zh: '尚未登记管理方式。', en: 'The management mode is not recorded.' },
        facts,
        {
          zh: '登记管理方式（工会人员、志愿者或购买服务）。',
          en: 'Record the management mode.',
        },
      );
    }
    if (s.providerQualified === true) {
      return result(
        providerQualificationRule,
        'pass',
        { zh: '第三方服务机构资质审核已通过。', en: 'The provider’s qualification review passed.' },
        facts,
      );
    }
    if (s.providerQualified === false) {
      return result(
        providerQualificationRule,
        unmetStatus(level),
        {
          zh: '购买第三方服务，但服务机构资质审核未通过或未开展。',
          en: 'Purchased service without a passed qualification review.',
        },
        facts,
        {
          zh: '完成第三方服务机构资质审核，或更换合格机构。',
          en: 'Review the provider’s qualifications, or change provider.',
        },
      );
    }
    return result(
      providerQualificationRule,
      'unknown',
      { zh: '尚未登记第三方服务机构资质审核结果。', en: 'The provider review result is not recorded.' },
      facts,
    );
  },
};

export const unionFundsRule: Rule = {
  id: 'funding.noUnionFundsForInsurance',
  policyRefs: ['P-R7', 'P-R8'],
  describe: (c) => {
    // Group sources with the same restrictions: "基层工会、县级工会…资金不得用于意外伤害保险".
    const groups = new Map<string, FundingSource[]>();
    for (const src of FUNDING_SOURCES) {
      const key = c.funding.sources[src].mayNotPayFor.join(',');
      if (key !== '') groups.set(key, [...(groups.get(key) ?? []), src]);
    }
    if (groups.size === 0) return { zh: '本项目未限定资金用途。', en: 'No funding restrictions in this campaign.' };
    const entries = [...groups.entries()];
    return {
      zh: `${entries
        .map(
          ([k, srcs]) =>
            `${srcs.map((x) => SOURCE_ZH[x]).join('、')}资金不得用于${k
              .split(',')
              .map((p) => PURPOSE_ZH[p] ?? p)
              .join('、')}`,
        )
        .join('；')}。`,
      en: `${entries.map(([k, srcs]) => `${srcs.join(', ')} may not pay for ${k.split(',').join(', ')}`).join('; ')}.`,
    };
  },
  evaluate(s, c) {
    if (!Array.isArray(s.funding)) {
      return result(
        unionFundsRule,
        'unknown',
        { zh: '尚未登记资金使用情况。', en: 'No funding records yet.' },
        {},
        {
          zh: '登记各项资金的来源和用途。',
          en: 'Record each funding line’s source and purpose.',
        },
      );
    }
    const violations: { line: number; source: string; purpose: string; amount: number | null }[] = [];
    const incomplete: number[] = [];
    s.funding.forEach((line, i) => {
      const src = line?.source;
      const purpose = line?.purpose;
      // Guard the lookup: a stored record may carry a source this campaign does not know.
      const rule = (FUNDING_SOURCES as readonly unknown[]).includes(src)
        ? c.funding.sources[src as FundingSource]
        : undefined;
      if (rule === undefined || purpose === undefined) {
        incomplete.push(i + 1);
        return;
      }
      if ((rule.mayNotPayFor as readonly string[]).includes(purpose)) {
        violations.push({
          line: i + 1,
          source: src as string,
          purpose,
          amount: typeof line.amount === 'number' ? line.amount : null,
        });
      }
    });
    const total = violations.reduce((sum, v) => sum + (v.amount ?? 0), 0);
    const facts = { lines: s.funding.length, violations, incompleteLines: incomplete, amountInViolation: total };
    if (violations.length > 0) {
      const first = violations[0];
      const unionInsurance = violations.some(
        (v) => v.purpose === 'insurance' && c.funding.sources[v.source as FundingSource].union,
      );
      const what = first
        ? `${SOURCE_ZH[first.source as FundingSource] ?? first.source}资金用于${PURPOSE_ZH[first.purpose] ?? first.purpose}`
        : '';
      return result(
        unionFundsRule,
        'fail',
        {
          zh: `有 ${violations.length} 笔资金用途不符合规定（如：${what}），合计 ${total.toFixed(2)} 元。${unionInsurance ? '工会资金不得用于购买托管对象人身意外伤害保险。' : ''}`,
          en: `${violations.length} funding lines pay for something their source may not (total ${total.toFixed(2)} CNY)${unionInsurance ? '; union money may not buy insurance' : ''}.`,
        },
        facts,
        { zh: '改由家长自行购买保险，或调整资金来源。', en: 'Have guardians buy the insurance, or change the source.' },
      );
    }
    if (incomplete.length > 0) {
      return result(
        unionFundsRule,
        'unknown',
        {
          zh: `第 ${incomplete.slice(0, 5).join('、')} 笔资金未登记来源或用途。`,
          en: `Funding lines ${incomplete.slice(0, 5).join(', ')} lack a source or purpose.`,
        },
        facts,
        { zh: '补充登记资金来源和用途。', en: 'Record source and purpose.' },
      );
    }
    return result(
      unionFundsRule,
      'pass',
      {
        zh: '未发现工会资金用于购买保险等受限用途。',
        en: 'No union money spent on insurance or other restricted uses.',
      },
      facts,
    );
  },
};
