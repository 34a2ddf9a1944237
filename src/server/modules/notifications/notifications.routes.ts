/**
 * /api/inbox (every signed-in person's own messages), /api/orgs/:orgId/notification-channels and
 * /api/notification-channels/:id (an organisation's group robots, for the administrators covering it), and
 * /api/outbox (the send log).
 */
import { actorOf } from '../../request.js';
import type { App, Deps } from '../../deps.js';
import {
  createChannel,
  listChannels,
  listOutbox,
  loadChannel,
  presentChannel,
  presentChannels,
  queueTest,
  updateChannel,
} from './channels.service.js';
import { listInbox, markAllRead, markRead, unreadCount } from './inbox.service.js';
import {
  channelListResponse,
  channelResponse,
  createChannelBody,
  idParams,
  inboxItem,
  inboxQuery,
  inboxResponse,
  orgIdParams,
  outboxQuery,
  outboxResponse,
  readAllResponse,
  testResponse,
  unreadResponse,
  updateChannelBody,
} from './notifications.schema.js';

export async function notificationRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const channelDeps = { sealer: deps.sealer, relayHosts: deps.config.webhookRelayHosts };

  {
    const tags = ['inbox'];
    app.get(
      '/api/inbox',
      { schema: { tags, querystring: inboxQuery, response: { 200: inboxResponse } } },
      async (req) => {
        const q = req.query;
        return listInbox(db, actorOf(req).userId, {
          unreadOnly: q.unreadOnly === 'true',
          cursor: q.cursor,
          limit: q.limit,
        });
      },
    );
    app.get('/api/inbox/unread-count', { schema: { tags, response: { 200: unreadResponse } } }, async (req) => ({
      unread: await unreadCount(db, actorOf(req).userId),
    }));
    app.post('/api/inbox/:id/read', { schema: { tags, params: idParams, response: { 200: inboxItem } } }, async (req) =>
      markRead(db, actorOf(req).userId, req.params.id, req.ctx.now),
    );
    app.post('/api/inbox/read-all', { schema: { tags, response: { 200: readAllResponse } } }, async (req) => ({
      updated: await markAllRead(db, actorOf(req).userId, req.ctx.now),
    }));
  }

  const tags = ['notification-channels'];
  app.get(
    '/api/orgs/:orgId/notification-channels',
    { schema: { tags, params: orgIdParams, response: { 200: channelListResponse } } },
    async (req) => ({
      items: await presentChannels(db, await listChannels(db, actorOf(req), req.params.orgId)),
    }),
  );

  app.post(
    '/api/orgs/:orgId/notification-channels',
    { schema: { tags, params: orgIdParams, body: createChannelBody, response: { 201: channelResponse } } },
    async (req, reply) => {
      const c = await createChannel(db, channelDeps, req.ctx, actorOf(req), req.params.orgId, req.body);
      return reply.code(201).send(await presentChannel(db, c));
    },
  );

  app.get(
    '/api/notification-channels/:id',
    { schema: { tags, params: idParams, response: { 200: channelResponse } } },
    async (req) => presentChannel(db, await loadChannel(db, actorOf(req), req.params.id)),
  );

  app.patch(
    '/api/notification-channels/:id',
    { schema: { tags, params: idParams, body: updateChannelBody, response: { 200: channelResponse } } },
    async (req) => {
      const c = await updateChannel(db, channelDeps, req.ctx, actorOf(req), req.params.id, req.body);
      return presentChannel(db, c);
    },
  );

  // Channels are never deleted (the send log points at them): DELETE deactivates.
  app.delete(
    '/api/notification-channels/:id',
    { schema: { tags, params: idParams, response: { 200: channelResponse } } },
    async (req) => {
      const c = await updateChannel(db, channelDeps, req.ctx, actorOf(req), req.params.id, { active: false });
      return presentChannel(db, c);
    },
  );

  app.post(
    '/api/notification-channels/:id/test',
    { schema: { tags, params: idParams, response: { 202: testResponse } } },
    async (req, reply) => reply.code(202).send({ outboxId: await queueTest(db, req.ctx, actorOf(req), req.params.id) }),
  );

  app.get(
    '/api/outbox',
    { schema: { tags, querystring: outboxQuery, response: { 200: outboxResponse } } },
    async (req) => listOutbox(db, actorOf(req), req.query),
  );
}
