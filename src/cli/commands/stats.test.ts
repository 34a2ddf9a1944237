// `tuoguan stats targets`, driven through run() with in-memory streams against a throwaway database (the command
// opens it from DATA_DIR / DATABASE_URL like the real binary): the JSON contract on the hand-counted world of
// test/support/stats-world.ts (a family with children in two districts counts once in the total; the districts'
// units, classes and children add up), and the exit codes (0 done, 2 unknown campaign; bad arguments throw
// UsageError for the dispatcher, which prints the usage and exits 2).
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliEnvironment, openCliDatabase } from '../../../test/support/db.js';
import { buildStatsWorld, type StatsWorld } from '../../../test/support/stats-world.js';
import { bootstrap } from '../../server/bootstrap.js';
import { installModules } from '../../server/modules/index.js';
import { UsageError } from '../command.js';
import stats from './stats.js';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

async function run(argv: string[]) {
  const out = sink();
  const err = sink();
  const code = await stats.run(argv, { stdout: out.stream, stderr: err.stream, stdin: Readable.from([]) });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('tuoguan stats targets', { timeout: 120_000 }, () => {
  let cli: Awaited<ReturnType<typeof createCliEnvironment>>;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  let w: StatsWorld;

  beforeAll(async () => {
    installModules();
    cli = await createCliEnvironment();
    const database = await openCliDatabase(cli.env);
    try {
      await database.migrate();
      const { rootId } = await bootstrap(database.db, {
        orgName: '测试市总工会',
        adminPassword: 'Initial-Admin-Pass-2026',
      });
      w = await buildStatsWorld(database.db, rootId);
    } finally {
      await database.close();
    }
    process.env.DATA_DIR = cli.env.DATA_DIR;
    if (cli.env.DATABASE_URL) process.env.DATABASE_URL = cli.env.DATABASE_URL;
    else delete process.env.DATABASE_URL;
  }, 180_000);
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await cli.cleanup();
  });

  it('is a command object the dispatcher can load', () => {
    expect(stats.name).toBe('stats');
    expect(stats.usage.length).toBeLessThanOrEqual(62);
  });

  it('targets --campaign ID → exit 0 and the JSON contract, counted by hand', async () => {
    const r = await run(['targets', '--campaign', String(w.campaignId), '--as-of', '2026-07-08']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['asOf', 'units', 'families', 'demonstrationClasses', 'districts']);
    expect(out).toMatchObject({
      asOf: '2026-07-08',
      units: { target: 30, actual: 2 },
      families: { target: 1000, actual: 3 },
      demonstrationClasses: { target: 10, actual: 0 },
    });
    const d = (id: number) => out.districts.find((x: { orgId: number }) => x.orgId === id);
    expect(d(w.d1)).toEqual({ orgId: w.d1, name: expect.any(String), units: 1, classes: 3, children: 3, families: 3 });
    expect(d(w.d2)).toEqual({ orgId: w.d2, name: expect.any(String), units: 1, classes: 1, children: 1, families: 1 });
    expect(d(w.i1)).toMatchObject({ units: 0, classes: 0, children: 0, families: 0 });
    type D = { units: number; classes: number; children: number; families: number };
    const sum = (k: keyof D) => (out.districts as D[]).reduce((s, x) => s + x[k], 0);
    expect(sum('units')).toBe(out.units.actual);
    expect(sum('classes')).toBe(4);
    expect(sum('children')).toBe(4);
    // F1 has a child in each district: one family in each district's entry, one in the city's total.
    expect(sum('families')).toBe(4);
    expect(out.families.actual).toBe(3);
  });

  it('defaults to today and still exits 0', async () => {
    const r = await run(['targets', '--campaign', String(w.campaignId)]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('unknown campaign → exit 2 with a message; bad arguments → usage error', async () => {
    const r = await run(['targets', '--campaign', '999999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown campaign');
    expect(r.stdout).toBe('');
    await expect(run(['targets'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['targets', '--campaign', 'x'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['targets', '--campaign', '1', '--as-of', '1999-01-01'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['nope'])).rejects.toBeInstanceOf(UsageError);
  });

  it("rebuild-aggregates recomputes every class (or a campaign's) and the figures stay the same", async () => {
    const before = await run(['targets', '--campaign', String(w.campaignId), '--as-of', '2026-07-08']);
    const all = await run(['rebuild-aggregates']);
    expect(all.code).toBe(0);
    const done = JSON.parse(all.stdout);
    expect(done).toMatchObject({ classes: expect.any(Number), rows: expect.any(Number), ms: expect.any(Number) });
    // Five classes in the world; two with dates (A and C: 2026-07-06 … 07-17, ten class days each) and E as well.
    expect(done.classes).toBeGreaterThanOrEqual(5);
    expect(done.rows).toBeGreaterThanOrEqual(30);
    const one = await run(['rebuild-aggregates', '--campaign', String(w.campaignId)]);
    expect(JSON.parse(one.stdout).classes).toBe(5);
    const after = await run(['targets', '--campaign', String(w.campaignId), '--as-of', '2026-07-08']);
    expect(after.stdout).toBe(before.stdout);
    await expect(run(['rebuild-aggregates', '--campaign', 'x'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['rebuild-aggregates', 'extra'])).rejects.toBeInstanceOf(UsageError);
  });
});
