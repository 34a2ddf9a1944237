/** The shape of a `tuoguan` command: each lives in its own file under commands/ and returns its exit code. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export class UsageError extends Error {}

/** `--name value` and `--flag` parsing; unknown options are a usage error. */
export function parseOptions(argv: string[], known: Record<string, 'string' | 'boolean'>) {
  const opts: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) {
      const [rawName, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const kind = known[rawName];
      if (!kind) throw new UsageError(`unknown option --${rawName}`);
      if (kind === 'boolean') opts[rawName] = true;
      else {
        const v = inline ?? argv[++i];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`--${rawName} needs a value`);
        opts[rawName] = v;
      }
    } else positional.push(a);
  }
  return { opts, positional };
}
