/**
 * The catalogue of figures (统计指标目录): every figure the dashboard, the reports and the exports show, defined once
 * here and explained in docs/FIGURES.md. modules/stats computes them as of a day (the period's end, China time);
 * nothing else computes a figure. Keys are stable: reports freeze them with their definitions.
 */
import { CLASS_STATUSES, type ClassStatus, STATUS_LABELS } from '../classes/lifecycle.js';
import { SURVEY_GRADES } from '../surveys/answers.js';
import type { FigureDefinition } from './figures.js';
import { FUNDING_FIGURES } from './funding.js';
import { SATISFACTION_FIGURES } from './satisfaction.js';

/** Class statuses as of a day count from the lifecycle timeline; these mean "has run or is running". */
export const DELIVERING_STATUSES = ['running', 'closed', 'archived'] as const satisfies readonly ClassStatus[];
/** Statuses from the district's approval on: the class's places are on offer (or were). */
export const APPROVED_STATUSES = [
  'approved',
  'open',
  'running',
  'closed',
  'archived',
] as const satisfies readonly ClassStatus[];

export const INCIDENT_SEVERITIES = ['minor', 'serious', 'critical'] as const;
const SEVERITY_LABELS = {
  minor: { zh: '一般', en: 'minor' },
  serious: { zh: '较重', en: 'serious' },
  critical: { zh: '严重', en: 'critical' },
} as const;
const GRADE_LABELS = (g: (typeof SURVEY_GRADES)[number]) =>
  g === 'K' ? { zh: '幼儿园大班', en: 'kindergarten' } : { zh: `${g} 年级`, en: `grade ${g}` };

const AS_OF = { zh: '截至统计日（含当日，北京时间）', en: 'up to and including the as-of day (China time)' };
const OWNED = {
  zh: '按牵头单位计：联合开办的托管班只计入牵头（开办）单位',
  en: 'counted for the lead (owning) unit only: a joint class counts once',
};

const classStatusFigure = (s: ClassStatus): FigureDefinition => ({
  key: `classes.${s}`,
  label: { zh: `托管班（${STATUS_LABELS[s].zh}）`, en: `Classes (${STATUS_LABELS[s].en.toLowerCase()})` },
  unit: 'count',
  rollUp: 'sum',
  definition: {
    zh: `本项目中${AS_OF.zh}状态为「${STATUS_LABELS[s].zh}」的托管班数（状态按审批流转记录确定）；${OWNED.zh}。`,
    en: `Classes of the campaign whose status ${AS_OF.en} was "${STATUS_LABELS[s].en}" (from the lifecycle timeline); ${OWNED.en}.`,
  },
});

