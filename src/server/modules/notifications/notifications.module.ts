import type { ModuleDefinition } from '../module.js';
import { notificationRoutes } from './notifications.routes.js';

/** The inbox, channels (group robots) and the outbox. */
export const notificationsModule: ModuleDefinition = { id: 'notifications', routes: [notificationRoutes] };
