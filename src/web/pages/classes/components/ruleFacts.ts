/**
 * The facts under each rule of the verdict, in words a person reads: short labelled values (出勤率 82.2 %,
 * 181/220 人次, 托管期 07-06 至 08-14), rates rounded, enumerations named. What only the curious need (ids, the
 * campaign's lists, the requirement level) goes to `details`, shown behind a toggle. Every rule of the engine has
 * its formatter (ruleFacts.test.ts checks), and every fact key the engine writes has a label.
 */
import { DOCUMENT_NAMES } from '../../../../domain/rules/management';
import type { RuleId } from '../../../../domain/rules/types';

type Lang = 'zh' | 'en';
type Facts = Record<string, unknown>;
export interface FactLine {
  label: string;
  value: string;
}
export type FactFormatter = (facts: Facts, lang: Lang) => FactLine[];

const L = (zh: string, en: string) => ({ zh, en });

/** Every fact key the engine writes, with its label. */
export const FACT_LABELS: Record<string, { zh: string; en: string }> = {
  level: L('要求级别', 'Requirement'),
  enrolled: L('在托儿童', 'Children enrolled'),
  failing: L('不符合的儿童', 'Children who do not meet it'),
  missing: L('未登记', 'Not recorded'),
  minimum: L('最低要求', 'Minimum'),
  classPhase: L('托管阶段', 'Class phase'),
  pending: L('待开班后判定', 'Judged once the class runs'),
  startDate: L('开始日期', 'Start'),
  endDate: L('结束日期', 'End'),
  season: L('假期范围', 'Holiday window'),
  workingDays: L('托管工作日', 'Working days'),
  closedWorkdays: L('停托工作日', 'Closed working days'),
  calendarCovered: L('节假日日历已覆盖', 'Holiday calendar covers it'),
  uncoveredYears: L('缺少日历的年份', 'Years without a calendar'),
  asOf: L('评估日期', 'As of'),
  phase: L('阶段', 'Phase'),
  workingDaysElapsed: L('已过工作日', 'Working days so far'),
  children: L('儿童', 'Children'),
  presentChildDays: L('出勤人次', 'Child-days present'),
  scheduledChildDays: L('应出勤人次', 'Child-days scheduled'),
  sickLeaveChildDays: L('病假人次', 'Sick-leave child-days'),
  sickLeave: L('病假计算方式', 'Sick leave counted as'),
  rate: L('出勤率', 'Attendance'),
  remainingScheduledChildDays: L('剩余应出勤人次', 'Child-days still scheduled'),
  projectedRate: L('预计出勤率', 'Projected attendance'),
  requiredRateForRemainder: L('余下天数需达到的出勤率', 'Rate needed for the remaining days'),
  presentChildDaysShort: L('还差出勤人次', 'Child-days short'),
  presentChildDaysNeeded: L('还需出勤人次', 'Child-days needed'),
  inconsistent: L('记录不一致', 'Inconsistent records'),
  kindergarten: L('幼儿园儿童', 'Kindergarten children'),
  gradeMissing: L('未登记年级', 'Grade not recorded'),
  share: L('幼儿园儿童占比', 'Kindergarten share'),
  cap: L('占比上限', 'Share limit'),
  primaryToAdd: L('需增加小学生', 'Primary pupils to add'),
  kindergartenToRemove: L('需减少幼儿园儿童', 'Kindergarten children to remove'),
  selfCareMissing: L('未登记自理能力', 'Self-care not recorded'),
  required: L('要求的制度', 'Required papers'),
  held: L('已上传', 'On file'),
  mode: L('方式', 'Mode'),
  licenseExpiry: L('许可证有效期至', 'Licence valid until'),
  contractStart: L('协议开始', 'Contract from'),
  contractEnd: L('协议结束', 'Contract until'),
  mustBeValidOn: L('须有效至', 'Must be valid on'),
  holdingPlace: L('占用名额', 'Holding a place'),
  attendedWithout: L('未投保即到班', 'Attended without cover'),
  lacking: L('未投保', 'Without cover'),
  partnerAgreement: L('合作协议', 'Partner agreement'),
  management: L('管理方式', 'Management'),
  providerQualified: L('服务机构资质', 'Provider qualified'),
  lines: L('资金记录', 'Funding lines'),
  violations: L('违规使用', 'Misuses'),
  incompleteLines: L('信息不全的记录', 'Incomplete lines'),
  amountInViolation: L('涉及金额', 'Amount involved'),
  independent: L('独立区域', 'Separate area'),
  location: L('所在位置', 'Location'),
  buildingUse: L('建筑用途', 'Building use'),
  forbiddenLocations: L('禁止的位置', 'Forbidden locations'),
  forbiddenBuildingUses: L('禁止的建筑用途', 'Forbidden building uses'),
  nearHazard: L('临近危险源', 'Near a hazard'),
  ventilationLighting: L('通风采光', 'Ventilation and light'),
  fireSafety: L('消防安全', 'Fire safety'),
  fireEvidence: L('消防证明', 'Fire evidence'),
  evidenceLevel: L('证明要求', 'Evidence required'),
  surveillance: L('视频监控', 'Video surveillance'),
  error: L('错误', 'Error'),
};

