/**
 * An organisation's outbound channels (group-robot webhooks) and their send log. The DingTalk secret is sealed at
 * rest and never returned; the robot URL is returned with its token shortened. Every change is audited
 * (entity `notification_channel`) in its own transaction.
 */
import { and, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { maskPhone } from '../../../domain/people/mask.js';
import { ADMIN_ROLES } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { inScope } from '../../auth/scope.js';
import type { RequestContext } from '../../context.js';
import type { Sealer } from '../../crypto/secrets.js';
import type { Db } from '../../db/client.js';
import { notificationChannels, organizations, outbox } from '../../db/schema.js';
import { AppError, forbidden, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { loadOrg } from '../orgs/orgs.service.js';
import type { ChannelDto, CreateChannelInput, OutboxItemDto, UpdateChannelInput } from './notifications.schema.js';
import { channelPolicy } from './notifications.policy.js';
import { getSettings } from '../settings/settings.service.js';
import {
  type ChannelKind,
  maskWebhookUrl,
  OFFICIAL_ROBOT_HOSTS,
  type WebhookTargets,
  webhookUrlProblem,
} from './webhook.js';

type ChannelRow = typeof notificationChannels.$inferSelect & { orgName: string; orgPath: string; orgActive: boolean };

/** What writing a channel needs: the sealer for DingTalk secrets, the deployment's relays (config). */
export interface ChannelDeps {
  sealer: Sealer;
  relayHosts: readonly string[];
}

/** The hosts a channel may name now: the robots', the city's additions (settings) and the deployment's relays. */
export async function webhookTargets(db: Db, relayHosts: readonly string[]): Promise<WebhookTargets> {
  const { webhookHosts } = await getSettings(db);
  return { allowedHosts: [...OFFICIAL_ROBOT_HOSTS, ...webhookHosts, ...relayHosts], relayHosts };
}

function checkUrl(url: string, targets: WebhookTargets): void {
  const p = webhookUrlProblem(url, targets);
  if (p === 'not a URL') throw invalid('body.url: 不是有效的网址', 'body.url: not a valid URL', 'body.url');
  if (p === 'must be https') throw invalid('body.url: 须为 https 网址', 'body.url: must be an https URL', 'body.url');
  if (p)
    throw invalid(
      `body.url: 只能填写企业微信、钉钉机器人地址或市总工会在系统设置中允许的域名（${targets.allowedHosts.join('、')}）`,
      `body.url: only the WeCom or DingTalk robot hosts, or hosts the city allowed in the settings (${targets.allowedHosts.join(', ')})`,
      'body.url',
    );
}

function checkSecret(kind: string, secret: string | null | undefined): void {
  if (secret && kind !== 'dingtalk')
    throw invalid('body.secret: 只有钉钉机器人使用加签密钥', 'body.secret: only DingTalk robots use a signing secret');
}

/** What the audit log keeps of a channel: no secret, no token. */
function auditView(c: typeof notificationChannels.$inferSelect): Record<string, unknown> {
  return {
    orgId: c.orgId,
    kind: c.kind,
    name: c.name,
    url: maskWebhookUrl(c.url),
    hasSecret: !!c.secretEnc,
    filter: c.filter,
    active: c.active,
  };
}

const channelSelect = {
  c: notificationChannels,
  orgName: organizations.name,
  orgPath: organizations.path,
  orgActive: organizations.active,
};

async function findVisibleChannel(db: Db, actor: Actor, id: number): Promise<ChannelRow | undefined> {
  const [r] = await db
    .select(channelSelect)
    .from(notificationChannels)
    .innerJoin(organizations, eq(organizations.id, notificationChannels.orgId))
    .where(and(eq(notificationChannels.id, id), inScope(organizations.path, actor, ADMIN_ROLES)));
  return r && { ...r.c, orgName: r.orgName, orgPath: r.orgPath, orgActive: r.orgActive };
}

export async function loadChannel(db: Db, actor: Actor, id: number): Promise<ChannelRow> {
  const c = await findVisibleChannel(db, actor, id);
  if (!c) throw notFound();
  return c;
}

export async function presentChannels(db: Db, rows: ChannelRow[]): Promise<ChannelDto[]> {
  const ids = rows.map((r) => r.id);
  const stats = ids.length
    ? await db
        .select({
          channelId: outbox.channelId,
          pending: sql<number>`count(*) filter (where ${outbox.status} = 'pending')`.mapWith(Number),
          dead: sql<number>`count(*) filter (where ${outbox.status} = 'dead')`.mapWith(Number),
          lastError: sql<
            string | null
          >`(array_agg(${outbox.lastError} order by ${outbox.id} desc) filter (where ${outbox.lastError} is not null))[1]`,
        })
        .from(outbox)
        .where(inArray(outbox.channelId, ids))
        .groupBy(outbox.channelId)
    : [];
  const byId = new Map(stats.map((s) => [s.channelId, s]));
  return rows.map((c) => ({
    id: c.id,
    orgId: c.orgId,
    orgName: c.orgName,
    kind: c.kind as ChannelKind,
    name: c.name,
    urlMasked: maskWebhookUrl(c.url),
    hasSecret: !!c.secretEnc,
    filter: c.filter,
    active: c.active,
    createdAt: c.createdAt,
    pending: byId.get(c.id)?.pending ?? 0,
    dead: byId.get(c.id)?.dead ?? 0,
    lastError: byId.get(c.id)?.lastError ?? null,
  }));
}

export async function presentChannel(db: Db, row: ChannelRow): Promise<ChannelDto> {
  const [dto] = await presentChannels(db, [row]);
  if (!dto) throw new AppError('INTERNAL');
  return dto;
}

export async function listChannels(db: Db, actor: Actor, orgId: number): Promise<ChannelRow[]> {
  const org = await loadOrg(db, actor, orgId);
  authorize(channelPolicy.read(actor, org), true);
  const rows = await db
    .select(channelSelect)
    .from(notificationChannels)
    .innerJoin(organizations, eq(organizations.id, notificationChannels.orgId))
    .where(eq(notificationChannels.orgId, org.id))
    .orderBy(desc(notificationChannels.active), notificationChannels.id);
  return rows.map((r) => ({ ...r.c, orgName: r.orgName, orgPath: r.orgPath, orgActive: r.orgActive }));
}

export async function createChannel(
  db: Db,
  { sealer, relayHosts }: ChannelDeps,
  ctx: RequestContext,
  actor: Actor,
  orgId: number,
  input: CreateChannelInput,
): Promise<ChannelRow> {
  return db.transaction(async (tx) => {
    const org = await loadOrg(tx, actor, orgId);
    authorize(channelPolicy.manage(actor, org), true);
    if (input.url !== undefined) checkUrl(input.url, await webhookTargets(tx, relayHosts));
    checkSecret(input.kind, input.secret);
    const [row] = await tx
      .insert(notificationChannels)
      .values({
        orgId: org.id,
        kind: input.kind,
        name: input.name,
        url: input.url,
        secretEnc: input.secret ? sealer.seal(input.secret) : null,
        filter: input.filter,
        createdBy: actor.userId,
        createdAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'notification_channel.create',
      entity: 'notification_channel',
      entityId: row.id,
      orgPath: org.path,
      after: auditView(row),
    });
    return { ...row, orgName: org.name, orgPath: org.path, orgActive: org.active };
  });
}

export async function updateChannel(
  db: Db,
  { sealer, relayHosts }: ChannelDeps,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: UpdateChannelInput,
): Promise<ChannelRow> {
  return db.transaction(async (tx) => {
    const c = await loadChannel(tx, actor, id);
    authorize(channelPolicy.manage(actor, { path: c.orgPath, active: c.orgActive }), true);
    if (input.url !== undefined) checkUrl(input.url, await webhookTargets(tx, relayHosts));
    checkSecret(c.kind, input.secret);
    const set: Partial<typeof notificationChannels.$inferInsert> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.url !== undefined) set.url = input.url;
    if (input.secret !== undefined) set.secretEnc = input.secret === null ? null : sealer.seal(input.secret);
    if (input.filter !== undefined) set.filter = input.filter;
    if (input.active !== undefined) set.active = input.active;
    if (!Object.keys(set).length) return c;
    const [row] = await tx.update(notificationChannels).set(set).where(eq(notificationChannels.id, c.id)).returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: input.active === false && c.active ? 'notification_channel.deactivate' : 'notification_channel.update',
      entity: 'notification_channel',
      entityId: c.id,
      orgPath: c.orgPath,
      before: auditView(c),
      after: auditView(row),
    });
    return { ...c, ...row };
  });
}

