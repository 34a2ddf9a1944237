/**
 * The satisfaction figures of the catalogue (#16 孩子开心、家长放心): the parents' survey at a class's end (the
 * `final` round; mid-point answers stay on the class page). Definitions: docs/FIGURES.md, "Satisfaction"; scales:
 * src/domain/satisfaction/indices.ts. Indices are ratios on 0–100 withheld below MIN_ANSWERS answers.
 */
import { ITEM_LABELS, MIN_ANSWERS, SATISFACTION_ITEMS } from '../satisfaction/indices.js';
import type { FigureDefinition } from './figures.js';

const AS_OF = { zh: '截至统计日（含当日，北京时间）', en: 'up to and including the as-of day (China time)' };
const WITHHELD = {
  zh: `不足${MIN_ANSWERS}份答卷时不显示（保护答卷家庭）`,
  en: `withheld below ${MIN_ANSWERS} answers (to protect the families who answered)`,
};

export const SATISFACTION_FIGURES: readonly FigureDefinition[] = [
  {
    key: 'satisfaction.invited',
    label: { zh: '满意度调查发放份数', en: 'Satisfaction surveys sent' },
    unit: 'count',
    rollUp: 'sum',
    definition: {
      zh: `${AS_OF.zh}托管班结束时向在托儿童家庭发出的满意度调查份数（每个已确认报名一份）；按牵头单位计。`,
      en: `Satisfaction surveys sent when classes ended ${AS_OF.en}, one per accepted enrolment; counted for the lead unit.`,
    },
  },
  {
    key: 'satisfaction.answers',
    label: { zh: '满意度答卷数', en: 'Satisfaction answers' },
    unit: 'count',
    rollUp: 'sum',
    definition: {
      zh: `其中${AS_OF.zh}已提交的答卷数（每个报名只能答一次）。`,
      en: `Of those, the ones answered ${AS_OF.en} (one answer per enrolment).`,
    },
  },
  {
    key: 'satisfaction.responseRate',
    label: { zh: '满意度答卷率', en: 'Survey response rate' },
    unit: 'percent',
    rollUp: 'ratio',
    definition: {
      zh: '满意度答卷数 ÷ 满意度调查发放份数（即答卷的在托家庭 ÷ 应答的在托家庭，按报名计）。',
      en: 'Satisfaction answers ÷ surveys sent (enrolled families who answered ÷ those asked, per enrolment).',
    },
  },
  {
    key: 'satisfaction.parents',
    label: { zh: '家长满意度', en: 'Parent satisfaction' },
    unit: 'percent',
    rollUp: 'ratio',
    minSample: MIN_ANSWERS,
    definition: {
      zh: `答卷“总体满意度”（1–5分）换算到0–100：每份答卷计 (分数−1)÷4，取全部答卷的平均（5分=100，3分=50，1分=0）；上级按全部答卷合计，不是下级指数的平均；${WITHHELD.zh}。`,
      en: `Overall satisfaction (1–5) on 0–100: each answer counts (score − 1) ÷ 4, averaged over all answers (5 = 100, 3 = 50, 1 = 0); a parent organisation pools its answers rather than averaging indices; ${WITHHELD.en}.`,
    },
  },
  {
    key: 'satisfaction.happy',
    label: { zh: '孩子开心指数', en: 'Child happiness index' },
    unit: 'percent',
    rollUp: 'ratio',
    minSample: MIN_ANSWERS,
    definition: {
      zh: `“孩子开心吗”：开心计100、一般计50、不开心计0，取全部答卷的平均；${WITHHELD.zh}。`,
      en: `"Was your child happy?": happy counts 100, so-so 50, not happy 0, averaged over all answers; ${WITHHELD.en}.`,
    },
  },
  ...SATISFACTION_ITEMS.map(
    (k): FigureDefinition => ({
      key: `satisfaction.item.${k}`,
      label: { zh: `满意度（${ITEM_LABELS[k].zh}）`, en: `Satisfaction (${ITEM_LABELS[k].en.toLowerCase()})` },
      unit: 'percent',
      rollUp: 'ratio',
      minSample: MIN_ANSWERS,
      definition: {
        zh: `“${ITEM_LABELS[k].zh}”一项（1–5分）按家长满意度同法换算到0–100${k === 'meals' ? '；不供餐的托管班不答此项，不计入' : ''}；${WITHHELD.zh}。`,
        en: `The item "${ITEM_LABELS[k].en}" (1–5) on 0–100 as for parent satisfaction${k === 'meals' ? '; classes serving no meals do not ask it' : ''}; ${WITHHELD.en}.`,
      },
    }),
  ),
];
