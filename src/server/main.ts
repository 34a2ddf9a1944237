/**
 * `npm start`: opens the database (PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL), applies the migrations,
 * creates the root organisation and administrator on first start, optionally loads the demo (`--demo`), and
 * listens on PORT. SIGTERM/SIGINT close the server and the database cleanly.
 */
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { createSealer, loadDataKey } from './crypto/secrets.js';
import { DataDirLockedError, openDatabase } from './db/client.js';
import { loadDemo } from './demo/load.js';
import { openFileStore } from './storage/fileStore.js';
import { startAuditSealer } from './events/seal.js';
import { startJobRunner } from './jobs/runner.js';
import { installModules, jobsOf } from './modules/index.js';
import { startDispatcher } from './modules/notifications/dispatcher.js';
import { startServerBackups } from './modules/system/backupRequests.js';
import { createSender } from './messaging/sender.js';

async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  // Before anything writes (the demo loader below): the modules' event subscriptions.
  installModules();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  await database.migrate();
  const boot = await bootstrap(database.db, config);
  if (boot.generatedPassword) {
    console.log('\n================================================================');
    console.log(' 首次启动：已创建市总管理员账号 / First start: city administrator created');
    console.log(`   用户名 username: admin`);
    console.log(`   初始密码 initial password: ${boot.generatedPassword}`);
    console.log(' 首次登录须修改密码；此密码只显示这一次。/ Change it at first login; shown only once.');
    console.log('================================================================\n');
  }
  if (argv.includes('--demo')) {
    if (boot.created) {
      const r = await loadDemo(database.db, { scale: 1, seed: 1, store: openFileStore(config) });
      console.log(`演示数据已载入 / demo data loaded: ${r.rows} rows in ${r.ms} ms`);
    } else {
      console.log('数据目录非空，未载入演示数据 / the data directory is not empty; demo not loaded');
    }
  }

  const sender = createSender(config.messageSender);
  const sealer = createSealer(loadDataKey(config));
  const app = await buildApp({ database, config, clock: () => new Date(), logger: true, sender, sealer });
  // Background jobs of every module, claimed through job_runs: any number of instances run each slot once.
  const jobRunner = startJobRunner(database.db, jobsOf(), (msg, err) =>
    err ? app.log.error({ err }, msg) : app.log.info(msg),
  );
  // The outbox goes out after commit: a pass every few seconds, and soon after any successful change.
  const dispatcher = startDispatcher(
    database.db,
    {
      sender,
      sealer,
      maxAttempts: Number(process.env.OUTBOX_MAX_ATTEMPTS) || 8,
      relayHosts: config.webhookRelayHosts,
    },
    (msg, err) => (err ? app.log.error({ err }, msg) : app.log.info(msg)),
  );
  app.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'GET' && reply.statusCode < 400) dispatcher.kick();
  });
  const stopSealer = startAuditSealer(database.db, (msg, err) => app.log.error({ err }, msg));
  // Scheduled backups run as a job; `tuoguan backup` against a running embedded database asks this process.
  const backups = startServerBackups(database, config, (msg, err) =>
    err ? app.log.error({ err }, msg) : app.log.info(msg),
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    dispatcher.stop();
    try {
      await jobRunner.stop();
      await backups.stop();
      await app.close();
      await stopSealer();
    } finally {
      await database.close();
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`Tuoguan 爱心托管服务平台: http://localhost:${config.port}  (${database.driver})`);
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});
