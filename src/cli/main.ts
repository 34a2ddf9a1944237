/** Entry point of the `tuoguan` binary. An unexpected failure prints its message (not a dump) and exits 1. */
import { runCli } from './index.js';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error & { cause?: { message?: string } }) => {
    const detail = e.cause?.message ? ` (${e.cause.message})` : '';
    process.stderr.write(`错误 / error: ${e.message.split('\n')[0]}${detail}\n`);
    if (process.env.DEBUG) console.error(e);
    process.exitCode = 1;
  },
);
