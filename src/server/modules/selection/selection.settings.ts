/**
 * The campaign's selection settings (rubric, eligibility gate, district quotas, blind mode, disagreement
 * thresholds): defaults until the city saves its own; every change audited with before and after.
 */
import { eq } from 'drizzle-orm';
import { DEFAULT_THRESHOLD, type DisagreementThreshold } from '../../../domain/selection/aggregate.js';
import { DEFAULT_GATE, type GateSettings } from '../../../domain/selection/gate.js';
import { type Criterion, DEFAULT_RUBRIC, formulaOf, rubricSchema } from '../../../domain/selection/rubric.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { selectionSettings } from '../../db/tables/selection.js';
import { invalid } from '../../errors.js';
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

export async function saveSettings(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  campaign: { id: number; orgPath: string },
  input: SettingsInput,
): Promise<SelectionSettings> {
  authorize(selectionPolicy.manage(actor, campaign), true);
  const parsed = rubricSchema.safeParse(input.rubric);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => i.message).join('；');
    throw invalid(`评分细则有误：${msg}`, `The rubric is invalid: ${msg}`, 'body.rubric');
  }
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
