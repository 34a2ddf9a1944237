/**
 * The rules' short names in Chinese and English, for the server's documents (the dashboard's .xlsx heatmap columns).
 * The same words as the console's `ruleTitle` (src/web/app/careLabels.ts); the rule's own message says the details.
 */
import type { RuleId } from '../rules/types.js';

export const RULE_SHORT_TITLES: Record<RuleId, { zh: string; en: string }> = {
  'eligibility.grade': { zh: '托管对象年级', en: 'Grades' },
  'eligibility.kindergartenShare': { zh: '幼儿园儿童占比', en: 'Kindergarten share' },
  'eligibility.kindergartenSelfCare': { zh: '幼儿园儿童自理能力', en: 'Kindergarten self-care' },
  'period.withinSeason': { zh: '托管时间在假期内', en: 'Within the holiday' },
  'scale.minChildren': { zh: '托管人数', en: 'Number of children' },
  'scale.minWorkingDays': { zh: '托管工作日数', en: 'Working days' },
  'scale.attendanceRate': { zh: '出勤率', en: 'Attendance rate' },
  'venue.independent': { zh: '场地相对独立', en: 'Independent site' },
  'venue.forbiddenLocation': { zh: '场地不在禁止区域', en: 'Not a forbidden site' },
  'venue.hazards': { zh: '远离污染和危险源', en: 'Away from hazards' },
  'venue.ventilationLighting': { zh: '通风采光', en: 'Ventilation and lighting' },
  'venue.fireSafety': { zh: '消防安全', en: 'Fire safety' },
  'venue.surveillance': { zh: '监控设备', en: 'Surveillance' },
  'food.catering': { zh: '配餐与食品安全', en: 'Catering' },
  'agreement.custody': { zh: '托管协议', en: 'Custody agreements' },
  'agreement.partner': { zh: '合作协议', en: 'Cooperation agreement' },
  'provider.qualification': { zh: '服务机构资质审核', en: 'Provider qualification' },
  'insurance.guardianBought': { zh: '意外伤害保险', en: 'Accident insurance' },
  'funding.noUnionFundsForInsurance': { zh: '工会资金不得购买保险', en: 'No union money for insurance' },
  'management.documents': { zh: '书面管理制度', en: 'Written rules' },
};

/** The Chinese short name of a rule id (the id itself for one the catalogue does not know). */
export const ruleTitleZh = (id: string): string =>
  (RULE_SHORT_TITLES as Record<string, { zh: string } | undefined>)[id]?.zh ?? id;
