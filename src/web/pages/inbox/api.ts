/** Calls of the inbox (/api/inbox) and the notification channels (/api/…/notification-channels, /api/outbox). */
import type { z } from 'zod';
import type {
  channelResponse,
  createChannelBody,
  inboxItem,
  inboxResponse,
  outboxResponse,
  updateChannelBody,
} from '../../../server/modules/notifications/notifications.schema';
import { api } from '../../app/api/client';
import type { Wire } from '../../app/api/types';

export type InboxItem = Wire<z.infer<typeof inboxItem>>;
export type InboxPage = Wire<z.infer<typeof inboxResponse>>;
export type Channel = Wire<z.infer<typeof channelResponse>>;
export type CreateChannelInput = z.input<typeof createChannelBody>;
export type UpdateChannelInput = z.input<typeof updateChannelBody>;
export type OutboxPage = Wire<z.infer<typeof outboxResponse>>;
export type OutboxItem = OutboxPage['items'][number];

export const UNREAD_KEY = ['inbox', 'unread'] as const;

export const fetchUnread = () => api.get<{ unread: number }>('/api/inbox/unread-count').then((r) => r.unread);
export const fetchInbox = (p: { unreadOnly?: boolean; cursor?: number | null }) =>
  api.get<InboxPage>('/api/inbox', {
    unreadOnly: p.unreadOnly ? 'true' : undefined,
    cursor: p.cursor ?? undefined,
  });
export const markRead = (id: number) => api.post<InboxItem>(`/api/inbox/${id}/read`);
export const markAllRead = () => api.post<{ updated: number }>('/api/inbox/read-all');

export const listChannels = (orgId: number) =>
  api.get<{ items: Channel[] }>(`/api/orgs/${orgId}/notification-channels`).then((r) => r.items);
export const createChannel = (orgId: number, body: CreateChannelInput) =>
  api.post<Channel>(`/api/orgs/${orgId}/notification-channels`, body);
export const updateChannel = (id: number, body: UpdateChannelInput) =>
  api.patch<Channel>(`/api/notification-channels/${id}`, body);
export const deactivateChannel = (id: number) => api.del<Channel>(`/api/notification-channels/${id}`);
export const testChannel = (id: number) => api.post<{ outboxId: number }>(`/api/notification-channels/${id}/test`);
export const listOutbox = (p: { status?: string; channelId?: number; cursor?: number | null }) =>
  api.get<OutboxPage>('/api/outbox', { status: p.status, channelId: p.channelId, cursor: p.cursor ?? undefined });

/** A link inside the console (`/classes/1`) opens in place; parent-app links (`/m/#/…`) are not for the console. */
export function consoleLink(link: string | null): string | null {
  if (!link?.startsWith('/') || link.startsWith('/m/')) return null;
  return link;
}
