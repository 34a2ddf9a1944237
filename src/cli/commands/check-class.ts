// `tuoguan check-class FILE.json|-` — evaluate one class against a campaign without the UI (issue 3).
// Owns the command's I/O: reading the file or stdin, decoding JSON, printing verdicts as JSON, and
// the exit codes (0 no rule fails, 1 a rule fails, 2 unreadable or invalid input). The judging itself
// is src/domain/rules; this file must not import anything from src/server.

import { readFile } from 'node:fs/promises';
import { todayInChina } from '../../domain/calendar/dates.js';
import { evaluateClass, parseCheckClassInput } from '../../domain/rules/index.js';
import type { CliIo, Command } from '../command.js';

/** One line, as the dispatcher lists every command's usage in a column. */
const usage = 'tuoguan check-class FILE.json|-';

const help = `用法 / usage: tuoguan check-class FILE.json
       tuoguan check-class -          (read the JSON from stdin)

按项目规则检查一个托管班，输出 JSON {"ok", "asOf", "rules": [{"id","status","message","facts",...}]}。
Evaluates one care class against a campaign's rules and prints the verdicts as JSON.
Input format: docs/POLICY-RULES.md; examples: docs/examples/*.json. Without "asOf", today (China time).
Exit codes: 0 no rule fails · 1 some rule fails · 2 unreadable or invalid input (stderr names the field).
`;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.write(text)) stream.once('drain', () => resolve());
    else resolve();
  });
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('-h') || args.includes('--help')) {
    await write(io.stdout, help);
    return 0;
  }
  const file = args[0];
  if (file === undefined || args.length > 1) {
    await write(io.stderr, `check-class: expected exactly one FILE.json or "-"\n\n${help}`);
    return 2;
  }

  let text: string;
  try {
    text = file === '-' ? await readAll(io.stdin) : await readFile(file, 'utf8');
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    await write(io.stderr, `check-class: cannot read ${file === '-' ? 'stdin' : file}: ${why}\n`);
    return 2;
  }

  let json: unknown;
  try {
    // A UTF-8 byte-order mark is common in files saved by Windows editors; JSON.parse rejects it.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    await write(io.stderr, `check-class: invalid JSON in ${file === '-' ? 'stdin' : file}: ${why}\n`);
    return 2;
  }

  const parsed = parseCheckClassInput(json);
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n');
    await write(io.stderr, `check-class: invalid input (see docs/POLICY-RULES.md):\n${lines}\n`);
    return 2;
  }

  const { campaign, snapshot } = parsed.value;
  const asOf = parsed.value.asOf ?? todayInChina(new Date());
  const evaluation = evaluateClass(snapshot, campaign, asOf);
  const out = {
    ok: evaluation.ok,
    asOf,
    campaign: campaign.name,
    rules: evaluation.rules.map((r) => ({
      id: r.id,
      status: r.status,
      message: r.message.zh,
      facts: r.facts,
      ...(r.fix ? { fix: r.fix.zh } : {}),
      policyRefs: r.policyRefs,
      en: { message: r.message.en, ...(r.fix ? { fix: r.fix.en } : {}) },
    })),
  };
  await write(io.stdout, `${JSON.stringify(out, null, 2)}\n`);
  return evaluation.ok ? 0 : 1;
}

const checkClass: Command = {
  name: 'check-class',
  summary: '按项目规则检查一个托管班 / check one care class against the campaign rules',
  usage,
  run,
};

export default checkClass;
