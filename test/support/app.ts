/**
 * The application under test: the real Fastify app on a real database, driven through `inject`, with a clock the
 * test controls. `agent` signs a person in and carries their cookie and CSRF token like a browser would.
 */
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { type Config, loadConfig } from '../../src/server/config.js';
import type { Database } from '../../src/server/db/client.js';
import type { App } from '../../src/server/deps.js';
import { LogSender } from '../../src/server/messaging/sender.js';
import { createSealer, loadDataKey } from '../../src/server/crypto/secrets.js';
import {
  type DispatchDeps,
  type DispatchResult,
  dispatchOnce,
} from '../../src/server/modules/notifications/dispatcher.js';
import { createTestDatabase } from './db.js';

export const ADMIN_PASSWORD = 'Initial-Admin-Pass-2026';

export interface TestClock {
  now: Date;
  advance(ms: number): void;
}

export interface TestApp {
  app: App;
  /** Every text message the app sent (verification codes, offers). */
  sender: LogSender;
  database: Database;
  clock: TestClock;
  rootId: number;
  config: Config;
  /** Delivers the due outbox (texts, webhooks) at the test clock's time, as the dispatcher does after commit. */
  dispatch(opts?: Partial<DispatchDeps>): Promise<DispatchResult>;
  agent(username: string, password: string, extra?: { totp?: string }): Promise<Agent>;
  anonymous(): Agent;
  close(): Promise<void>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export class Agent {
  cookie: string | null = null;
  csrf: string | null = null;
  lang = 'zh-CN';
  constructor(private readonly app: App) {}

  async request(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { 'accept-language': this.lang, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({
      method,
      url,
      headers: h,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const set = res.cookies.find((c) => c.name === 'tg_sid');
    if (set) this.cookie = set.value ? `tg_sid=${set.value}` : null;
    return res;
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  put = (url: string, body: unknown) => this.request('PUT', url, body);
  del = (url: string) => this.request('DELETE', url);
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: Config = {
    ...loadConfig({}),
    adminPassword: ADMIN_PASSWORD,
    webDist: '/nonexistent',
    loginRateLimit: { max: 1000, windowMs: 60_000 },
    publicRateLimit: { max: 1000, windowMs: 60_000 },
    // A fixed key: tests must not create key files in the working tree.
    dataKey: 'ab'.repeat(32),
    ...overrides,
  };
  const boot = await bootstrap(database.db, config);
  const clock: TestClock = {
    now: new Date('2026-06-01T08:00:00Z'),
    advance(ms) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const sender = new LogSender(() => {});
  const app = await buildApp({ database, config, clock: () => clock.now, sender });
  await app.ready();
  return {
    app,
    sender,
    database,
    clock,
    rootId: boot.rootId,
    config,
    anonymous: () => new Agent(app),
    dispatch: (opts = {}) =>
      dispatchOnce(
        database.db,
        { sender, sealer: createSealer(loadDataKey(config)), relayHosts: config.webhookRelayHosts, ...opts },
        clock.now,
      ),
    async agent(username, password, extra = {}) {
      const a = new Agent(app);
      const res = await a.post('/api/auth/login', { username, password, ...extra });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      a.csrf = res.json().csrfToken;
      return a;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
