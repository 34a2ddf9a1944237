/**
 * `tuoguan lottery verify FILE.json|-`: re-runs a published lottery (GET /api/classes/:id/lottery saved to a
 * file) and checks that the revealed seed matches its commitment and that every rank is what the draw gives.
 * Needs no database and no account: anyone holding the publication can check it.
 */
import fs from 'node:fs';
import { type PublishedLottery, verifyLottery } from '../../domain/enrolment/lottery.js';
import { type Command, UsageError } from '../command.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

const lottery: Command = {
  name: 'lottery',
  summary: '核验摇号结果 / verify a published lottery',
  usage: 'tuoguan lottery verify FILE.json|-',
  async run(argv, io) {
    const [verb, file, ...rest] = argv;
    if (verb !== 'verify' || !file || rest.length) throw new UsageError('usage: tuoguan lottery verify FILE.json|-');
    let text: string;
    try {
      text = file === '-' ? await readAll(io.stdin) : fs.readFileSync(file, 'utf8');
    } catch (e) {
      io.stderr.write(`无法读取 / cannot read ${file}: ${(e as Error).message}\n`);
      return 2;
    }
    let p: PublishedLottery;
    try {
      p = JSON.parse(text) as PublishedLottery;
    } catch {
      io.stderr.write('不是有效的 JSON / not valid JSON\n');
      return 2;
    }
    if (typeof p.seed !== 'string' || typeof p.seedHash !== 'string' || !Array.isArray(p.entries)) {
      io.stderr.write(
        '缺少 seed、seedHash 或 entries（摇号尚未公布？）/ missing seed, seedHash or entries (not drawn yet?)\n',
      );
      return 2;
    }
    const r = verifyLottery(p);
    if (r.ok) {
      io.stdout.write(`摇号结果核验通过 / lottery verified: ${r.entries} entries\n`);
      return 0;
    }
    io.stdout.write(`摇号结果不一致 / lottery does NOT verify: ${r.problem}\n`);
    return 1;
  },
};

export default lottery;
