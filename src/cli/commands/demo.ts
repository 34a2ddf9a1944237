/** `tuoguan demo [--scale N] [--seed S]`: loads the deterministic demo dataset. */
import { loadConfig } from '../../server/config.js';
import { DemoAlreadyLoadedError, loadDemo } from '../../server/demo/load.js';
import { openFileStore } from '../../server/storage/fileStore.js';
import { type Command, parseOptions, UsageError } from '../command.js';
import { withDatabase } from '../db.js';

export const demo: Command = {
  name: 'demo',
  summary: '载入演示数据 / load the demo dataset',
  usage: 'tuoguan demo [--scale N] [--seed S]',
  async run(argv, io) {
    const { opts, positional } = parseOptions(argv, { scale: 'string', seed: 'string' });
    if (positional.length) throw new UsageError('demo takes only --scale and --seed');
    const scale = opts.scale === undefined ? 1 : Number(opts.scale);
    const seed = opts.seed === undefined ? 1 : Number(opts.seed);
    if (!(scale > 0 && scale <= 1000)) throw new UsageError('--scale must be a number in (0, 1000]');
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
    try {
      const store = openFileStore(loadConfig());
      const r = await withDatabase(({ db }) => loadDemo(db, { scale, seed, store }));
      const perSecond = Math.round((r.rows / Math.max(1, r.ms)) * 1000);
      io.stdout.write(
        `demo loaded: ${r.orgs} organisations, ${r.users} people, ${r.world.classes} classes, ${r.world.children} children, ${r.world.attendanceEvents} attendance events; ${r.rows} rows in ${r.ms} ms (${perSecond} rows/s)\n`,
      );
      io.stdout.write(
        '演示账号 demo accounts (password Demo@2026): city district unit staff volunteer inspector reviewer auditor parent\n',
      );
      return 0;
    } catch (e) {
      if (e instanceof DemoAlreadyLoadedError) {
        io.stderr.write(`${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