/** Queues a test message to the channel (sent by the dispatcher like any other, so the send log shows it). */
export async function queueTest(db: Db, ctx: RequestContext, actor: Actor, id: number): Promise<number> {
  return db.transaction(async (tx) => {
    const c = await loadChannel(tx, actor, id);
    authorize(channelPolicy.manage(actor, { path: c.orgPath, active: c.orgActive }), true);
    if (!c.active) throw invalid('渠道已停用，请先启用', 'The channel is deactivated; activate it first');
    const [row] = await tx
      .insert(outbox)
      .values({
        channel: 'webhook',
        channelId: c.id,
        target: c.url,
        payload: {
          kind: 'channel.test',
          severity: 'info',
          title: '测试消息',
          body: `这是来自爱心托管服务平台的测试消息（${c.orgName}，发送人 ${actor.displayName}）。`,
          link: null,
          format: c.kind,
        },
        nextAttemptAt: ctx.now,
        createdAt: ctx.now,
        source: `channel.test:${c.id}`,
      })
      .returning({ id: outbox.id });
    if (!row) throw new AppError('INTERNAL');
    return row.id;
  });
}

/** The send log: each administrator sees their channels' rows; the city sees every row (phones masked). */
export async function listOutbox(
  db: Db,
  actor: Actor,
  q: { status?: string | undefined; channelId?: number | undefined; cursor?: number | undefined; limit: number },
): Promise<{ items: OutboxItemDto[]; nextCursor: number | null }> {
  if (!channelPolicy.readLog(actor)) throw forbidden();
  const conds: SQL[] = [];
  if (!channelPolicy.readAllLog(actor)) {
    conds.push(inScope(organizations.path, actor, ADMIN_ROLES));
  }
  if (q.status) conds.push(eq(outbox.status, q.status));
  if (q.channelId) conds.push(eq(outbox.channelId, q.channelId));
  if (q.cursor) conds.push(lt(outbox.id, q.cursor));
  const rows = await db
    .select({ o: outbox, channelName: notificationChannels.name })
    .from(outbox)
    .leftJoin(notificationChannels, eq(notificationChannels.id, outbox.channelId))
    .leftJoin(organizations, eq(organizations.id, notificationChannels.orgId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(outbox.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(({ o, channelName }) => {
      const p = o.payload;
      const title = 'title' in p ? p.title : 'text' in p ? p.text.slice(0, 40) : '';
      return {
        id: o.id,
        channel: o.channel as 'webhook' | 'sms',
        channelId: o.channelId,
        channelName,
        target: o.channel === 'sms' ? (maskPhone(o.target) ?? '') : maskWebhookUrl(o.target),
        // A phone text may carry a verification code: only its start is shown, and never for codes.
        title: o.source?.startsWith('phone_code') ? '（验证码）' : title,
        status: o.status as OutboxItemDto['status'],
        attempts: o.attempts,
        nextAttemptAt: o.nextAttemptAt,
        lastError: o.lastError,
        createdAt: o.createdAt,
        sentAt: o.sentAt,
        source: o.source,
      };
    }),
    nextCursor: rows.length > q.limit ? (page[page.length - 1]?.o.id ?? null) : null,
  };
}