const ENUMS: Record<string, Record<string, { zh: string; en: string }>> = {
  level: { required: L('必须', 'Required'), recommended: L('建议', 'Recommended'), off: L('不检查', 'Not checked') },
  evidenceLevel: {
    required: L('必须', 'Required'),
    recommended: L('建议', 'Recommended'),
    off: L('不检查', 'Not checked'),
  },
  classPhase: {
    planning: L('筹备', 'Planning'),
    enrolment: L('报名', 'Enrolment'),
    running: L('托管中', 'Running'),
    finished: L('已结束', 'Finished'),
  },
  phase: { running: L('托管中', 'Running'), finished: L('已结束', 'Finished') },
  management: { union: L('工会自办', 'Run by the union'), purchased: L('购买服务', 'Purchased service') },
  sickLeave: {
    excluded: L('不计入应出勤', 'Left out of the scheduled days'),
    absent: L('按缺勤计', 'Counted as absent'),
    present: L('按出勤计', 'Counted as present'),
  },
  source: {
    unit: L('单位行政', 'Unit administration'),
    grassrootsUnion: L('基层工会', 'Grassroots union'),
    countyUnion: L('县（市、区）工会', 'County union'),
    cityUnion: L('市总工会', 'City union'),
    provinceUnion: L('省总工会', 'Province union'),
    parents: L('家长分担', 'Parents'),
    other: L('其他', 'Other'),
  },
  purpose: {
    insurance: L('意外伤害保险', 'Accident insurance'),
    meals: L('餐费', 'Meals'),
    staff: L('人员', 'Staff'),
    materials: L('物资', 'Materials'),
    venue: L('场地', 'Venue'),
    other: L('其他', 'Other'),
  },
  location: {
    ground: L('地面一层', 'Ground floor'),
    upper: L('地上楼层', 'Upper floor'),
    basement: L('地下室', 'Basement'),
    'semi-basement': L('半地下室', 'Semi-basement'),
  },
};

const pct = (n: number) => `${(Math.round(n * 1000) / 10).toFixed(1)} %`;
const RATE_KEYS = new Set(['rate', 'share', 'cap', 'projectedRate', 'requiredRateForRemainder']);
const isRateKey = (k: string) => RATE_KEYS.has(k);

/** One value in words: — for unknown, 是/否, rates as percentages, lists by their names or their count. */
export function factValue(key: string, v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return lang === 'en' ? 'not recorded' : '未登记';
  if (typeof v === 'boolean') return v ? (lang === 'en' ? 'yes' : '是') : lang === 'en' ? 'no' : '否';
  if (typeof v === 'number') {
    if (isRateKey(key)) return pct(v);
    if (key === 'amountInViolation') return lang === 'en' ? `¥${v}` : `${v} 元`;
    return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
  }
  if (typeof v === 'string') {
    const e = ENUMS[key]?.[v];
    if (e) return e[lang];
    if (key === 'required' || key === 'held' || key === 'missing') {
      const d = DOCUMENT_NAMES[v as keyof typeof DOCUMENT_NAMES];
      if (d) return d[lang];
    }
    return v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return lang === 'en' ? 'none' : '无';
    const names = v.map((x) => (x && typeof x === 'object' ? itemName(x as Facts, lang) : factValue(key, x, lang)));
    if (names.length <= 6) return names.join(lang === 'en' ? ', ' : '、');
    const head = names.slice(0, 6).join(lang === 'en' ? ', ' : '、');
    return lang === 'en' ? `${head} and ${names.length - 6} more` : `${head} 等 ${names.length} 项`;
  }
  if (typeof v === 'object') {
    const o = v as Facts;
    if (typeof o.start === 'string' && typeof o.end === 'string')
      return `${o.start} ${lang === 'en' ? 'to' : '至'} ${o.end}`;
    return Object.entries(o)
      .map(([k, x]) => `${k}: ${factValue(k, x, lang)}`)
      .join(lang === 'en' ? ', ' : '，');
  }
  return String(v);
}

function itemName(o: Facts, lang: Lang): string {
  if (typeof o.name === 'string') return o.name;
  if (typeof o.label === 'string') return o.label;
  if (typeof o.source === 'string') {
    const src = factValue('source', o.source, lang);
    const purpose = typeof o.purpose === 'string' ? ` → ${factValue('purpose', o.purpose, lang)}` : '';
    const amount = typeof o.amount === 'number' ? ` ${factValue('amountInViolation', o.amount, lang)}` : '';
    return `${src}${purpose}${amount}`;
  }
  return typeof o.id === 'number' || typeof o.id === 'string' ? `#${o.id}` : '…';
}

