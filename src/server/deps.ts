/** The dependencies every module receives explicitly (no globals): the database, configuration and a clock. */
import type { FastifyInstance, FastifyBaseLogger, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Sealer } from './crypto/secrets.js';
import type { Database } from './db/client.js';
import type { MessageSender } from './messaging/sender.js';

export interface Deps {
  database: Database;
  config: Config;
  /** Injected so that session timeouts and lockouts can be tested without waiting. */
  clock: () => Date;
  /** Phone messages (verification codes, offers). */
  sender: MessageSender;
  /** Encryption of personal data at rest (ID numbers). */
  sealer: Sealer;
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;
