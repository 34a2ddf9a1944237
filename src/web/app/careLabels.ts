/**
 * Display labels for the care programme's vocabularies. Class statuses come from the domain's lifecycle module
 * (one source with the server and the export); the other vocabularies are listed here against the domain's
 * *types* only, so that the bundle does not pull in zod: a value added in the domain without a label here fails
 * the type check (`Record<…>` must be exhaustive).
 */
import type {
  BuildingUse,
  FundingPurpose,
  FundingSource,
  HolidayType,
  RequirementLevel,
  SickLeaveTreatment,
  VenueCheck,
  VenueLocation,
} from '../../domain/campaign/schema';
import {
  type ACTIVITY_KINDS,
  type CLASS_MODES,
  type ClassStatus,
  type MANAGEMENT_MODES,
  type MEAL_MODES,
  STATUS_LABELS,
  type STAFF_ROLES,
} from '../../domain/classes/lifecycle';
import type { RuleId } from '../../domain/rules/types';
import { currentLang, type Lang } from './i18n';

type L = { zh: string; en: string };
const pick = (l: L, lang: Lang) => l[lang];

export const classStatusLabel = (s: ClassStatus, lang: Lang = currentLang()) => pick(STATUS_LABELS[s], lang);
export const CLASS_STATUS_COLORS: Record<ClassStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  open: 'cyan',
  running: 'blue',
  closed: 'purple',
  archived: 'default',
};

export type ClassMode = (typeof CLASS_MODES)[number];
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];
export type MealMode = (typeof MEAL_MODES)[number];
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

const MODE: Record<ClassMode, L> = {
  standalone: { zh: '单独开办', en: 'Standalone' },
  joint: { zh: '联合开办', en: 'Joint with other units' },
  partner: { zh: '依托学校/机构', en: 'Relying on a school or institution' },
};
const MANAGEMENT: Record<ManagementMode, L> = {
  union: { zh: '工会工作人员', en: 'Union staff' },
  volunteers: { zh: '职工/社会志愿者', en: 'Volunteers' },
  purchased: { zh: '购买专业服务', en: 'Purchased professional service' },
};
const MEALS: Record<MealMode, L> = {
  self: { zh: '自行配餐', en: 'Self-catering' },
  contracted: { zh: '委托配餐企业', en: 'Contracted caterer' },
  none: { zh: '不供餐', en: 'No meals' },
};
const ACTIVITY: Record<ActivityKind, L> = {
  homework: { zh: '作业辅导', en: 'Homework' },
  tutoring: { zh: '个别辅导', en: 'Tutoring' },
  reading: { zh: '阅读', en: 'Reading' },
  sports: { zh: '体育', en: 'Sports' },
  arts: { zh: '艺术', en: 'Arts' },
  practice: { zh: '社会实践', en: 'Social practice' },
  rest: { zh: '午休', en: 'Rest' },
  other: { zh: '其他', en: 'Other' },
};
const STAFF: Record<StaffRole, L> = {
  head: { zh: '负责人', en: 'Class head' },
  safety: { zh: '安全员', en: 'Safety officer' },
  teacher: { zh: '教师/辅导员', en: 'Teacher / tutor' },
  union_staff: { zh: '工会工作人员', en: 'Union staff' },
  employee_volunteer: { zh: '职工志愿者', en: 'Employee volunteer' },
  social_volunteer: { zh: '社会志愿者', en: 'Social volunteer' },
  provider_staff: { zh: '服务机构人员', en: 'Provider staff' },
};
export const classModeLabel = (m: ClassMode, lang: Lang = currentLang()) => pick(MODE[m], lang);
export const managementLabel = (m: ManagementMode, lang: Lang = currentLang()) => pick(MANAGEMENT[m], lang);
export const mealsLabel = (m: MealMode, lang: Lang = currentLang()) => pick(MEALS[m], lang);
export const activityLabel = (k: ActivityKind, lang: Lang = currentLang()) => pick(ACTIVITY[k], lang);
export const staffRoleLabel = (r: StaffRole, lang: Lang = currentLang()) => pick(STAFF[r], lang);

export const CLASS_MODE_KEYS = Object.keys(MODE) as ClassMode[];
export const MANAGEMENT_KEYS = Object.keys(MANAGEMENT) as ManagementMode[];
export const MEAL_KEYS = Object.keys(MEALS) as MealMode[];
export const ACTIVITY_KEYS = Object.keys(ACTIVITY) as ActivityKind[];
export const STAFF_ROLE_KEYS = Object.keys(STAFF) as StaffRole[];

