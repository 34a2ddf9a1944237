/**
 * The city's rubric (评分细则): criteria with weights summing to 100. A `data` criterion is computed from the
 * dossier's figures by a formula shown to everyone; a `reviewer` criterion is scored 0–100 by each reviewer
 * against its scoring guide. A data figure that is missing (e.g. satisfaction before any survey) leaves its
 * criterion out and the other criteria's weights are scaled up to 100 (documented with the formula).
 */
import { z } from 'zod';

export const DATA_METRICS = ['attendance', 'scale', 'satisfaction', 'compliance', 'records'] as const;
export type DataMetric = (typeof DATA_METRICS)[number];

const text = z.string().trim().min(1).max(500);

export const criterionSchema = z.discriminatedUnion('source', [
  z.object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    source: z.literal('data'),
    metric: z.enum(DATA_METRICS),
    label: text,
    /** The label in English (optional; the Chinese one stands in). */
    labelEn: text.optional(),
    weight: z.number().int().min(1).max(100),
    /** For `scale`: the number of children that scores 100. */
    target: z.number().int().min(1).max(10000).optional(),
  }),
  z.object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    source: z.literal('reviewer'),
    label: text,
    labelEn: text.optional(),
    weight: z.number().int().min(1).max(100),
    guide: text,
    guideEn: text.optional(),
  }),
]);
export type Criterion = z.infer<typeof criterionSchema>;

export const rubricSchema = z
  .array(criterionSchema)
  .min(1)
  .max(20)
  .superRefine((cs, ctx) => {
    const sum = cs.reduce((s, c) => s + c.weight, 0);
    if (sum !== 100) ctx.addIssue({ code: 'custom', message: `权重之和须为 100（现为 ${sum}）` });
    const keys = new Set<string>();
    for (const c of cs) {
      if (keys.has(c.key)) ctx.addIssue({ code: 'custom', message: `评分项 ${c.key} 重复` });
      keys.add(c.key);
    }
  });

export const DEFAULT_RUBRIC: Criterion[] = [
  { key: 'attendance', source: 'data', metric: 'attendance', label: '出勤率', labelEn: 'Attendance', weight: 15 },
  { key: 'scale', source: 'data', metric: 'scale', label: '服务规模', labelEn: 'Scale', weight: 10, target: 40 },
  {
    key: 'satisfaction',
    source: 'data',
    metric: 'satisfaction',
    label: '家长满意度',
    labelEn: 'Parent satisfaction',
    weight: 10,
  },
  {
    key: 'compliance',
    source: 'data',
    metric: 'compliance',
    label: '规则合规记录',
    labelEn: 'Rule compliance',
    weight: 10,
  },
  {
    key: 'safety',
    source: 'reviewer',
    label: '安全管理',
    labelEn: 'Safety management',
    weight: 20,
    guide: '制度健全、接送与场地安全措施落实、应急预案与演练；有安全隐患未整改的不超过 60 分',
    guideEn:
      'Sound rules, safe pick-up and premises, emergency plans and drills; at most 60 with an unrectified hazard',
  },
  {
    key: 'features',
    source: 'reviewer',
    label: '服务特色',
    labelEn: 'Distinctive service',
    weight: 20,
    guide: '活动安排丰富适龄，有特色课程或志愿服务；照搬通用课表的 60–70 分',
    guideEn: 'Rich, age-appropriate activities, distinctive courses or volunteer work; 60–70 for a generic timetable',
  },
  {
    key: 'exemplary',
    source: 'reviewer',
    label: '示范作用',
    labelEn: 'Exemplary value',
    weight: 15,
    guide: '做法可复制推广、家长和单位评价好、有宣传报道；仅本单位受益的不超过 70 分',
    guideEn:
      'Practices others can adopt, good feedback from parents and units, press coverage; at most 70 if only the unit benefits',
  },
];

/** Figures a data criterion reads (from the dossier); null = not available. */
export interface DataFigures {
  /** 0..1 */
  attendanceRate: number | null;
  children: number;
  /** 0..100 */
  satisfactionIndex: number | null;
  /** Rule evaluations of the class and those with no failing rule. */
  evaluations: number;
  passingEvaluations: number;
  /** 0..1 */
  recordsCompleteness: number | null;
}

const clamp = (x: number) => Math.max(0, Math.min(100, x));
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The formula of a data criterion, in words (shown beside the score). */
export function formulaOf(c: Criterion): { zh: string; en: string } {
  if (c.source === 'reviewer') return { zh: '评审打分（0–100）的汇总', en: "Reviewers' 0–100 scores, aggregated" };
  switch (c.metric) {
    case 'attendance':
      return { zh: '出勤率 × 100', en: 'attendance rate × 100' };
    case 'scale':
      return {
        zh: `在班儿童数 ÷ ${c.target ?? 40} × 100（最高 100 分）`,
        en: `min(100, children ÷ ${c.target ?? 40} × 100)`,
      };
    case 'satisfaction':
      return { zh: '满意度指数（0–100）', en: 'satisfaction index (0–100)' };
    case 'compliance':
      return {
        zh: '规则核验无不通过项的次数 ÷ 核验总次数 × 100',
        en: 'rule evaluations with no failing rule ÷ all evaluations × 100',
      };
    case 'records':
      return { zh: '日常台账完成率 × 100', en: 'daily records completeness × 100' };
  }
}

/** A data criterion's score 0–100, or null when its figure is missing. */
export function dataScore(c: Criterion & { source: 'data' }, f: DataFigures): number | null {
  switch (c.metric) {
    case 'attendance':
      return f.attendanceRate === null ? null : round2(clamp(f.attendanceRate * 100));
    case 'scale':
      return round2(clamp((f.children / (c.target ?? 40)) * 100));
    case 'satisfaction':
      return f.satisfactionIndex === null ? null : round2(clamp(f.satisfactionIndex));
    case 'compliance':
      return f.evaluations === 0 ? null : round2((f.passingEvaluations / f.evaluations) * 100);
    case 'records':
      return f.recordsCompleteness === null ? null : round2(clamp(f.recordsCompleteness * 100));
  }
}
