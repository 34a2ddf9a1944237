/** Calls of the inbox (/api/inbox): the person's notices, the unread count of the header bell, marking read. */
import type { z } from 'zod';
import type { inboxItem, inboxResponse } from '../../../server/modules/notifications/notifications.schema';
import { api } from '../../app/api/client';
import type { Wire } from '../../app/api/types';

export type InboxItem = Wire<z.infer<typeof inboxItem>>;
export type InboxPage = Wire<z.infer<typeof inboxResponse>>;

export const UNREAD_KEY = ['inbox', 'unread'] as const;

export const fetchUnread = () => api.get<{ unread: number }>('/api/inbox/unread-count').then((r) => r.unread);
export const fetchInbox = (p: { unreadOnly?: boolean; cursor?: number | null }) =>
  api.get<InboxPage>('/api/inbox', {
    unreadOnly: p.unreadOnly ? 'true' : undefined,
    cursor: p.cursor ?? undefined,
  });
export const markRead = (id: number) => api.post<InboxItem>(`/api/inbox/${id}/read`);
export const markAllRead = () => api.post<{ updated: number }>('/api/inbox/read-all');

/** A link inside the console (`/classes/1`) opens in place; parent-app links (`/m/#/…`) are not for the console. */
export function consoleLink(link: string | null): string | null {
  if (!link?.startsWith('/') || link.startsWith('/m/')) return null;
  return link;
}
