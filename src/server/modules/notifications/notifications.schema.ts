/** Shapes of the notification API: the inbox, an organisation's webhook channels, and the send log (outbox). */
import { z } from 'zod';
import { CHANNEL_KINDS } from './webhook.js';

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const orgIdParams = z.object({ orgId: z.coerce.number().int().positive() });

// ---- inbox ------------------------------------------------------------------------------------------------
export const inboxQuery = z.object({
  unreadOnly: z.enum(['true', 'false']).optional(),
  /** The last id of the previous page: the next page holds older rows. */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const inboxItem = z.object({
  id: z.number(),
  kind: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});
export type InboxItemDto = z.infer<typeof inboxItem>;

export const inboxResponse = z.object({
  items: z.array(inboxItem),
  nextCursor: z.number().nullable(),
  unread: z.number(),
});
export const unreadResponse = z.object({ unread: z.number() });
export const readAllResponse = z.object({ updated: z.number() });

// ---- channels ---------------------------------------------------------------------------------------------
const SEVERITIES = ['info', 'warning', 'critical'] as const;
/** A severity, a kind (`incident.serious`) or a kind prefix ending with a dot (`attendance.`). */
const filterEntry = z
  .string()
  .trim()
  .regex(/^(info|warning|critical|[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.?)$/);

/** Checked in the service (https only, http just for this machine) with a message in both languages. */
const webhookUrl = z.string().trim().min(1).max(1000);

const secretField = z.string().trim().min(8).max(200);

export const createChannelBody = z.strictObject({
  kind: z.enum(CHANNEL_KINDS),
  name: z.string().trim().min(2).max(60),
  url: webhookUrl,
  /** 钉钉 加签 secret (SEC…); not used by 企业微信. */
  secret: secretField.optional(),
  filter: z.array(filterEntry).max(20).default([]),
});
export type CreateChannelInput = z.infer<typeof createChannelBody>;

export const updateChannelBody = z.strictObject({
  name: z.string().trim().min(2).max(60).optional(),
  url: webhookUrl.optional(),
  /** A new secret; null removes it; absent keeps it. */
  secret: secretField.nullable().optional(),
  filter: z.array(filterEntry).max(20).optional(),
  active: z.boolean().optional(),
});
export type UpdateChannelInput = z.infer<typeof updateChannelBody>;

export const channelResponse = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  /** The URL with its access token shortened: the full token never leaves the server after creation. */
  urlMasked: z.string(),
  hasSecret: z.boolean(),
  filter: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.date(),
  /** Recent delivery health: pending/dead rows of this channel and the last error. */
  pending: z.number(),
  dead: z.number(),
  lastError: z.string().nullable(),
});
export type ChannelDto = z.infer<typeof channelResponse>;
export const channelListResponse = z.object({ items: z.array(channelResponse) });

export const testResponse = z.object({ outboxId: z.number() });

// ---- send log ---------------------------------------------------------------------------------------------
export const OUTBOX_STATUSES = ['pending', 'sent', 'dead'] as const;
export const outboxQuery = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  channelId: z.coerce.number().int().positive().optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const outboxItem = z.object({
  id: z.number(),
  channel: z.enum(['webhook', 'sms']),
  channelId: z.number().nullable(),
  channelName: z.string().nullable(),
  /** Masked: the phone as 139****1234, the webhook URL without its token. */
  target: z.string(),
  title: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.date(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  source: z.string().nullable(),
});
export type OutboxItemDto = z.infer<typeof outboxItem>;
export const outboxResponse = z.object({ items: z.array(outboxItem), nextCursor: z.number().nullable() });

export { SEVERITIES };
