/** Calls of the notification-channels page (/api/orgs/:id/notification-channels, /api/notification-channels, /api/outbox). */
import type { z } from 'zod';
import type {
  channelResponse,
  createChannelBody,
  outboxResponse,
  updateChannelBody,
} from '../../../server/modules/notifications/notifications.schema';
import { api } from '../../app/api/client';
import type { Wire } from '../../app/api/types';

export type Channel = Wire<z.infer<typeof channelResponse>>;
export type CreateChannelInput = z.input<typeof createChannelBody>;
export type UpdateChannelInput = z.input<typeof updateChannelBody>;
export type OutboxPage = Wire<z.infer<typeof outboxResponse>>;
export type OutboxItem = OutboxPage['items'][number];

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
