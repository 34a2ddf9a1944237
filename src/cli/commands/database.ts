/** `tuoguan migrate`, `backup <file>`, `restore <file>`. */
import { loadConfig } from '../../server/config.js';
import { backupTo, RestoreError, restoreFrom } from '../../server/db/backup.js';
import { type Command, UsageError } from '../command.js';
import { withDatabase } from '../db.js';

export const migrate: Command = {
  name: 'migrate',
  summary: '应用数据库迁移 / apply the database migrations',
  usage: 'tuoguan migrate',
  async run(argv, io) {
    if (argv.length) throw new UsageError('migrate takes no arguments');
    await withDatabase(async (db) => {
      io.stdout.write(`migrations applied (${db.driver})\n`);
    });
    return 0;
  },
};

export const backup: Command = {
  name: 'backup',
  summary: '备份全部数据到文件 / back up all data to a file',
  usage: 'tuoguan backup <file>',
  async run(argv, io) {
    const [file, ...rest] = argv;
    if (!file || rest.length) throw new UsageError('backup needs exactly one file name');
    const counts = await withDatabase((db) => backupTo(db, file));
    io.stdout.write(`backup written to ${file}: ${JSON.stringify(counts)}\n`);
    return 0;
  },
};

export const restore: Command = {
  name: 'restore',
  summary: '从备份文件恢复到空数据库 / restore a backup into an empty database',
  usage: 'tuoguan restore <file>',
  async run(argv, io) {
    const [file, ...rest] = argv;
    if (!file || rest.length) throw new UsageError('restore needs exactly one file name');
    try {
      const counts = await withDatabase((db) => db.migrate().then(() => restoreFrom(db, file)), { migrate: false });
      io.stdout.write(`restored from ${file}: ${JSON.stringify(counts)}\n`);
      return 0;
    } catch (e) {
      if (e instanceof RestoreError) {
        io.stderr.write(`${e.message}\n`);
        const c = loadConfig();
        if (!c.databaseUrl)
          io.stderr.write(`提示：换一个空的 DATA_DIR 再恢复 / hint: restore into a new, empty DATA_DIR\n`);
        return 1;
      }
      throw e;
    }
  },
};
