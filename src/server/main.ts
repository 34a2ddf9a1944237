/**
 * `npm start`: opens the database (PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL), applies the migrations,
 * creates the root organisation and administrator on first start, optionally loads the demo (`--demo`), and
 * listens on PORT. SIGTERM/SIGINT close the server and the database cleanly.
 */
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { DataDirLockedError, openDatabase } from './db/client.js';
import { loadDemo } from './demo/load.js';
import { startSweeper } from './jobs/sweeper.js';
import { createSender } from './messaging/sender.js';

async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
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
      const r = await loadDemo(database.db, { scale: 1, seed: 1 });
      console.log(`演示数据已载入 / demo data loaded: ${r.rows} rows in ${r.ms} ms`);
    } else {
      console.log('数据目录非空，未载入演示数据 / the data directory is not empty; demo not loaded');
    }
  }

  const sender = createSender(config.messageSender);
  const app = await buildApp({ database, config, clock: () => new Date(), logger: true, sender });
  const stopSweeper = startSweeper(database.db, sender, (msg, err) =>
    err ? app.log.error({ err }, msg) : app.log.info(msg),
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    stopSweeper();
    try {
      await app.close();
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
