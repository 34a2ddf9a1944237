/**
 * The city's custody-agreement template per campaign (托管协议范本, issue 12), versioned. A unit starts its own text
 * from the template of the campaign in force when it publishes (GET /api/agreements/template); families sign the
 * unit's published text, so a new template version never changes anything already published or signed. Every
 * version is kept; each publication is audited.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { AGREEMENT_TEMPLATE } from '../../../domain/enrolment/agreement.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { agreementTemplates, campaigns } from '../../db/schema.js';
import { AppError, conflict } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { campaignPolicy, loadCampaign } from './campaigns.service.js';

export const DEFAULT_AGREEMENT_TITLE = '职工子女爱心托管服务协议';

export const agreementTemplateVersion = z.object({
  version: z.number(),
  title: z.string(),
  body: z.string(),
  sha256: z.string(),
  note: z.string().nullable(),
  publishedAt: z.date(),
  publishedBy: z.number().nullable(),
});

export const agreementTemplateResponse = z.object({
  campaignId: z.number(),
  /** The latest version; null while the campaign still uses the built-in default (`builtIn`). */
  current: agreementTemplateVersion.nullable(),
  /** Every version, newest first. */
  versions: z.array(agreementTemplateVersion.omit({ body: true })),
  builtIn: z.object({ title: z.string(), body: z.string() }),
  abilities: z.object({ publish: z.boolean() }),
});

export const publishTemplateBody = z.object({
  title: z.string().trim().min(2).max(60),
  body: z.string().trim().min(200).max(20_000),
  /** What changed, for the version list. */
  note: z.string().trim().max(200).optional(),
});

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export async function agreementTemplateOf(db: Db, actor: Actor, campaignId: number) {
  const c = await loadCampaign(db, actor, campaignId);
  const rows = await db
    .select()
    .from(agreementTemplates)
    .where(eq(agreementTemplates.campaignId, c.id))
    .orderBy(desc(agreementTemplates.version));
  const view = (r: (typeof rows)[number]) => ({
    version: r.version,
    title: r.title,
    body: r.body,
    sha256: r.sha256,
    note: r.note,
    publishedAt: r.publishedAt,
    publishedBy: r.publishedBy,
  });
  return {
    campaignId: c.id,
    current: rows[0] ? view(rows[0]) : null,
    versions: rows.map((r) => {
      const { body: _body, ...v } = view(r);
      return v;
    }),
    builtIn: { title: DEFAULT_AGREEMENT_TITLE, body: AGREEMENT_TEMPLATE },
    abilities: { publish: campaignPolicy.update(actor, c) && c.status !== 'closed' },
  };
}

/** Publishes a new version (the city administrator); the same text as the current version is refused. */
export async function publishAgreementTemplate(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  campaignId: number,
  input: z.infer<typeof publishTemplateBody>,
) {
  return db.transaction(async (tx) => {
    const c = await loadCampaign(tx, actor, campaignId);
    authorize(campaignPolicy.update(actor, c) && c.status !== 'closed', true);
    // One version at a time per campaign: the campaign row is the lock.
    await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, c.id)).for('update');
    const [latest] = await tx
      .select()
      .from(agreementTemplates)
      .where(eq(agreementTemplates.campaignId, c.id))
      .orderBy(desc(agreementTemplates.version))
      .limit(1);
    const hash = sha(input.body);
    const current = latest ?? { title: DEFAULT_AGREEMENT_TITLE, sha256: sha(AGREEMENT_TEMPLATE) };
    if (current.sha256 === hash && current.title === input.title)
      throw conflict('与当前版本内容相同，无需发布新版本', 'This is the same text as the current version');
    const [{ v } = { v: 0 }] = await tx
      .select({ v: max(agreementTemplates.version) })
      .from(agreementTemplates)
      .where(and(eq(agreementTemplates.campaignId, c.id)));
    const [row] = await tx
      .insert(agreementTemplates)
      .values({
        campaignId: c.id,
        version: (v ?? 0) + 1,
        title: input.title,
        body: input.body,
        sha256: hash,
        note: input.note ?? null,
        publishedBy: actor.userId,
        publishedAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'agreement_template.publish',
      entity: 'campaign',
      entityId: c.id,
      orgPath: c.orgPath,
      before: latest ? { version: latest.version, sha256: latest.sha256 } : null,
      after: { version: row.version, title: row.title, sha256: row.sha256, note: row.note },
    });
    return row;
  });
}

/**
 * The template a unit starts from: the latest version of the newest active campaign (or the newest campaign), else
 * the built-in default.
 */
export async function templateForUnits(db: Db): Promise<{ title: string; body: string; campaignId: number | null }> {
  const [c] = await db
    .select({ id: campaigns.id, status: campaigns.status })
    .from(campaigns)
    .orderBy(desc(eq(campaigns.status, 'active')), desc(campaigns.year), desc(campaigns.id))
    .limit(1);
  if (c) {
    const [t] = await db
      .select()
      .from(agreementTemplates)
      .where(eq(agreementTemplates.campaignId, c.id))
      .orderBy(desc(agreementTemplates.version))
      .limit(1);
    if (t) return { title: t.title, body: t.body, campaignId: c.id };
  }
  return { title: DEFAULT_AGREEMENT_TITLE, body: AGREEMENT_TEMPLATE, campaignId: c?.id ?? null };
}
