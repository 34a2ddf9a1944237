import type { ModuleDefinition } from '../module.js';
import { notificationRoutes } from './notifications.routes.js';
import { notificationSubscriptions } from './notifications.subscriptions.js';

/** The inbox, channels (group robots) and the outbox; notices of a class's approval steps. */
export const notificationsModule: ModuleDefinition = {
  id: 'notifications',
  routes: [notificationRoutes],
  subscriptions: notificationSubscriptions,
};
