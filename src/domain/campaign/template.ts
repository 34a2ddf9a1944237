// The built-in campaign template: the 2021 policy of the seed text (附件1《开展职工子女爱心托管服务专案》)
// written as campaign parameters. Owns the defaults only; each value cites the requirement it comes from.

import { type Campaign, DEFAULT_DAILY, type FundingSource } from './schema.js';

const UNION_SOURCES: readonly FundingSource[] = ['grassrootsUnion', 'countyUnion', 'cityUnion', 'provinceUnion'];

function fundingSources(): Campaign['funding']['sources'] {
  const rule = (s: FundingSource) =>
    UNION_SOURCES.includes(s)
      ? // P-R7: 不得使用工会投入资金购买托管对象人身意外伤害保险.
        { union: true, mayNotPayFor: ['insurance' as const] }
      : { union: false, mayNotPayFor: [] };
  return {
    unit: rule('unit'),
    grassrootsUnion: rule('grassrootsUnion'),
    countyUnion: rule('countyUnion'),
    cityUnion: rule('cityUnion'),
    provinceUnion: rule('provinceUnion'),
    parents: rule('parents'),
    other: rule('other'),
  };
}

/** The seed's 2021 summer programme. Frozen: build campaigns with `buildCampaign`, which copies it. */
export const TEMPLATE_2021: Readonly<Campaign> = deepFreeze({
  name: '2021年职工子女暑期爱心托管服务',
  year: 2021,
  holidayType: 'summer',
  // P-R2 "2021年暑假期间": the seed names no dates; July–August is the usual primary-school summer break.
  season: { start: '2021-07-01', end: '2021-08-31' },
  // P-T1 ≥30 units, P-T2 1,000 families, P-T3 10 demonstration classes.
  targets: { units: 30, families: 1000, demonstrationClasses: 10 },
  // P-R1 grades 1–6; kindergarten children with self-care ability, at most 10 %.
  eligibility: { gradesAllowed: [1, 2, 3, 4, 5, 6], kindergartenMaxShare: 0.1, kindergartenSelfCareRequired: true },
  // P-R3 ≥20 children (含20人), ≥20 working days, attendance ≥75 %. The seed is silent on sick leave;
  // the literal reading of 出勤率 counts it as absence.
  scale: { minChildren: 20, minWorkingDays: 20, minAttendanceRate: 0.75, sickLeave: 'absent' },
  // P-R4: everything is "应/不得" (required) except cameras: "有条件的托管班应安装监控设备" (recommended).
  venue: {
    checks: {
      independent: 'required',
      forbiddenLocation: 'required',
      hazards: 'required',
      ventilationLighting: 'required',
      fireSafety: 'required',
      surveillance: 'recommended',
    },
    forbiddenLocations: ['basement', 'semi-basement'],
    forbiddenBuildingUses: ['production', 'warehouse', 'illegal', 'dangerous'],
    // "消防安全条件符合国家相关要求（附证明材料）": the evidence is part of the requirement.
    fireEvidence: 'required',
  },
  // P-R5: 不自行配餐的托管班应当与取得餐饮服务许可证的餐饮企业签订配餐协议.
  catering: { contract: 'required', licenceValidThroughLastDay: true },
  // P-R7: custody agreement, cooperation agreement, provider qualification review, guardian-bought insurance.
  responsibility: {
    custodyAgreement: 'required',
    partnerAgreement: 'required',
    providerQualification: 'required',
    guardianInsurance: 'required',
  },
  // P-R8 sources; P-R7 forbids union money for insurance.
  funding: { sources: fundingSources() },
  // P-S 明确风险防控措施和责任, P-R6 建立健全各项规章制度, P-R7 谁管理谁负责: safety rules, an emergency plan naming
  // who answers for each risk, and a duty roster, on paper before approval.
  management: { documents: ['safety', 'emergency', 'duty'] },
  // Not in the seed; a common local standard (one adult per ten children). Recorded, not enforced yet.
  staffing: { maxChildrenPerAdult: 10 },
  enrolment: { priorityGroups: ['bothEmployed', 'hardship', 'frontLine', 'singleChild'], offerHours: 48 },
  daily: structuredClone(DEFAULT_DAILY),
  calendar: { holidays: [], workdays: [] },
  // P-K1 plan by 04-20; P-K2 preparation by 05-20; P-K3 monthly at month end June–September;
  // P-K4 summary by 08-30 with demonstration applications (the seed dates it in the Oct–Nov phase but
  // says "8月30日前"; we keep the explicit date), selection October–November.
  reporting: {
    plan: '2021-04-20',
    preparation: '2021-05-20',
    monthly: { from: '2021-06', to: '2021-09' },
    summary: '2021-08-30',
    demonstrationApplicationsWithSummary: true,
    selection: { start: '2021-10-01', end: '2021-11-30' },
  },
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