export const FIGURES: readonly FigureDefinition[] = [
  {
    key: 'classes.total',
    label: { zh: '托管班总数', en: 'Classes' },
    unit: 'count',
    rollUp: 'sum',
    definition: {
      zh: `本项目中${AS_OF.zh}已创建的托管班数（任何状态）；${OWNED.zh}。`,
      en: `Classes of the campaign created ${AS_OF.en}, in any status; ${OWNED.en}.`,
    },
  },
  ...CLASS_STATUSES.map(classStatusFigure),
  {
    key: 'units.delivering',
    label: { zh: '开展托管服务的单位数', en: 'Units delivering care' },
    unit: 'count',
    rollUp: 'sum',
    definition: {
      zh: `${AS_OF.zh}至少牵头开办一个运行中或已结束（含已归档）托管班的基层单位数（P-T1）。`,
      en: `Grassroots units leading at least one class that was running or finished (closed or archived) ${AS_OF.en} (P-T1).`,
    },
  },
  {
    key: 'places.capacity',
    label: { zh: '托管名额', en: 'Places' },
    unit: 'count',
    rollUp: 'sum',
    definition: {
      zh: `${AS_OF.zh}已获批（已批准、报名中、运行中、已结束、已归档）托管班的计划容量之和；${OWNED.zh}。`,
      en: `Sum of the capacities of classes approved or later (approved, open, running, closed, archived) ${AS_OF.en}; ${OWNED.en}.`,
    },
  },
  {
    key: 'places.taken',
    label: { zh: '已确认名额', en: 'Places taken' },
    unit: 'count',
    rollUp: 'sum',
    definition: {
      zh: `统计日结束时仍有效的已确认报名数（确认时间不晚于统计日，且未在统计日结束前退出）；一名儿童报了两个班计两个名额。`,
      en: 'Accepted places held at the end of the as-of day (accepted on or before it, not withdrawn by its end); a child in two classes holds two places.',
    },
  },
  {
    key: 'children.enrolled',
    label: { zh: '在托儿童数', en: 'Children enrolled' },
    unit: 'count',
    rollUp: 'distinct',
    definition: {
      zh: '统计日结束时至少持有一个已确认名额的儿童数；同一儿童在多个班、多个单位只计一次。',
      en: 'Children holding at least one accepted place at the end of the as-of day; a child in several classes or units counts once.',
    },
  },
  {
    key: 'families.served',
    label: { zh: '服务职工家庭数', en: 'Families served' },
    unit: 'count',
    rollUp: 'distinct',
    definition: {
      zh: `${AS_OF.zh}曾有子女获得已确认名额的家庭数（含其后退出的）；一个家庭无论几个孩子、几个班、几个单位只计一次（P-T2）。`,
      en: `Families with a child who held an accepted place at any time ${AS_OF.en} (withdrawn since included); a family counts once however many children, classes or units (P-T2).`,
    },
  },
  {
    key: 'kindergarten.share',
    label: { zh: '幼儿园儿童占比', en: 'Kindergarten share' },
    unit: 'percent',
    rollUp: 'ratio',
    definition: {
      zh: '统计日结束时幼儿园大班儿童持有的已确认名额 ÷ 全部已确认名额（即「已确认名额」）。',
      en: 'Accepted places held by kindergarten children ÷ all accepted places (places.taken), at the end of the as-of day.',
    },
  },
  {
    key: 'workingDays.delivered',
    label: { zh: '已开展托管天数', en: 'Class days delivered' },
    unit: 'days',
    rollUp: 'sum',
    definition: {
      zh: `运行中或已结束托管班从开班日${AS_OF.zh}的托管工作日之和（按项目日历，扣除停托日）；${OWNED.zh}。`,
      en: `Sum over running or finished classes of their class days (working days by the campaign's calendar, closures deducted) from the start ${AS_OF.en}; ${OWNED.en}.`,
    },
  },
  {
    key: 'attendance.rate',
    label: { zh: '出勤率', en: 'Attendance rate' },
    unit: 'percent',
    rollUp: 'ratio',
    definition: {
      zh: `实际出勤人次 ÷ 应出勤人次，与托管班规则“出勤率”同一口径（病假按项目设置处理），运行中或已结束托管班${AS_OF.zh}的合计。`,
      en: `Present child-days ÷ scheduled child-days, exactly as the class rule “attendance rate” counts them (sick leave as the campaign says), summed over running or finished classes ${AS_OF.en}.`,
    },
  },
  {
    key: 'incidents.total',
    label: { zh: '突发事件数', en: 'Incidents' },
    unit: 'count',
    rollUp: 'sum',
    definition: {
      zh: `发生时间${AS_OF.zh}的突发事件报告数（不论是否已结案）；${OWNED.zh}。`,
      en: `Incident reports that occurred ${AS_OF.en}, open or closed; ${OWNED.en}.`,
    },
  },
  ...INCIDENT_SEVERITIES.map(
    (s): FigureDefinition => ({
      key: `incidents.${s}`,
      label: { zh: `突发事件（${SEVERITY_LABELS[s].zh}）`, en: `Incidents (${SEVERITY_LABELS[s].en})` },
      unit: 'count',
      rollUp: 'sum',
      definition: {
        zh: `其中当前定级为「${SEVERITY_LABELS[s].zh}」的。`,
        en: `Of those, the ones whose severity is now "${SEVERITY_LABELS[s].en}".`,
      },
    }),
  ),
  {
    key: 'daily.completeness',
    label: { zh: '日常台账完成率', en: 'Daily records completeness' },
    unit: 'percent',
    rollUp: 'ratio',
    definition: {
      zh: `运行中或已结束托管班每个托管日应做的台账（按项目设置的频次：每日项当日、每周项当周内）中已做的项数 ÷ 应做项数，开班日${AS_OF.zh}。`,
      en: `Of the records each class day owes (by the campaign's frequencies: a daily kind that day, a weekly kind within its week), the ones made ÷ the ones owed, running or finished classes, from the start ${AS_OF.en}.`,
    },
  },
  {
    key: 'compliance.rate',
    label: { zh: '规则合规率', en: 'Rule compliance' },
    unit: 'percent',
    rollUp: 'ratio',
    definition: {
      zh: `已获批托管班中，统计日结束前最近一次规则评估没有不通过项的班数 ÷ 已获批托管班数（没有评估的计入分母）。`,
      en: 'Classes approved or later whose latest rule evaluation before the end of the as-of day has no failing rule ÷ classes approved or later (a class never evaluated counts in the denominator only).',
    },
  },
  {
    key: 'survey.respondents',
    label: { zh: '需求调研填报人数', en: 'Needs survey respondents' },
    unit: 'count',
    rollUp: 'sum',
    definition: {
      zh: `本项目需求调研中${AS_OF.zh}提交的答卷数（每个手机号每个单位一份）。`,
      en: `Answers to the campaign's needs surveys first given ${AS_OF.en} (one per phone per unit).`,
    },
  },
  {
    key: 'survey.children',
    label: { zh: '需求调研儿童数', en: 'Children in the needs survey' },
    unit: 'count',
    rollUp: 'sum',
    definition: {
      zh: '这些答卷中填报的需要托管的儿童人数之和（需求）。',
      en: 'Children those answers say would attend (the demand).',
    },
  },
  ...SURVEY_GRADES.map(
    (g): FigureDefinition => ({
      key: `survey.children.${g}`,
      label: { zh: `需求调研儿童（${GRADE_LABELS(g).zh}）`, en: `Children in the survey (${GRADE_LABELS(g).en})` },
      unit: 'count',
      rollUp: 'sum',
      definition: { zh: `其中${GRADE_LABELS(g).zh}的。`, en: `Of those, ${GRADE_LABELS(g).en}.` },
    }),
  ),
  ...FUNDING_FIGURES,
  ...SATISFACTION_FIGURES,
];

const BY_KEY = new Map(FIGURES.map((f) => [f.key, f]));

/** The definition of a figure, or undefined for a key nobody defined. */
export function figureDefinition(key: string): FigureDefinition | undefined {
  return BY_KEY.get(key);
}

export const FIGURE_KEYS: readonly string[] = FIGURES.map((f) => f.key);
