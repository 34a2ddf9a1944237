/**
 * The `tuoguan` command (`npm run cli -- <command>`, or the package's bin). Unknown commands and bad arguments
 * print the usage and exit 2.
 */
import { DataDirLockedError } from '../server/db/client.js';
import { installModules } from '../server/modules/index.js';
import { type CliIo, type Command, UsageError } from './command.js';
import { createAdmin, resetPassword } from './commands/accounts.js';
import { audit } from './commands/audit.js';
import { backup, migrate, restore } from './commands/database.js';
import { demo } from './commands/demo.js';

const builtIn: Command[] = [createAdmin, resetPassword, migrate, backup, restore, audit, demo];

async function optionalCommands(): Promise<Command[]> {
  // Loaded lazily: they pull in the domain engines, which plain database commands do not need.
  const out: Command[] = [];
  for (const load of [
    () => import('./commands/check-class.js'),
    () => import('./commands/roster.js'),
    () => import('./commands/lottery.js'),
    () => import('./commands/reports.js'),
    () => import('./commands/stats.js'),
  ]) {
    out.push(((await load()) as { default: Command }).default);
  }
  return out;
}

export function usage(commands: Command[]): string {
  const lines = commands.map((c) => `  ${c.usage.padEnd(62)} ${c.summary}`);
  return `用法 / usage: tuoguan <command> [options]\n\n${lines.join('\n')}\n`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // Commands write through the same services as the app: the same event subscriptions must run.
  installModules();
  const commands = [...builtIn, ...(await optionalCommands())];
  const [name, ...rest] = argv;
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    if (name && name !== 'help' && name !== '--help') io.stderr.write(`未知命令 / unknown command: ${name}\n\n`);
    io.stderr.write(usage(commands));
    return name === 'help' || name === '--help' ? 0 : 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${e.message}\n用法 / usage: ${cmd.usage}\n`);
      return 2;
    }
    if (e instanceof DataDirLockedError) {
      io.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
