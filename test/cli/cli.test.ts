/**
 * The `tuoguan` command run as a real process against a real database: usage errors, audit verification and
 * tampering, backup and restore, the demo loader, and the single-process lock on a PGlite data directory.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations, users } from '../../src/server/db/schema.js';
import { generateDemo } from '../../src/server/demo/generate.js';
import { generateWorld } from '../../src/server/demo/world.js';
import { createCliEnvironment, openCliDatabase } from '../support/db.js';

const BIN = path.resolve('bin/tuoguan.js');
// The demo load grows with every area it shows (about a minute on a quiet machine, several on a busy one).
const run = (args: string[], env: NodeJS.ProcessEnv) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('tuoguan CLI', { timeout: 420_000 }, () => {
  let cli: Awaited<ReturnType<typeof createCliEnvironment>>;
  beforeAll(async () => {
    cli = await createCliEnvironment();
  });
  afterAll(() => cli.cleanup());

  it('unknown commands and bad arguments print usage and exit 2', () => {
    const unknown = run(['frobnicate'], cli.env);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('usage');
    expect(unknown.err).toContain('audit verify');
    expect(run([], cli.env).code).toBe(2);
    expect(run(['demo', '--scale', 'lots'], cli.env).code).toBe(2);
    expect(run(['audit', 'fix'], cli.env).code).toBe(2);
    expect(run(['backup'], cli.env).code).toBe(2);
    expect(run(['create-admin', '--bogus'], cli.env).code).toBe(2);
  });

  it('demo loads a realistic dataset; audit verify passes, then names the first tampered row', async () => {
    const demo = run(['demo', '--scale', '1', '--seed', '3'], cli.env);
    expect(demo.code, demo.err).toBe(0);
    expect(demo.out).toMatch(/rows\/s/);
    expect(run(['demo'], cli.env).code).toBe(1); // already loaded: refused, nothing doubled
    const ok = run(['audit', 'verify'], cli.env);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('OK');

    const db = await openCliDatabase(cli.env);
    try {
      const [orgs] = await db.db.select({ n: count() }).from(organizations);
      expect(orgs?.n).toBeGreaterThanOrEqual(48); // city + 5 districts + 2 industry unions + ≥ 40 units
      const [people] = await db.db.select({ n: count() }).from(users);
      expect(people?.n).toBeGreaterThan(300);
      // The programme: an active campaign, a running class at unit0 with the demo staff on its roster, enrolled
      // children (two of them the `parent` account's) and past attendance projected into attendance_days.
      const [camp] = await db.rows<{ status: string }>(sql`SELECT status FROM campaigns`);
      expect(camp?.status).toBe('active');
      const classes = await db.rows<{ id: number; status: string }>(
        sql`SELECT id, status FROM care_classes ORDER BY id`,
      );
      // The city's year (issue 15): at least 36 classes in every state; the first three are world.ts's.
      expect(classes.length).toBeGreaterThanOrEqual(36);
      expect(new Set(classes.map((c) => c.status))).toEqual(
        new Set(['draft', 'submitted', 'returned', 'approved', 'open', 'running', 'closed', 'archived']),
      );
      expect(classes.slice(0, 3).map((c) => c.status)).toEqual(['running', 'open', 'submitted']);
      const running = classes[0];
      const [staffRow] = await db.rows<{ role: string }>(
        sql`SELECT cs.role FROM class_staff cs JOIN users u ON u.id = cs.user_id WHERE u.username = 'staff' AND cs.class_id = ${running?.id}`,
      );
      expect(staffRow?.role).toBe('head');
      const [kids] = await db.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM enrolments WHERE class_id = ${running?.id} AND status = 'accepted'`,
      );
      expect(kids?.n).toBeGreaterThanOrEqual(20);
      const [mine] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM children c
        JOIN guardians g ON g.family_id = c.family_id JOIN users u ON u.id = g.user_id
        WHERE u.username = 'parent' AND g.status = 'verified'`);
      expect(mine?.n).toBeGreaterThanOrEqual(1);
      const days = await db.rows<{ status: string; n: number; events: number }>(sql`SELECT status, count(*)::int AS n,
        min(jsonb_array_length(events))::int AS events FROM attendance_days WHERE class_id = ${running?.id} GROUP BY status`);
      const present = days.find((d) => d.status === 'left')?.n ?? 0;
      const total = days.reduce((a, d) => a + d.n, 0);
      expect(present / total).toBeGreaterThan(0.8);
      expect(days.every((d) => d.events >= 1)).toBe(true);
      const [verdicts] = await db.rows<{ n: number }>(
        sql`SELECT count(DISTINCT class_id)::int AS n FROM rule_verdicts`,
      );
      expect(verdicts?.n).toBe(classes.length);
      // Last year's named demonstration classes (#17) are whole finished classes: children, the door, ledgers, and
      // every rule passed at their close (their latest verdict), as a demonstration class must.
      const named = await db.rows<{
        id: number;
        name: string;
        status: string;
        kids: number;
        days: number;
        records: number;
      }>(
        sql`SELECT c.id, c.name, c.status,
          (SELECT count(*)::int FROM enrolments e WHERE e.class_id = c.id AND e.status = 'accepted') AS kids,
          (SELECT count(*)::int FROM attendance_days d WHERE d.class_id = c.id) AS days,
          (SELECT count(*)::int FROM daily_records r WHERE r.class_id = c.id) AS records
          FROM demonstration_namings n JOIN care_classes c ON c.id = n.class_id ORDER BY c.id`,
      );
      expect(named).toHaveLength(10);
      const short: Record<string, string[]> = {};
      for (const c of named) {
        const [v] = await db.rows<{ results: { id: string; status: string }[] }>(
          sql`SELECT results FROM rule_verdicts WHERE class_id = ${c.id} ORDER BY computed_at DESC, id DESC LIMIT 1`,
        );
        const notPassed = (v?.results ?? []).filter((r) => r.status !== 'pass').map((r) => `${r.id}:${r.status}`);
        if (c.status !== 'archived') notPassed.push(`status:${c.status}`);
        if (c.kids < 20) notPassed.push(`children:${c.kids}`);
        if (c.days === 0) notPassed.push('no attendance');
        if (c.records === 0) notPassed.push('no daily records');
        if (!v) notPassed.push('no verdict');
        if (notPassed.length) short[c.name] = notPassed;
      }
      expect(short).toEqual({});
      // Tamper the way an insider with database access would: bypass the append-only trigger.
      const [victim] = await db.rows<{ id: number }>(sql`SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 1`);
      await db.rows(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
      await db.rows(sql`UPDATE audit_log SET after = '{"forged": true}' WHERE id = ${victim?.id}`);
      await db.rows(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
      await db.close();
      const broken = run(['audit', 'verify'], cli.env);
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(`id=${victim?.id}`);
    } finally {
      await db.close().catch(() => {});
    }
  });

  it('create-admin and reset-password', () => {
    const c = run(['create-admin', '--username', 'ops.admin', '--display-name', '运维'], cli.env);
    expect(c.code, c.err).toBe(0);
    expect(c.out).toMatch(/initial password \S{12}/);
    expect(run(['create-admin', '--username', 'ops.admin'], cli.env).code).toBe(1);
    expect(run(['create-admin', '--username', 'weak.admin', '--password', 'password'], cli.env).code).toBe(2);
    const r = run(['reset-password', 'ops.admin'], cli.env);
    expect(r.code, r.err).toBe(0);
    expect(run(['reset-password', 'nobody'], cli.env).code).toBe(1);
  });

  it('backup, then restore into an empty database gives the same data, only with the data key; restore refuses a non-empty one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-bak-'));
    const file = path.join(dir, 'backup.tar');
    // The source's data key (the server makes one at its first start; nothing is sealed yet here).
    const keyFile = path.join(cli.env.DATA_DIR ?? '', 'data.key');
    if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, 'cd'.repeat(32), { mode: 0o600 });
    const b = run(['backup', file], cli.env);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/data key fingerprint: [0-9a-f]{16}/);
    expect(run(['restore', file], cli.env).code).toBe(1); // not empty
    const target = await createCliEnvironment();
    try {
      // No key in the new data directory: refused, and no new key is made.
      const none = run(['restore', file], target.env);
      expect(none.code).toBe(1);
      expect(none.err).toContain('缺少数据密钥');
      expect(none.err).toContain('--key-file');
      expect(fs.existsSync(path.join(target.env.DATA_DIR ?? '', 'data.key'))).toBe(false);
      // Another key: refused with the reason and what to do.
      const wrongKey = path.join(dir, 'wrong.key');
      fs.writeFileSync(wrongKey, 'ef'.repeat(32));
      const wrong = run(['restore', file, '--key-file', wrongKey], target.env);
      expect(wrong.code).toBe(1);
      expect(wrong.err).toContain('数据密钥不匹配');
      expect(wrong.err).toMatch(/data key mismatch.*--key-file/s);
      expect(fs.existsSync(path.join(target.env.DATA_DIR ?? '', 'data.key'))).toBe(false);
      // The source's key: restored, and the key installed where the server will read it.
      const r = run(['restore', file, '--key-file', keyFile], target.env);
      expect(r.code, r.err).toBe(0);
      expect(fs.readFileSync(path.join(target.env.DATA_DIR ?? '', 'data.key'), 'utf8')).toBe(
        fs.readFileSync(keyFile, 'utf8').trim(),
      );
      const src = await openCliDatabase(cli.env);
      const dst = await openCliDatabase(target.env);
      try {
        for (const t of ['organizations', 'users', 'role_grants', 'audit_log']) {
          const q = sql.raw(`SELECT md5(string_agg(row_to_json(x)::text, ',' ORDER BY x.id)) AS h FROM ${t} x`);
          expect((await dst.rows<{ h: string }>(q))[0]?.h, t).toBe((await src.rows<{ h: string }>(q))[0]?.h);
        }
      } finally {
        await src.close();
        await dst.close();
      }
      // Restore copies evidence as it is: the chain verdict is the source's. The restored database keeps
      // working: new rows get fresh ids.
      expect(run(['audit', 'verify'], target.env).code).toBe(run(['audit', 'verify'], cli.env).code);
      expect(run(['create-admin', '--username', 'after.restore'], target.env).code).toBe(0);
    } finally {
      await target.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the demo generator is deterministic for a seed and a time, with a class running today', () => {
    const now = new Date('2026-07-15T02:00:00Z');
    const w = generateWorld({ seed: 42, now, orgs: generateDemo({ scale: 1, seed: 42 }).orgs });
    expect(generateWorld({ seed: 42, now, orgs: generateDemo({ scale: 1, seed: 42 }).orgs })).toEqual(w);
    const running = w.classes.find((c) => c.status === 'running');
    expect(running && running.startDate < w.today && running.endDate > w.today).toBe(true);
    expect(w.pastDays.length).toBeGreaterThanOrEqual(9);
    expect(w.families.flatMap((f) => f.children).length).toBeGreaterThanOrEqual(20);
    expect(w.families.find((f) => f.guardian === 'parent')?.children.length).toBeGreaterThanOrEqual(1);
    expect(w.campaign.params.season.start <= (running?.startDate ?? '')).toBe(true);
    // A weekend "today" still has the class running around it.
    const sunday = generateWorld({ seed: 1, now: new Date('2026-07-19T02:00:00Z'), orgs: [] });
    expect(
      (sunday.classes[0]?.startDate ?? '9') < sunday.today && (sunday.classes[0]?.endDate ?? '') > sunday.today,
    ).toBe(true);
  });

  it('the demo generator is deterministic for a seed and scales', () => {
    const a = generateDemo({ scale: 1, seed: 42 });
    expect(generateDemo({ scale: 1, seed: 42 })).toEqual(a);
    expect(generateDemo({ scale: 1, seed: 43 })).not.toEqual(a);
    expect(a.orgs.filter((o) => o.kind === 'district')).toHaveLength(5);
    expect(a.orgs.filter((o) => o.kind === 'industry')).toHaveLength(2);
    expect(a.orgs.filter((o) => o.kind === 'unit').length).toBeGreaterThanOrEqual(40);
    expect(generateDemo({ scale: 10, seed: 42 }).orgs.filter((o) => o.kind === 'unit').length).toBeGreaterThanOrEqual(
      400,
    );
    for (const r of [
      'city_admin',
      'district_admin',
      'unit_admin',
      'class_staff',
      'volunteer',
      'inspector',
      'reviewer',
      'auditor',
      'parent',
    ]) {
      expect(a.users.some((u) => u.role === r)).toBe(true);
    }
  });
});

describe.skipIf(!!process.env.DATABASE_URL)('PGlite data directory lock', { timeout: 120_000 }, () => {
  it('a second process on the same data directory fails at once with a clear message; SIGTERM closes cleanly', async () => {
    const cli = await createCliEnvironment();
    const server = spawn(process.execPath, ['bin/start.js'], {
      env: { ...cli.env, PORT: '0', SKIP_WEB_BUILD: 'true', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d) => {
          out += d;
          if (out.includes('http://localhost')) resolve();
        });
        server.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
      });
      const second = run(['migrate'], cli.env);
      expect(second.code).toBe(1);
      expect(second.err).toContain(String(server.pid));
      expect(second.err).toMatch(/in use|已被/);
      // A backup does not need the server stopped: the command asks the running server for one.
      const file = path.join(cli.env.DATA_DIR ?? '', '..', `${path.basename(cli.env.DATA_DIR ?? '')}-online.tar`);
      const online = run(['backup', file], cli.env);
      expect(online.code, online.err).toBe(0);
      expect(online.out).toContain('the running server wrote the backup');
      expect(online.out).toMatch(/data key fingerprint: [0-9a-f]{16}/);
      expect(fs.readdirSync(path.join(cli.env.DATA_DIR ?? '', 'backups'))).toHaveLength(1);
      expect(fs.readdirSync(path.join(cli.env.DATA_DIR ?? '', 'backup-requests'))).toEqual([]);
      const exited = new Promise<number | null>((resolve) => server.on('exit', (c) => resolve(c)));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.join(cli.env.DATA_DIR ?? '', 'tuoguan.lock'))).toBe(false);
      expect(run(['audit', 'verify'], cli.env).code).toBe(0);
      // What it wrote restores elsewhere with the server's key.
      const target = await createCliEnvironment();
      try {
        const keyFile = path.join(cli.env.DATA_DIR ?? '', 'data.key');
        const r = run(['restore', file, '--key-file', keyFile], target.env);
        expect(r.code, r.err).toBe(0);
        expect(r.out).toMatch(/"users":1\b/);
      } finally {
        await target.cleanup();
        fs.rmSync(file, { force: true });
      }
    } finally {
      server.kill('SIGKILL');
      await cli.cleanup();
    }
  });
});
