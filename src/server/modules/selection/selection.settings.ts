/**
 * The campaign's selection settings (rubric, eligibility gate, district quotas, blind mode, disagreement
 * thresholds): defaults until the city saves its own; every change audited with before and after.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { DEFAULT_THRESHOLD, type DisagreementThreshold } from '../../../domain/selection/aggregate.js';
import { DEFAULT_GATE, type GateSettings } from '../../../domain/selection/gate.js';
import { type Criterion, DEFAULT_RUBRIC, formulaOf, rubricSchema } from '../../../domain/selection/rubric.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { organizations } from '../../db/schema.js';
import { selectionSettings } from '../../db/tables/selection.js';
import { AppError, invalid } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { selectionPolicy } from './selection.policy.js';

export interface SelectionSettings {
  campaignId: number;
  gate: GateSettings;
  rubric: Criterion[];
  defaultQuota: number;
  quotas: Record<string, number>;
  blind: boolean;
  threshold: DisagreementThreshold;
  version: number;
}

export async function settingsOf(db: Db, campaignId: number): Promise<SelectionSettings> {
  const [row] = await db.select().from(selectionSettings).where(eq(selectionSettings.campaignId, campaignId));
  if (!row)
    return {
      campaignId,
      gate: DEFAULT_GATE,
      rubric: DEFAULT_RUBRIC,
      defaultQuota: 2,
      quotas: {},
      blind: false,
      threshold: DEFAULT_THRESHOLD,
      version: 0,
    };
  return {
    campaignId,
    gate: { ...DEFAULT_GATE, ...(row.gate as Partial<GateSettings>) },
    rubric: row.rubric as Criterion[],
    defaultQuota: row.defaultQuota,
    quotas: row.quotas,
    blind: row.blind,
    threshold: { range: row.flagRange, stdDev: row.flagStdDev },
    version: row.version,
  };
}

/** The districts and industry unions directly under the campaign's organisation: the rows of the quota table. */
export async function campaignDistricts(db: Db, campaign: { orgId: number }) {
  return db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(
      and(
        eq(organizations.parentId, campaign.orgId),
        eq(organizations.active, true),
        inArray(organizations.kind, ['district', 'industry']),
      ),
    )
    .orderBy(organizations.kind, organizations.path);
}

export const quotaFor = (s: SelectionSettings, districtId: number) => s.quotas[String(districtId)] ?? s.defaultQuota;

export function presentSettings(s: SelectionSettings) {
  return { ...s, rubric: s.rubric.map((c) => ({ ...c, formula: formulaOf(c) })) };
}

export interface SettingsInput {
  gate: GateSettings;
  rubric: unknown;
  defaultQuota: number;
  quotas: Record<string, number>;
  blind: boolean;
  threshold: DisagreementThreshold;
  version: number;
}

/** What each criterion field is called and what it must be, for a refusal that names the field. */
const FIELD_RULES: Record<string, { zh: string; en: string; mustZh: string; mustEn: string }> = {
  weight: { zh: '权重', en: 'weight', mustZh: '须为 1–100 的整数', mustEn: 'must be a whole number from 1 to 100' },
  label: { zh: '名称', en: 'name', mustZh: '不能为空，最多 500 字', mustEn: 'is required (at most 500 characters)' },
  labelEn: { zh: '英文名称', en: 'English name', mustZh: '最多 500 字', mustEn: 'is at most 500 characters' },
  guide: {
    zh: '评分指引',
    en: 'scoring guide',
    mustZh: '不能为空，最多 500 字',
    mustEn: 'is required (at most 500 characters)',
  },
  guideEn: {
    zh: '英文评分指引',
    en: 'English scoring guide',
    mustZh: '最多 500 字',
    mustEn: 'is at most 500 characters',
  },
  metric: { zh: '数据来源', en: 'data source', mustZh: '请从列表中选择', mustEn: 'must be chosen from the list' },
  target: { zh: '满分人数', en: 'full-score headcount', mustZh: '须为 1–10000 的整数', mustEn: 'must be 1–10000' },
  source: {
    zh: '计分方式',
    en: 'scoring method',
    mustZh: '须为数据计分或评审打分',
    mustEn: 'must be data or reviewer',
  },
  key: { zh: '编号', en: 'key', mustZh: '无效', mustEn: 'is invalid' },
};

