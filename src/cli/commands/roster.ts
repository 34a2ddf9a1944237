// `tuoguan roster check FILE.xlsx` and `tuoguan roster template FILE.xlsx` — the roster import without the UI
// (issue 5, "Roster import"). Owns the command's I/O: reading and writing the files, printing the check as JSON,
// and the exit codes (0 clean, 1 bad cells, 2 unreadable file or bad arguments). What a cell means is decided in
// src/domain/roster; this file must not import anything from src/server.

import { readFile, writeFile } from 'node:fs/promises';
import { isIsoDate } from '../../domain/calendar/dates.js';
import { buildRosterTemplate, parseRosterWorkbook, RosterFileError } from '../../domain/roster/index.js';
import { type CliIo, type Command, parseOptions, UsageError } from '../command.js';

/** One line, as the dispatcher lists every command's usage in a column. */
const usage = 'tuoguan roster check|template FILE.xlsx';

const help = `用法 / usage: tuoguan roster check FILE.xlsx [--as-of YYYY-MM-DD]
       tuoguan roster template FILE.xlsx [--force]

check     检查儿童名册，输出 JSON {"rows": [...], "errors": [{"row","column","message","en"}]}。
          Checks a filled-in roster and prints the normalised rows and every bad cell (sheet row, column letter,
          message in Chinese, "en" in English). Row 0 / column "" means the file as a whole.
          --as-of  the day birth dates are judged against (default: today in China)
template  写出名册模板 (.xlsx, with a 填写说明 sheet). Refuses to overwrite an existing file unless --force.
Exit codes: 0 clean · 1 some cells are wrong · 2 unreadable file or bad arguments (message on stderr).
`;

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.write(text)) stream.once('drain', () => resolve());
    else resolve();
  });
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function check(file: string, asOf: string | undefined, io: CliIo): Promise<number> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    await write(io.stderr, `roster: 无法读取 / cannot read ${file}: ${reason(e)}\n`);
    return 2;
  }
  let result: Awaited<ReturnType<typeof parseRosterWorkbook>>;
  try {
    result = await parseRosterWorkbook(buf, asOf ? { asOf } : {});
  } catch (e) {
    if (!(e instanceof RosterFileError)) throw e;
    await write(io.stderr, `roster: ${file}: ${e.localized.zh}\n        ${e.localized.en}\n`);
    return 2;
  }
  const out = {
    rows: result.rows,
    errors: result.errors.map((e) => ({ row: e.row, column: e.column, message: e.message.zh, en: e.message.en })),
  };
  await write(io.stdout, `${JSON.stringify(out, null, 2)}\n`);
  return result.errors.length === 0 ? 0 : 1;
}

async function template(file: string, force: boolean, io: CliIo): Promise<number> {
  try {
    // 'wx' unless --force: a unit's filled-in roster lying at that path must not be replaced by an empty template.
    await writeFile(file, await buildRosterTemplate(), { flag: force ? 'w' : 'wx' });
  } catch (e) {
    const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
    const why = exists ? '文件已存在，使用 --force 覆盖 / the file exists; add --force to overwrite' : reason(e);
    await write(io.stderr, `roster: 无法写入 / cannot write ${file}: ${why}\n`);
    return 2;
  }
  await write(io.stdout, `roster: 已写出名册模板 / template written to ${file}\n`);
  return 0;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('-h') || args.includes('--help')) {
    await write(io.stdout, help);
    return 0;
  }
  const { opts, positional } = parseOptions(args, { 'as-of': 'string', force: 'boolean' });
  const [sub, file, ...extra] = positional;
  if (sub !== 'check' && sub !== 'template') {
    throw new UsageError(
      sub === undefined ? 'roster: 缺少子命令 / missing subcommand' : `roster: 未知子命令 / unknown subcommand ${sub}`,
    );
  }
  if (file === undefined || extra.length > 0)
    throw new UsageError(`roster ${sub}: 需要且只需要一个文件 / expected exactly one FILE.xlsx`);

  if (sub === 'check') {
    if (opts.force !== undefined) throw new UsageError('roster check: --force applies to template only');
    const asOf = opts['as-of'];
    if (asOf !== undefined && !isIsoDate(asOf))
      throw new UsageError(`roster check: --as-of must be YYYY-MM-DD, got ${String(asOf)}`);
    return check(file, asOf as string | undefined, io);
  }
  if (opts['as-of'] !== undefined) throw new UsageError('roster template: --as-of applies to check only');
  return template(file, opts.force === true, io);
}

const roster: Command = {
  name: 'roster',
  summary: '检查儿童名册或写出模板 / check a children roster (.xlsx) or write its template',
  usage,
  run,
};

export default roster;
