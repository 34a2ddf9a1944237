/**
 * One app instance for the surge benchmark, in its own process (as a real deployment would run it): the product's
 * app plus the baseline route, listening on a loopback port it prints as `PORT <n>`. Stops on SIGTERM or when the
 * benchmark that started it goes away (its stdin closes).
 */
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { startAuditSealer } from '../src/server/events/seal.js';
import { openDatabase } from '../src/server/db/client.js';
import { LogSender } from '../src/server/messaging/sender.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is required');
const database = await openDatabase({ databaseUrl: url });
const config = { ...loadConfig({}), webDist: '/none', dataKey: 'ab'.repeat(32), logLevel: 'warn' };
// BENCH_NOW moves the clock (e.g. to a class day's morning) while time still runs.
const offset = process.env.BENCH_NOW ? new Date(process.env.BENCH_NOW).getTime() - Date.now() : 0;
const clock = () => new Date(Date.now() + offset);
const app = await buildApp({ database, config, clock, sender: new LogSender(() => {}) });
// The baseline: the same stack (session, CSRF, zod, error handler) around one INSERT.
app.post('/bench/baseline', async (req) => {
  await database.db.execute(sql`INSERT INTO bench_baseline (user_id) VALUES (${req.ctx.actor?.userId ?? 0})`);
  return { ok: true };
});
// As in production (src/server/main.ts): every instance seals the audit chain in the background.
const stopSealer = startAuditSealer(database.db, (msg, err) => console.error(msg, err));
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(`PORT ${typeof addr === 'object' && addr ? addr.port : 0}`);
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await app.close();
  await stopSealer();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', stop);
// The benchmark holds our stdin open: when it exits, however it exits, so do we.
process.stdin.on('end', stop);
process.stdin.resume();
