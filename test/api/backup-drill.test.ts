/**
 * The restore drill (恢复演练): a running app with real data — a class with its families, enrolments, signed
 * agreements and insurance proofs, an uploaded evidence file, a child whose ID number is sealed — is backed up, then
 * restored into a new database (a new PGlite data directory, or a new PostgreSQL database) with a new file folder.
 * Every table's rows, every file's bytes and the revealed ID number must be identical; a restore with the wrong key,
 * or with none, is refused before anything is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/domain/people/residentId.js';
import { buildApp } from '../../src/server/app.js';
import { createSealer, keyFingerprint, parseDataKey } from '../../src/server/crypto/secrets.js';
import { BACKUP_TABLES, BackupError, writeBackup } from '../../src/server/db/backup.js';
import { TarReader, TarWriter } from '../../src/server/db/backupArchive.js';
import { openBackup, restoreBackup } from '../../src/server/db/restore.js';
import { type Database, openDatabase } from '../../src/server/db/client.js';
import { files } from '../../src/server/db/schema.js';
import { LogSender } from '../../src/server/messaging/sender.js';
import { backupSourceFor } from '../../src/server/modules/system/backups.js';
import { describeFileStore, openFileStore, wholeFiles } from '../../src/server/storage/fileStore.js';
import { Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass } from '../support/attendance.js';
import { createTestDatabase } from '../support/db.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { addChild, registerParent } from '../support/families.js';
import { multipart } from '../support/xlsx.js';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A digest of every row of a table, in key order (the same on both drivers). */
async function tableDigest(db: Database, table: string, key: string) {
  const [r] = await db.rows<{ h: string | null; n: number }>(
    sql.raw(
      `SELECT md5(string_agg(row_to_json(x)::text, '|' ORDER BY ${key})) AS h, count(*)::int AS n FROM ${table} x`,
    ),
  );
  return r;
}

/** A new, migrated, empty database: a new PGlite data directory, or a new PostgreSQL database. */
async function newDatabase(dir: string): Promise<Database> {
  if (process.env.DATABASE_URL) return createTestDatabase();
  const db = await openDatabase({ dataDir: dir });
  await db.migrate();
  return db;
}

