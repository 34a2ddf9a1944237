/**
 * Campaigns (年度/假期项目): created from the built-in 2021 template or from an earlier campaign, every parameter
 * editable with validation; each change is audited with the parameters before and after. The city owns them;
 * everyone in its tree reads them (the rules in force concern every unit).
 */
import { and, desc, eq } from 'drizzle-orm';
import {
  type Campaign,
  campaignParamsSchema,
  mergeOver,
  reportingDeadlines,
  rollCampaignToYear,
  TEMPLATE_2021,
} from '../../../domain/campaign/index.js';
import { rulesInForce } from '../../../domain/rules/index.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, covering } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { campaigns, organizations } from '../../db/schema.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { diff, recordEvent } from '../../events/audit.js';
import { formatValidationIssues } from '../../i18n/validation.js';
import type { CampaignDetail } from './campaigns.schema.js';

type CampaignRow = typeof campaigns.$inferSelect & { orgPath: string };

export const campaignPolicy = {
  /** Anyone whose grants lie in the owning organisation's tree reads the campaign. */
  read: (a: Actor, c: { orgPath: string }) => a.grants.some((g) => g.orgPath.startsWith(c.orgPath)),
  update: (a: Actor, c: { orgPath: string }) => covering(a, c.orgPath, ['city_admin']).length > 0,
};

/** Parameters checked by the domain schema; failures name each field in the request's language. */
function validParams(candidate: unknown): Campaign {
  const r = campaignParamsSchema.safeParse(candidate);
  if (r.success) return r.data;
  const issues = r.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({
          keyword: 'custom',
          instancePath: `/${[...i.path, k].join('/')}`,
          message: 'unknown field',
          params: {},
        }))
      : [
          {
            keyword: i.code,
            instancePath: `/${i.path.join('/')}`,
            message: i.message,
            params: { ...i } as Record<string, unknown>,
          },
        ],
  );
  throw new AppError('VALIDATION_FAILED', { details: formatValidationIssues(issues, 'params') });
}

async function listRows(db: Db): Promise<CampaignRow[]> {
  return db
    .select({ c: campaigns, orgPath: organizations.path })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .orderBy(desc(campaigns.year), desc(campaigns.id))
    .then((rows) => rows.map((r) => ({ ...r.c, orgPath: r.orgPath })));
}

export async function listCampaigns(db: Db, actor: Actor) {
  return (await listRows(db)).filter((c) => campaignPolicy.read(actor, c));
}

export async function loadCampaign(db: Db, actor: Actor, id: number): Promise<CampaignRow> {
  const [r] = await db
    .select({ c: campaigns, orgPath: organizations.path })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .where(eq(campaigns.id, id));
  const row = r ? { ...r.c, orgPath: r.orgPath } : undefined;
  if (!row || !campaignPolicy.read(actor, row)) throw notFound();
  return row;
}

export function presentSummary(actor: Actor, c: CampaignRow) {
  const p = c.params;
  return {
    id: c.id,
    name: c.name,
    year: c.year,
    holidayType: p.holidayType,
    status: c.status as 'draft',
    season: p.season,
    version: c.version,
    updatedAt: c.updatedAt,
    abilities: { update: campaignPolicy.update(actor, c) && c.status !== 'closed' },
  };
}

export function presentDetail(actor: Actor, c: CampaignRow): CampaignDetail {
  const p = c.params;
  return {
    ...presentSummary(actor, c),
    params: p,
    rules: rulesInForce(p).map((r) => ({ ...r, policyRefs: [...r.policyRefs] })),
    deadlines: reportingDeadlines(p),
  };
}

export async function createCampaign(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: { from: 'template' | number; year: number; name: string; overrides?: Record<string, unknown> | undefined },
): Promise<CampaignRow> {
  return db.transaction(async (tx) => {
    const cityGrant = actor.grants.find((g) => g.role === 'city_admin');
    authorize(!!cityGrant, true);
    if (!cityGrant) throw notFound();
    const base = input.from === 'template' ? TEMPLATE_2021 : (await loadCampaign(tx, actor, input.from)).params;
    const rolled = rollCampaignToYear(base, input.year);
    const params = validParams(mergeOver({ ...rolled, name: input.name }, input.overrides ?? {}));
    const [dup] = await tx
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(and(eq(campaigns.orgId, cityGrant.orgId), eq(campaigns.name, input.name)));
    if (dup) throw conflict(`已有同名项目「${input.name}」`, `A campaign named "${input.name}" exists`);
    const [row] = await tx
      .insert(campaigns)
      .values({
        orgId: cityGrant.orgId,
        name: input.name,
        year: params.year,
        holidayType: params.holidayType,
        params,
        createdBy: actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'campaign.create',
      entity: 'campaign',
      entityId: row.id,
      orgPath: cityGrant.orgPath,
      after: { name: row.name, from: input.from, params },
    });
    return { ...row, orgPath: cityGrant.orgPath };
  });
}

/** Flattens nested parameters to dotted leaves, so the audit shows exactly which numbers changed. */
function leaves(v: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) leaves(x, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = v;
  return out;
}

export async function updateCampaign(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: {
    name?: string | undefined;
    params?: Record<string, unknown> | undefined;
    reason?: string | undefined;
    version: number;
  },
): Promise<CampaignRow> {
  return db.transaction(async (tx) => {
    const c = await loadCampaign(tx, actor, id);
    authorize(campaignPolicy.update(actor, c), true);
    if (c.status === 'closed')
      throw conflict('项目已结束，参数不能再修改', 'The campaign is closed; its parameters are final');
    if (c.version !== input.version) throw new AppError('STALE_VERSION');
    const name = input.name ?? c.name;
    const params = validParams(mergeOver({ ...c.params, name }, input.params ?? {}));
    const change = diff(leaves(c.params), leaves(params));
    if (!change && name === c.name) return c;
    const [row] = await tx
      .update(campaigns)
      .set({
        name,
        year: params.year,
        holidayType: params.holidayType,
        params,
        version: c.version + 1,
        updatedAt: ctx.now,
      })
      .where(eq(campaigns.id, id))
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'campaign.update',
      entity: 'campaign',
      entityId: id,
      orgPath: c.orgPath,
      before: { ...(change?.before ?? {}), status: c.status },
      after: { ...(change?.after ?? {}), reason: input.reason ?? null },
    });
    // Classes (issue 4) will be re-evaluated against the new parameters here.
    return { ...row, orgPath: c.orgPath };
  });
}

const TRANSITIONS: Record<string, string[]> = { draft: ['active'], active: ['closed'], closed: [] };

export async function setCampaignStatus(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  status: string,
  reason: string,
) {
  return db.transaction(async (tx) => {
    const c = await loadCampaign(tx, actor, id);
    authorize(campaignPolicy.update(actor, c), true);
    if (!TRANSITIONS[c.status]?.includes(status)) {
      throw conflict(
        `项目不能从「${c.status}」变为「${status}」`,
        `A campaign cannot go from ${c.status} to ${status}`,
      );
    }
    const [row] = await tx
      .update(campaigns)
      .set({ status, version: c.version + 1, updatedAt: ctx.now })
      .where(eq(campaigns.id, id))
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'campaign.status',
      entity: 'campaign',
      entityId: id,
      orgPath: c.orgPath,
      before: { status: c.status },
      after: { status, reason },
    });
    return { ...row, orgPath: c.orgPath };
  });
}