/**
 * A refused rubric, each issue on its field (`body.rubric.2.weight`) in words that say which criterion and which
 * field; the sum of the weights and duplicate keys on `body.rubric` itself.
 */
function rubricInvalid(raw: unknown, issues: readonly { path: PropertyKey[]; message: string }[]): AppError {
  const rows = Array.isArray(raw) ? raw : [];
  const fields: { path: string; message: { zh: string; en: string } }[] = [];
  for (const i of issues) {
    const [index, field] = i.path;
    if (typeof index === 'number' && typeof field === 'string') {
      const r = FIELD_RULES[field] ?? FIELD_RULES.key;
      const label = (rows[index] as { label?: unknown } | undefined)?.label;
      const name = typeof label === 'string' && label.trim() ? `「${label.trim()}」` : '';
      fields.push({
        path: `body.rubric.${index}.${field}`,
        message: {
          zh: `第 ${index + 1} 项${name}的${r?.zh}${r?.mustZh}`,
          en: `Criterion ${index + 1}${name ? ` ${name}` : ''}: the ${r?.en} ${r?.mustEn}`,
        },
      });
    } else if (typeof index === 'number') {
      fields.push({
        path: `body.rubric.${index}`,
        message: { zh: `第 ${index + 1} 项填写不完整`, en: `Criterion ${index + 1} is incomplete` },
      });
    }
  }
  const weights = rows.map((r) => (r as { weight?: unknown })?.weight);
  if (weights.every((w) => typeof w === 'number')) {
    const sum = (weights as number[]).reduce((s, w) => s + w, 0);
    if (sum !== 100)
      fields.push({
        path: 'body.rubric',
        message: {
          zh: `各评分项「权重」之和须为 100，现为 ${sum}`,
          en: `The criteria's weights must add up to 100; they add up to ${sum}`,
        },
      });
  }
  for (const i of issues)
    if (i.path.length === 0 && i.message.includes('重复'))
      fields.push({ path: 'body.rubric', message: { zh: i.message, en: 'Two criteria have the same key' } });
  if (fields.length === 0)
    fields.push({ path: 'body.rubric', message: { zh: '评分细则填写不完整', en: 'The rubric is incomplete' } });
  const zh = fields.map((f) => f.message.zh).join('；');
  const en = fields.map((f) => f.message.en).join('; ');
  return new AppError(
    'VALIDATION_FAILED',
    { details: { zh: `评分细则有误：${zh}`, en: `The rubric is invalid: ${en}` } },
    { details: fields },
  );
}

export async function saveSettings(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  campaign: { id: number; orgPath: string },
  input: SettingsInput,
): Promise<SelectionSettings> {
  authorize(selectionPolicy.manage(actor, campaign), true);
  const parsed = rubricSchema.safeParse(input.rubric);
  if (!parsed.success) throw rubricInvalid(input.rubric, parsed.error.issues);
  return db.transaction(async (tx) => {
    const before = await settingsOf(tx, campaign.id);
    if (before.version !== input.version)
      throw invalid('设置已被他人修改，请刷新后重试', 'Someone else changed the settings; reload', 'body.version');
    const values = {
      gate: input.gate as unknown as Record<string, unknown>,
      rubric: parsed.data,
      defaultQuota: input.defaultQuota,
      quotas: input.quotas,
      blind: input.blind,
      flagRange: input.threshold.range,
      flagStdDev: input.threshold.stdDev,
      version: before.version + 1,
      updatedBy: actor.userId,
      updatedAt: ctx.now,
    };
    await tx
      .insert(selectionSettings)
      .values({ campaignId: campaign.id, ...values })
      .onConflictDoUpdate({ target: selectionSettings.campaignId, set: values });
    const after = await settingsOf(tx, campaign.id);
    await recordEvent(tx, ctx, {
      action: 'selection.settings',
      entity: 'campaign',
      entityId: campaign.id,
      orgPath: campaign.orgPath,
      before: before as unknown as Record<string, unknown>,
      after: after as unknown as Record<string, unknown>,
    });
    return after;
  });
}