describe('restore drill: backup, then restore elsewhere, and everything is identical', { timeout: 120_000 }, () => {
  let t: TestApp;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-drill-'));
  const srcDir = path.join(tmp, 'source');
  const backupFile = path.join(tmp, 'drill.tar');
  let unitAdmin: Agent;
  let unitId: number;
  let childId: number;
  let idNumber: string;
  let uploaded: { id: number; sha256: string };

  beforeAll(async () => {
    t = await createTestApp({ dataDir: srcDir });
    await buildRunningClass(t, { children: 3, paperwork: true });
    const db = t.database.db;
    const district = await buildOrg(db, { parentId: t.rootId });
    const unit = await buildOrg(db, { parentId: district.id });
    unitId = unit.id;
    unitAdmin = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unit.id })).username, PASSWORD);
    const v = await unitAdmin.post('/api/venues', {
      orgId: unit.id,
      name: '职工活动中心二楼',
      address: '人民路 1 号',
      location: 'upper',
      buildingUse: 'office',
    });
    expect(v.statusCode).toBe(201);
    const { body, contentType } = multipart(PDF, '消防检查合格证.pdf');
    const boundary = contentType.split('boundary=')[1];
    const field = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfire_certificate\r\n`,
    );
    const up = await unitAdmin.request('POST', `/api/venues/${v.json().id}/files`, Buffer.concat([field, body]), {
      'content-type': contentType,
    });
    expect(up.statusCode, up.body).toBe(201);
    uploaded = up.json();
    const parent = await registerParent(t, unit.id, { verifyWith: unitAdmin });
    const idBody = '11010520160501123';
    idNumber = idBody + residentIdCheckChar(idBody);
    childId = (await addChild(parent.agent, { birthDate: '2016-05-01', grade: '4', idNumber })).id;
    expect((await unitAdmin.post(`/api/children/${childId}/reveal-id`)).json().idNumber).toBe(idNumber);
    const manifest = await writeBackup(backupSourceFor(db, t.config), backupFile);
    expect(manifest.files).toMatchObject({ store: 'local', count: 1, included: 1, missing: [], damaged: [] });
    expect(manifest.dataKey?.fingerprint).toBe(keyFingerprint(parseDataKey(t.config.dataKey ?? '', 'key')));
    expect(manifest.tables.children).toBe(4);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the backup records the key by its fingerprint only: the key is nowhere in it', async () => {
    const raw = fs.readFileSync(backupFile);
    const key = t.config.dataKey ?? '';
    expect(raw.includes(Buffer.from(key))).toBe(false);
    expect(raw.includes(Buffer.from(key, 'hex'))).toBe(false);
    // The ID number itself is only there sealed.
    const b = await openBackup(backupFile);
    try {
      expect(JSON.stringify(await b.rows('children'))).not.toContain(idNumber);
    } finally {
      await b.close();
    }
  });

  it('a restore with the wrong key, or with none, is refused with a clear message and writes nothing', async () => {
    const dir = path.join(tmp, 'refused');
    const target = await newDatabase(dir);
    try {
      const store = wholeFiles(openFileStore({ dataDir: dir }));
      const info = describeFileStore({ dataDir: dir });
      const wrong = restoreBackup({ db: target.db, store, storeInfo: info, dataKey: Buffer.alloc(32, 7) }, backupFile);
      await expect(wrong).rejects.toBeInstanceOf(BackupError);
      await expect(wrong).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
      await expect(wrong).rejects.toThrow(/数据密钥不匹配.*--key-file/s);
      await expect(wrong).rejects.toThrow(/data key mismatch.*data\.key/s);
      const none = restoreBackup({ db: target.db, store, storeInfo: info, dataKey: null }, backupFile);
      await expect(none).rejects.toMatchObject({ code: 'NO_KEY' });
      await expect(none).rejects.toThrow(/restore does not make a new key/);
      for (const { name, key } of BACKUP_TABLES) expect((await tableDigest(target, name, key))?.n, name).toBe(0);
      expect(fs.existsSync(path.join(dir, 'files'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'data.key'))).toBe(false);
    } finally {
      await target.close();
    }
  });

  it('restored elsewhere: every table, every file and the sealed ID number are identical, and it keeps working', async () => {
    const dir = path.join(tmp, 'restored');
    const target = await newDatabase(dir);
    try {
      const key = parseDataKey(t.config.dataKey ?? '', 'key');
      const store = wholeFiles(openFileStore({ dataDir: dir }));
      const r = await restoreBackup(
        { db: target.db, store, storeInfo: describeFileStore({ dataDir: dir }), dataKey: key },
        backupFile,
      );
      expect(r.files).toMatchObject({ restored: 1, alreadyThere: 0 });
      expect(r.notes).toEqual([]);
      // Every table, row for row.
      let nonEmpty = 0;
      for (const { name, key: order } of BACKUP_TABLES) {
        const [a, b] = [await tableDigest(t.database, name, order), await tableDigest(target, name, order)];
        expect(b, name).toEqual(a);
        if ((a?.n ?? 0) > 0) nonEmpty++;
      }
      expect(nonEmpty).toBeGreaterThanOrEqual(20);
      // Every file, byte for byte, where the restored database says it is.
      const [row] = await target.db.select().from(files).where(eq(files.id, uploaded.id));
      const srcBytes = fs.readFileSync(path.join(srcDir, 'files', ...(row?.storageKey ?? '').split('/')));
      const dstBytes = fs.readFileSync(path.join(dir, 'files', ...(row?.storageKey ?? '').split('/')));
      expect(dstBytes.equals(srcBytes)).toBe(true);
      expect(row?.sha256).toBe(uploaded.sha256);

      // The restored app, with the same key: the same session reveals the same ID number and downloads the file.
      const config = { ...t.config, dataDir: dir };
      const app = await buildApp({
        database: target,
        config,
        clock: () => t.clock.now,
        sender: new LogSender(() => {}),
        sealer: createSealer(key),
      });
      try {
        await app.ready();
        const same = new Agent(app);
        same.cookie = unitAdmin.cookie;
        same.csrf = unitAdmin.csrf;
        const rev = await same.post(`/api/children/${childId}/reveal-id`);
        expect(rev.statusCode, rev.body).toBe(200);
        expect(rev.json().idNumber).toBe(idNumber);
        const dl = await same.get(`/api/files/${uploaded.id}`);
        expect(dl.statusCode).toBe(200);
        expect(dl.rawPayload.equals(PDF)).toBe(true);
        // New rows get fresh ids after the restored ones (sequences carried on).
        const more = await same.post('/api/venues', {
          orgId: unitId,
          name: '新场地',
          address: '人民路 2 号',
          location: 'ground',
          buildingUse: 'office',
        });
        expect(more.statusCode, more.body).toBe(201);
        const [max] = await t.database.rows<{ m: number }>(sql`SELECT max(id)::int AS m FROM venues`);
        expect(more.json().id).toBeGreaterThan(max?.m ?? 0);
      } finally {
        await app.close();
      }
      // Run again into the same (now full) database: refused.
      await expect(
        restoreBackup(
          { db: target.db, store, storeInfo: describeFileStore({ dataDir: dir }), dataKey: key },
          backupFile,
        ),
      ).rejects.toMatchObject({ code: 'NOT_EMPTY' });
    } finally {
      await target.close();
    }
  });

  it('a backup of the first format (gzip of the tables) still restores, and its sealed values check the key', async () => {
    const b = await openBackup(backupFile);
    const tables: Record<string, unknown[]> = {};
    try {
      for (const { name } of BACKUP_TABLES) tables[name] = await b.rows(name);
    } finally {
      await b.close();
    }
    const old = path.join(tmp, 'first-format.json.gz');
    fs.writeFileSync(old, gzipSync(JSON.stringify({ format: 'tuoguan-backup', version: 1, createdAt: 'x', tables })));
    const dir = path.join(tmp, 'first-format');
    const target = await newDatabase(dir);
    try {
      const store = wholeFiles(openFileStore({ dataDir: dir }));
      const info = describeFileStore({ dataDir: dir });
      // No fingerprint recorded: the sealed ID number itself tells the wrong key.
      await expect(
        restoreBackup({ db: target.db, store, storeInfo: info, dataKey: Buffer.alloc(32, 9) }, old),
      ).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
      await expect(restoreBackup({ db: target.db, store, storeInfo: info, dataKey: null }, old)).rejects.toMatchObject({
        code: 'NO_KEY',
      });
      const key = parseDataKey(t.config.dataKey ?? '', 'key');
      const r = await restoreBackup({ db: target.db, store, storeInfo: info, dataKey: key }, old);
      expect(r.tables.children).toBe(4);
      expect(r.notes.map((n) => n.en).join()).toContain('copy DATA_DIR/files from the source');
    } finally {
      await target.close();
    }
  });

  it('a backup older than a table restores that table empty; one with tables this version lacks is refused', async () => {
    const src = await TarReader.open(backupFile);
    const rewrite = async (out: string, edit: (m: Record<string, Record<string, number>>) => void, skip = '') => {
      const w = await TarWriter.create(out);
      for (const name of src.entries.keys())
        if (name !== skip && name !== 'manifest.json') await w.add(name, (await src.read(name)) ?? Buffer.alloc(0));
      const m = JSON.parse(String(await src.read('manifest.json')));
      edit(m);
      await w.add('manifest.json', Buffer.from(JSON.stringify(m)));
      await w.finish();
    };
    const older = path.join(tmp, 'older.tar');
    const newer = path.join(tmp, 'newer.tar');
    try {
      await rewrite(older, (m) => void delete m.tables?.job_runs, 'tables/job_runs.json.gz');
      await rewrite(newer, (m) => {
        if (m.tables) m.tables.future_things = 3;
      });
    } finally {
      await src.close();
    }
    const dir = path.join(tmp, 'versions');
    const target = await newDatabase(dir);
    try {
      const store = wholeFiles(openFileStore({ dataDir: dir }));
      const info = describeFileStore({ dataDir: dir });
      const key = parseDataKey(t.config.dataKey ?? '', 'key');
      await expect(restoreBackup({ db: target.db, store, storeInfo: info, dataKey: key }, newer)).rejects.toMatchObject(
        {
          code: 'NEWER_VERSION',
          en: expect.stringContaining('future_things'),
        },
      );
      const r = await restoreBackup({ db: target.db, store, storeInfo: info, dataKey: key }, older);
      expect(r.tables.job_runs).toBe(0);
      expect(r.tables.children).toBe(4);
    } finally {
      await target.close();
    }
  });

  it('a truncated copy or a file that is not a backup is refused as such', async () => {
    const cut = path.join(tmp, 'cut.tar');
    fs.writeFileSync(cut, fs.readFileSync(backupFile).subarray(0, 4096));
    await expect(openBackup(cut)).rejects.toMatchObject({ code: 'INCOMPLETE' });
    const junk = path.join(tmp, 'junk.tar');
    fs.writeFileSync(junk, 'hello');
    await expect(openBackup(junk)).rejects.toMatchObject({ code: 'UNREADABLE' });
  });
});
