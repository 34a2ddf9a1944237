/**
 * `tuoguan reports status --campaign ID` and `tuoguan reports export --report ID --format docx|xlsx --out FILE`
 * (issue 14, the contract for scripts). Status prints one JSON row per expected report of the campaign, started
 * or not: `status` is `missing` for a report nobody started, whether or not it is due yet (the `onTime` of such a
 * row is null; the API's `state` says `not_yet_due`). Exit codes: 0 done · 1 nothing written (the writer failed) ·
 * 2 bad arguments, unknown campaign or report.
 */
import fs from 'node:fs';
import { reportDocx } from '../../server/documents/report-docx.js';
import { periodSheetXlsx } from '../../server/documents/report-xlsx.js';
import { reportDetail } from '../../server/modules/reports/reports.detail.js';
import { chinaDate, reportingWorld } from '../../server/modules/reports/reports.expected.js';
import { reportDocument } from '../../server/modules/reports/reports.present.js';
import { unsafeFindReport } from '../../server/modules/reports/reports.repo.js';
import { levelOf, periodSheet } from '../../server/modules/reports/reports.timeliness.js';
import { type Command, parseOptions, UsageError } from '../command.js';
import { withDatabase } from '../db.js';

const USAGE = 'tuoguan reports status --campaign ID | export --report ID --format docx|xlsx --out FILE';

function positiveId(v: string | boolean | undefined, name: string): number {
  const n = typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} needs a positive number`);
  return n;
}

async function status(argv: string[], io: Parameters<Command['run']>[1]): Promise<number> {
  const { opts, positional } = parseOptions(argv, { campaign: 'string' });
  if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
  const campaignId = positiveId(opts.campaign, 'campaign');
  return withDatabase(async ({ db }) => {
    const now = new Date();
    const world = await reportingWorld(db, campaignId, null, now);
    if (!world) {
      io.stderr.write(`项目不存在 / unknown campaign: ${campaignId}\n`);
      return 2;
    }
    const rows = world.slots.map((s) => {
      const first = chinaDate(s.report?.firstSubmittedAt ?? null);
      return {
        reportId: s.report?.id ?? null,
        orgId: s.org.id,
        orgName: s.org.name,
        type: s.period.type,
        period: s.period.period,
        dueDate: s.period.dueDate,
        status: s.status,
        submittedAt: s.report?.firstSubmittedAt?.toISOString() ?? null,
        onTime: first === null ? null : first <= s.period.dueDate,
      };
    });
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  });
}

async function exportReport(argv: string[], io: Parameters<Command['run']>[1]): Promise<number> {
  const { opts, positional } = parseOptions(argv, { report: 'string', format: 'string', out: 'string' });
  if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
  const reportId = positiveId(opts.report, 'report');
  const format = opts.format;
  if (format !== 'docx' && format !== 'xlsx') throw new UsageError('--format must be docx or xlsx');
  const out = opts.out;
  if (typeof out !== 'string' || !out) throw new UsageError('--out FILE is required');
  return withDatabase(async ({ db }) => {
    const now = new Date();
    const r = await unsafeFindReport(db, reportId);
    if (!r) {
      io.stderr.write(`报告不存在 / unknown report: ${reportId}\n`);
      return 2;
    }
    let bytes: Buffer;
    if (format === 'docx') {
      bytes = await reportDocx(reportDocument(await reportDetail(db, null, r, now)));
    } else {
      const world = await reportingWorld(db, r.campaignId, null, now);
      const level = world && levelOf(world, null);
      const sheet = world && level ? await periodSheet(db, world, level, r.type, r.period, now) : undefined;
      if (!sheet) {
        io.stderr.write(`该报告的期间已不在项目中 / the report's period is no longer in the campaign\n`);
        return 2;
      }
      bytes = await periodSheetXlsx(sheet);
    }
    try {
      fs.writeFileSync(out, bytes);
    } catch (e) {
      io.stderr.write(`无法写入 / cannot write ${out}: ${(e as Error).message}\n`);
      return 1;
    }
    io.stdout.write(`已写入 / written: ${out} (${bytes.length} bytes)\n`);
    return 0;
  });
}

const reports: Command = {
  name: 'reports',
  summary: '报送情况与导出 / report status and export',
  usage: 'tuoguan reports status|export …',
  async run(argv, io) {
    const [verb, ...rest] = argv;
    if (verb === 'status') return status(rest, io);
    if (verb === 'export') return exportReport(rest, io);
    throw new UsageError(`usage: ${USAGE}`);
  },
};

export default reports;
