/** `tuoguan audit verify`: checks the audit log's hash chain and names the first broken row. */
import { verifyAuditChain } from '../../server/events/verify.js';
import { type Command, UsageError } from '../command.js';
import { withDatabase } from '../db.js';

export const audit: Command = {
  name: 'audit',
  summary: '审计日志校验 / audit log tools: verify',
  usage: 'tuoguan audit verify',
  async run(argv, io) {
    if (argv[0] !== 'verify' || argv.length !== 1) throw new UsageError('usage: tuoguan audit verify');
    const r = await withDatabase(({ db }) => verifyAuditChain(db), { migrate: false });
    if (r.ok) {
      io.stdout.write(`审计日志完整 / audit chain OK: ${r.rows} rows\n`);
      return 0;
    }
    io.stdout.write(
      `审计日志被篡改：第一处损坏在 id=${r.brokenId} / audit chain BROKEN at row id=${r.brokenId} (${r.reason === 'hash' ? 'content changed' : 'link to previous row broken: a row was removed or inserted'})\n`,
    );
    return 1;
  },
};