/** Short names of the 20 rules (the rule's own message says the details). */
const RULE_TITLES: Record<RuleId, L> = {
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
export const RULE_KEYS = Object.keys(RULE_TITLES) as RuleId[];
export const ruleTitle = (id: string, lang: Lang = currentLang()) =>
  id in RULE_TITLES ? pick(RULE_TITLES[id as RuleId], lang) : id;

const HOLIDAY: Record<HolidayType, L> = {
  summer: { zh: '暑假', en: 'Summer' },
  winter: { zh: '寒假', en: 'Winter' },
  other: { zh: '其他假期', en: 'Other holiday' },
};
const LEVEL: Record<RequirementLevel, L> = {
  required: { zh: '必须', en: 'Required' },
  recommended: { zh: '建议', en: 'Recommended' },
  off: { zh: '不检查', en: 'Not checked' },
};
/** What each level does to a rule, for the parameter form's options. */
const LEVEL_EFFECT: Record<RequirementLevel, L> = {
  required: { zh: '不满足即不通过', en: 'fails when not met' },
  recommended: { zh: '不满足时提醒', en: 'warns when not met' },
  off: { zh: '不判定', en: 'not judged' },
};
const SICK: Record<SickLeaveTreatment, L> = {
  absent: { zh: '计为缺勤', en: 'Counts as absent' },
  excluded: { zh: '不计入应出勤', en: 'Excluded from scheduled days' },
  present: { zh: '计为出勤', en: 'Counts as present' },
};
const CHECK: Record<VenueCheck, L> = {
  independent: { zh: '场地相对独立', en: 'Relatively independent site' },
  forbiddenLocation: { zh: '不在禁止区域', en: 'Not a forbidden location' },
  hazards: { zh: '远离污染区和危险源', en: 'Away from pollution and hazards' },
  ventilationLighting: { zh: '通风采光良好', en: 'Good ventilation and lighting' },
  fireSafety: { zh: '消防安全符合要求', en: 'Fire safety meets requirements' },
  surveillance: { zh: '安装监控设备', en: 'Surveillance cameras' },
};
const LOCATION: Record<VenueLocation, L> = {
  ground: { zh: '地面一层', en: 'Ground floor' },
  upper: { zh: '地上楼层', en: 'Upper floor' },
  basement: { zh: '地下室', en: 'Basement' },
  'semi-basement': { zh: '半地下室', en: 'Semi-basement' },
};
const BUILDING: Record<BuildingUse, L> = {
  office: { zh: '办公楼', en: 'Office' },
  school: { zh: '学校', en: 'School' },
  community: { zh: '社区用房', en: 'Community building' },
  production: { zh: '生产厂房', en: 'Production building' },
  warehouse: { zh: '仓库', en: 'Warehouse' },
  illegal: { zh: '违法建筑', en: 'Illegal building' },
  dangerous: { zh: '危险建筑', en: 'Dangerous building' },
  other: { zh: '其他', en: 'Other' },
};
const SOURCE: Record<FundingSource, L> = {
  unit: { zh: '单位行政', en: 'Unit administration' },
  grassrootsUnion: { zh: '基层工会', en: 'Grassroots union' },
  countyUnion: { zh: '县（市、区）工会', en: 'County union' },
  cityUnion: { zh: '市总工会', en: 'City union' },
  provinceUnion: { zh: '省总工会', en: 'Province union' },
  parents: { zh: '家长分担', en: 'Parents' },
  other: { zh: '其他', en: 'Other' },
};
const PURPOSE: Record<FundingPurpose, L> = {
  insurance: { zh: '意外伤害保险', en: 'Accident insurance' },
  meals: { zh: '餐费', en: 'Meals' },
  staff: { zh: '人员', en: 'Staff' },
  materials: { zh: '物资', en: 'Materials' },
  venue: { zh: '场地', en: 'Venue' },
  other: { zh: '其他', en: 'Other' },
};
export type PriorityGroup = 'bothEmployed' | 'hardship' | 'frontLine' | 'singleChild';
const PRIORITY: Record<PriorityGroup, L> = {
  bothEmployed: { zh: '双职工家庭', en: 'Both parents employed' },
  hardship: { zh: '困难职工', en: 'Hardship' },
  frontLine: { zh: '一线职工', en: 'Front-line' },
  singleChild: { zh: '仅一个孩子报名', en: 'Only one child applying' },
};

export const holidayLabel = (h: HolidayType, lang: Lang = currentLang()) => pick(HOLIDAY[h], lang);
export const levelLabel = (l: RequirementLevel, lang: Lang = currentLang()) => pick(LEVEL[l], lang);
export const levelOptionLabel = (l: RequirementLevel, lang: Lang = currentLang()) =>
  lang === 'en' ? `${LEVEL[l].en} (${LEVEL_EFFECT[l].en})` : `${LEVEL[l].zh}（${LEVEL_EFFECT[l].zh}）`;
export const sickLeaveLabel = (s: SickLeaveTreatment, lang: Lang = currentLang()) => pick(SICK[s], lang);
export const venueCheckLabel = (c: VenueCheck, lang: Lang = currentLang()) => pick(CHECK[c], lang);
export const locationLabel = (l: VenueLocation, lang: Lang = currentLang()) => pick(LOCATION[l], lang);
export const buildingUseLabel = (b: BuildingUse, lang: Lang = currentLang()) => pick(BUILDING[b], lang);
export const fundingSourceLabel = (s: FundingSource, lang: Lang = currentLang()) => pick(SOURCE[s], lang);
export const fundingPurposeLabel = (p: FundingPurpose, lang: Lang = currentLang()) => pick(PURPOSE[p], lang);
export const priorityGroupLabel = (p: PriorityGroup, lang: Lang = currentLang()) => pick(PRIORITY[p], lang);

export const HOLIDAY_KEYS = Object.keys(HOLIDAY) as HolidayType[];
export const LEVEL_KEYS = Object.keys(LEVEL) as RequirementLevel[];
export const SICK_KEYS = Object.keys(SICK) as SickLeaveTreatment[];
export const VENUE_CHECK_KEYS = Object.keys(CHECK) as VenueCheck[];
export const LOCATION_KEYS = Object.keys(LOCATION) as VenueLocation[];
export const BUILDING_KEYS = Object.keys(BUILDING) as BuildingUse[];
export const FUNDING_SOURCE_KEYS = Object.keys(SOURCE) as FundingSource[];
export const FUNDING_PURPOSE_KEYS = Object.keys(PURPOSE) as FundingPurpose[];
export const PRIORITY_KEYS = Object.keys(PRIORITY) as PriorityGroup[];

/** Grades a class may offer: primary 1–6 and kindergarten "K". */
export const GRADE_KEYS = [1, 2, 3, 4, 5, 6, 'K'] as const;
export type GradeKey = (typeof GRADE_KEYS)[number];
const GRADE_ZH = ['', '一年级', '二年级', '三年级', '四年级', '五年级', '六年级'];
export const gradeLabel = (g: number | string, lang: Lang = currentLang()): string => {
  if (g === 'K') return lang === 'en' ? 'Kindergarten' : '幼儿园';
  const n = Number(g);
  return lang === 'en' ? `Grade ${n}` : (GRADE_ZH[n] ?? String(g));
};

export const WEEKDAY_KEYS = [1, 2, 3, 4, 5, 6, 7] as const;
const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAY_EN = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const weekdayLabel = (d: number, lang: Lang = currentLang()) =>
  (lang === 'en' ? WEEKDAY_EN : WEEKDAY_ZH)[d] ?? String(d);

/** Grades as people say them: a run of primary grades as a range (一年级至六年级), then kindergarten. */
export function gradesSummary(grades: readonly (number | string)[], lang: Lang = currentLang()): string {
  const primary = [...new Set(grades.filter((g) => g !== 'K').map(Number))].sort((a, b) => a - b);
  const parts: string[] = [];
  const first = primary[0];
  const last = primary[primary.length - 1];
  if (first !== undefined && last !== undefined) {
    const run = last - first + 1 === primary.length && primary.length > 2;
    if (run)
      parts.push(lang === 'en' ? `Grades ${first}–${last}` : `${gradeLabel(first, lang)}至${gradeLabel(last, lang)}`);
    else parts.push(...primary.map((g) => gradeLabel(g, lang)));
  }
  if (grades.includes('K')) parts.push(gradeLabel('K', lang));
  return parts.join(lang === 'en' ? ', ' : '、');
}
