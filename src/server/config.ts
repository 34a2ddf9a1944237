/**
 * Configuration from the environment, read once. Every knob the README documents is here.
 */
import path from 'node:path';
import { type S3Config, s3ConfigFromEnv } from './storage/s3Store.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  orgName: string;
  adminPassword: string | undefined;
  /** Set the Secure flag on cookies (behind HTTPS). */
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginRateLimit: { max: number; windowMs: number };
  /** Per-IP limit on the public registration endpoints (phone codes, sign-up). */
  publicRateLimit: { max: number; windowMs: number };
  /** Consecutive failures before the account locks; each further failure doubles the lock. */
  lockoutThreshold: number;
  logLevel: string;
  webDist: string;
  /** 32-byte key (hex) for encrypting ID numbers; without it a key file is created in DATA_DIR. */
  dataKey: string | undefined;
  /** Where phone codes go: `log` (default: the server log) — real providers plug in here. */
  messageSender: string;
  /** An S3-compatible store for uploads (S3_BUCKET, S3_ENDPOINT, …); null keeps them under DATA_DIR/files. */
  s3: S3Config | null;
  /**
   * Relays on the deployment's own network that notification webhooks may reach over http or at a private address
   * (WEBHOOK_RELAY_HOSTS, comma-separated host names). Empty by default: only the robots' public hosts.
   */
  webhookRelayHosts: string[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
  return {
    port: num(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    orgName: env.TUOGUAN_ORG_NAME || '示例市总工会',
    adminPassword: env.ADMIN_PASSWORD || undefined,
    cookieSecure: env.COOKIE_SECURE === 'true',
    sessionIdleMinutes: num(env.SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: num(env.SESSION_ABSOLUTE_HOURS, 12),
    loginRateLimit: { max: num(env.LOGIN_RATE_LIMIT, 20), windowMs: 60_000 },
    publicRateLimit: { max: num(env.PUBLIC_RATE_LIMIT, 10), windowMs: 60_000 },
    lockoutThreshold: num(env.LOCKOUT_THRESHOLD, 5),
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: path.resolve(env.WEB_DIST ?? './dist/web'),
    dataKey: env.TUOGUAN_DATA_KEY || undefined,
    messageSender: env.MESSAGE_SENDER ?? 'log',
    s3: s3ConfigFromEnv(env),
    webhookRelayHosts: (env.WEBHOOK_RELAY_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  };
}
