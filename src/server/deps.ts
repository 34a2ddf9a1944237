/**
 * The dependencies every module receives explicitly (no globals): the database, configuration, a clock, and what
 * the module registry gathered from all modules (file owners, jobs).
 */
import type { FastifyInstance, FastifyBaseLogger, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Sealer } from './crypto/secrets.js';
import type { Database } from './db/client.js';
import type { JobDefinition } from './jobs/job.js';
import type { MessageSender } from './messaging/sender.js';
import type { FileOwners } from './storage/owners.js';

export interface Deps {
  database: Database;
  config: Config;
  /** Injected so that session timeouts and lockouts can be tested without waiting. */
  clock: () => Date;
  /** Phone messages (verification codes, offers). */
  sender: MessageSender;
  /** Encryption of personal data at rest (ID numbers). */
  sealer: Sealer;
  /** Owner types of stored files and who may read them (from the module registry). */
  fileOwners: FileOwners;
  /** The background jobs of the registered modules (the runner and the jobs page). */
  jobs: readonly JobDefinition[];
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;