const label = (key: string, lang: Lang) => FACT_LABELS[key]?.[lang] ?? key;

/** The facts `keys` (when present) as labelled lines; lists of people or lines as their count. */
const show =
  (...keys: string[]): FactFormatter =>
  (f, lang) =>
    keys
      .filter((k) => k in f && f[k] !== undefined)
      .map((k) => {
        const v = f[k];
        const counted = Array.isArray(v) && v.length > 0 && typeof v[0] === 'object';
        return {
          label: label(k, lang),
          value: counted ? (lang === 'en' ? String(v.length) : `${v.length} 项`) : factValue(k, v, lang),
        };
      });

const period: FactFormatter = (f, lang) =>
  f.startDate && f.endDate
    ? [
        {
          label: lang === 'en' ? 'Class period' : '托管期',
          value: factValue('season', { start: f.startDate, end: f.endDate }, lang),
        },
      ]
    : [];

const join =
  (...fs: FactFormatter[]): FactFormatter =>
  (f, lang) =>
    fs.flatMap((x) => x(f, lang));

const attendance: FactFormatter = (f, lang) => {
  const lines: FactLine[] = [];
  if (typeof f.rate === 'number')
    lines.push({
      label: label('rate', lang),
      value: `${pct(f.rate)}（${f.presentChildDays}/${f.scheduledChildDays} ${lang === 'en' ? 'child-days' : '人次'}）`,
    });
  if (typeof f.minimum === 'number') lines.push({ label: label('minimum', lang), value: pct(f.minimum) });
  return [
    ...lines,
    ...show('projectedRate', 'requiredRateForRemainder', 'presentChildDaysShort', 'presentChildDaysNeeded')(f, lang),
  ];
};

const count =
  (key: string, unitZh: string, unitEn: string): FactFormatter =>
  (f, lang) =>
    typeof f[key] === 'number'
      ? [{ label: label(key, lang), value: lang === 'en' ? `${f[key]} ${unitEn}` : `${f[key]} ${unitZh}` }]
      : [];

/** The formatter of every rule the engine has. */
export const RULE_FACTS: Record<RuleId, FactFormatter> = {
  'period.withinSeason': join(period, show('season')),
  'scale.minChildren': join(count('enrolled', '人', 'children'), count('minimum', '人', 'children')),
  'scale.minWorkingDays': join(
    period,
    count('workingDays', '天', 'days'),
    count('minimum', '天', 'days'),
    show('closedWorkdays'),
  ),
  'scale.attendanceRate': attendance,
  'eligibility.grade': show('enrolled', 'failing', 'missing'),
  'eligibility.kindergartenShare': show(
    'kindergarten',
    'enrolled',
    'share',
    'cap',
    'primaryToAdd',
    'kindergartenToRemove',
  ),
  'eligibility.kindergartenSelfCare': show('kindergarten', 'failing', 'selfCareMissing'),
  'management.documents': show('required', 'held', 'missing'),
  'food.catering': show('licenseExpiry', 'mustBeValidOn', 'contractStart', 'contractEnd'),
  'agreement.custody': show('enrolled', 'failing', 'missing'),
  'insurance.guardianBought': show('children', 'holdingPlace', 'lacking', 'attendedWithout'),
  'agreement.partner': show('partnerAgreement'),
  'provider.qualification': show('management', 'providerQualified'),
  'funding.noUnionFundsForInsurance': show('lines', 'violations', 'incompleteLines', 'amountInViolation'),
  'venue.independent': show('independent'),
  'venue.forbiddenLocation': show('location', 'buildingUse'),
  'venue.hazards': show('nearHazard'),
  'venue.ventilationLighting': show('ventilationLighting'),
  'venue.fireSafety': show('fireSafety', 'fireEvidence'),
  'venue.surveillance': show('surveillance'),
};

/** The lines to show under a rule, and the rest (ids, lists, levels) for the detail toggle. */
export function ruleFacts(id: string, facts: Facts, lang: Lang): { lines: FactLine[]; details: FactLine[] } {
  const fmt = RULE_FACTS[id as RuleId] ?? show(...Object.keys(facts));
  const lines = fmt(facts, lang);
  const details = Object.entries(facts)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ({ label: label(k, lang), value: detailValue(k, v, lang) }));
  return { lines, details };
}

/** In the details, lists of people keep their ids beside their names. */
function detailValue(key: string, v: unknown, lang: Lang): string {
  if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'object')
    return v
      .map((x) => {
        const o = x as Facts;
        const days = Array.isArray(o.days) ? `（${(o.days as string[]).join('、')}）` : '';
        return `${itemName(o, lang)}${o.id !== undefined && typeof o.name === 'string' ? ` #${o.id}` : ''}${days}`;
      })
      .join('；');
  return factValue(key, v, lang);
}
