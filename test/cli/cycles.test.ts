/**
 * The import-cycle check CI runs (bin/check-cycles.js): it finds a loop of files, a loop between modules that no
 * two files form on their own, and passes a tree without either — and the product's own src/ has none.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve('bin/check-cycles.js');
const dirs: string[] = [];

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}
const check = (cwd: string) => spawnSync(process.execPath, [SCRIPT], { cwd, encoding: 'utf8' });

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the import-cycle check', () => {
  it('finds two files that import each other (a type import counts)', () => {
    const r = check(
      tree({
        'src/server/storage/a.ts': "import type { B } from './b.js';\nexport type A = B;\n",
        'src/server/storage/b.ts': "import { a } from './a.js';\nexport const b = a;\n",
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('file cycle: src/server/storage/a.ts ⇄ src/server/storage/b.ts');
  });

  it('finds modules that depend on each other through different files', () => {
    const r = check(
      tree({
        'src/server/modules/classes/classes.service.ts': "import { feed } from '../attendance/attendance.engine.js';\n",
        'src/server/modules/classes/classes.repo.ts': 'export const row = 1;\n',
        'src/server/modules/attendance/attendance.engine.ts':
          "import { row } from '../classes/classes.repo.js';\nexport const feed = row;\n",
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('part cycle: src/server/modules/attendance ⇄ src/server/modules/classes');
    expect(r.stdout).toContain(
      'src/server/modules/attendance/attendance.engine.ts -> src/server/modules/classes/classes.repo.ts',
    );
  });

  it('passes a layered tree, ignoring comments and packages', () => {
    const r = check(
      tree({
        'src/server/modules/classes/classes.repo.ts': "// import { x } from '../attendance/attendance.engine.js';\n",
        'src/server/modules/attendance/attendance.engine.ts':
          "import { z } from 'zod';\nimport { row } from '../classes/classes.repo.js';\n",
        'src/server/modules/index.ts': "export { row } from './classes/classes.repo.js';\n",
      }),
    );
    expect(r.stdout).toContain('0 file cycles, 0 part cycles');
    expect(r.status).toBe(0);
  });

  it('the product has no import cycle', () => {
    const r = check(process.cwd());
    expect(r.stdout.split('\n').filter((l) => l.includes('cycle:'))).toEqual([]);
    expect(r.status).toBe(0);
  });
});
