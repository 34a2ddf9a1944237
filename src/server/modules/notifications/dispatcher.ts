/**
 * Delivers the outbox after commit. Each pass claims small batches of due rows (`FOR UPDATE SKIP LOCKED`, so any
 * number of app instances may run it) and leases them by moving `next_attempt_at` ahead before sending outside
 * any transaction: a crash mid-send makes the row due again when the lease runs out. A failure is recorded with
 * the error and retried with exponential back-off; after `maxAttempts` the row is `dead`. The rows are the send log.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Sealer } from '../../crypto/secrets.js';
import type { Db } from '../../db/client.js';
import { notificationChannels, outbox } from '../../db/schema.js';
import type { MessageSender } from '../../messaging/sender.js';
import { webhookTargets } from './channels.service.js';
import { type ChannelKind, CHANNEL_KINDS, postJson, robotBody, signedDingtalkUrl } from './webhook.js';

export interface DispatchDeps {
  sender: MessageSender;
  sealer: Sealer;
  /** Attempts before a row is given up (`dead`). Default 8. */
  maxAttempts?: number;
  /** Rows claimed per transaction. Default 10. */
  batchSize?: number;
  /** Per-request timeout of a webhook POST. Default 5 s. */
  timeoutMs?: number;
  /** The deployment's relays (config WEBHOOK_RELAY_HOSTS): the only hosts reached over http or at a private address. */
  relayHosts?: readonly string[];
}

export interface DispatchResult {
  sent: number;
  failed: number;
  dead: number;
}

type OutboxRow = typeof outbox.$inferSelect;

/** A claimed row stays away from other instances this long while it is being sent. */
const LEASE_MS = 2 * 60_000;
/** 30 s, 2 min, 10 min, 1 h, then every 6 h. */
const BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 6 * 3_600_000];

export function backoffMs(attempts: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1] as number;
}

async function claim(db: Db, now: Date, limit: number): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const r of due) {
      await tx
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(eq(outbox.id, r.id));
    }
    return due.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });
}

/** Sends one row; throws with the reason on failure. A `Gone` error means retrying cannot help. */
class Gone extends Error {}

async function deliver(db: Db, deps: DispatchDeps, row: OutboxRow, now: Date): Promise<void> {
  const timeout = deps.timeoutMs ?? 5_000;
  if (row.channel === 'sms') {
    const text = 'text' in row.payload ? row.payload.text : null;
    if (typeof text !== 'string' || !text) throw new Gone('empty text');
    await deps.sender.send(row.target, text);
    return;
  }
  if (row.channel !== 'webhook') throw new Gone(`unknown channel ${row.channel}`);
  const p = row.payload;
  if (!('title' in p)) throw new Gone('not a webhook message');
  let url = row.target;
  let format = (p.format ?? 'wecom') as ChannelKind;
  let secret: string | null = null;
  if (row.channelId !== null) {
    // The channel's current settings: an administrator who fixes a wrong URL or secret makes the retries succeed.
    const [c] = await db.select().from(notificationChannels).where(eq(notificationChannels.id, row.channelId));
    if (!c) throw new Gone('channel removed');
    if (!c.active) throw new Gone('channel deactivated');
    url = c.url;
    format = c.kind as ChannelKind;
    secret = c.secretEnc ? deps.sealer.open(c.secretEnc) : null;
  }
  if (!(CHANNEL_KINDS as readonly string[]).includes(format)) throw new Gone(`unknown format ${format}`);
  const target = format === 'dingtalk' && secret ? signedDingtalkUrl(url, secret, now.getTime()) : url;
  // The hosts allowed now, not when the channel was saved: a host the city has since removed is refused.
  const targets = await webhookTargets(db, deps.relayHosts ?? []);
  await postJson(target, robotBody(format, p), timeout, targets);
}

async function settle(
  db: Db,
  deps: DispatchDeps,
  row: OutboxRow,
  now: Date,
  err: unknown,
): Promise<keyof DispatchResult> {
  if (err === null) {
    await db.update(outbox).set({ status: 'sent', sentAt: now, lastError: null }).where(eq(outbox.id, row.id));
    return 'sent';
  }
  const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
  const dead = err instanceof Gone || row.attempts >= (deps.maxAttempts ?? 8);
  await db
    .update(outbox)
    .set(
      dead
        ? { status: 'dead', lastError: message }
        : { lastError: message, nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)) },
    )
    .where(eq(outbox.id, row.id));
  return dead ? 'dead' : 'failed';
}

/** One pass: delivers every row due at `now`, batch by batch, and reports what happened. */
export async function dispatchOnce(db: Db, deps: DispatchDeps, now = new Date()): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, failed: 0, dead: 0 };
  // Bounded so that a flood cannot keep one pass going for ever; the next pass continues.
  for (let batch = 0; batch < 50; batch++) {
    const rows = await claim(db, now, deps.batchSize ?? 10);
    if (!rows.length) break;
    const outcomes = await Promise.all(
      rows.map(async (row) => {
        let err: unknown = null;
        try {
          await deliver(db, deps, row, now);
        } catch (e) {
          err = e ?? new Error('failed');
        }
        return settle(db, deps, row, now, err);
      }),
    );
    for (const o of outcomes) result[o]++;
  }
  return result;
}

export interface Dispatcher {
  /** Run soon (e.g. after a request that may have queued messages committed). */
  kick(): void;
  stop(): void;
}

/** Runs `dispatchOnce` every `everyMs` and shortly after each `kick()`, never two passes at once. */
export function startDispatcher(
  db: Db,
  deps: DispatchDeps,
  log: (msg: string, err?: unknown) => void,
  opts: { everyMs?: number; kickDelayMs?: number; clock?: () => Date } = {},
): Dispatcher {
  const clock = opts.clock ?? (() => new Date());
  let running = false;
  let again = false;
  let stopped = false;
  let kickTimer: NodeJS.Timeout | null = null;
  const run = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const r = await dispatchOnce(db, deps, clock());
        if (r.failed || r.dead) log(`outbox: ${r.sent} sent, ${r.failed} failed (will retry), ${r.dead} given up`);
      } while (again && !stopped);
    } catch (e) {
      log('outbox dispatch failed', e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), opts.everyMs ?? 10_000);
  timer.unref();
  return {
    kick() {
      if (stopped || kickTimer) return;
      kickTimer = setTimeout(() => {
        kickTimer = null;
        void run();
      }, opts.kickDelayMs ?? 100);
      kickTimer.unref();
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      if (kickTimer) clearTimeout(kickTimer);
    },
  };
}
