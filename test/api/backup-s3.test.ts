/**
 * Backups when uploads live in an S3-compatible store (a real S3 protocol server, s3rver, on loopback): the bytes
 * stay in the bucket and the manifest says where and how many; a restore into a target without that store is
 * refused with the reason, and one configured for it restores with a note.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDataKey } from '../../src/server/crypto/secrets.js';
import { writeBackup } from '../../src/server/db/backup.js';
import { restoreBackup } from '../../src/server/db/restore.js';
import { backupSourceFor } from '../../src/server/modules/system/backups.js';
import type { S3Config } from '../../src/server/storage/s3Store.js';
import { describeFileStore, openFileStore, wholeFiles } from '../../src/server/storage/fileStore.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/db.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { multipart } from '../support/xlsx.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

describe('backups with uploads in S3', () => {
  let t: TestApp;
  let s3: S3rver;
  let s3Config: S3Config;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-bak-s3-'));

  beforeAll(async () => {
    s3 = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: path.join(tmp, 's3'),
      configureBuckets: [{ name: 'tuoguan', configs: [] }],
    });
    const { port } = (await s3.run()) as { port: number };
    s3Config = {
      endpoint: `http://127.0.0.1:${port}`,
      bucket: 'tuoguan',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      pathStyle: true,
    };
    t = await createTestApp({ dataDir: path.join(tmp, 'source'), s3: s3Config });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('records where the files are, refuses a target without that store, restores into one with it', async () => {
    const db = t.database.db;
    const unit = await buildOrg(db, { parentId: (await buildOrg(db, { parentId: t.rootId })).id });
    const ua = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unit.id })).username, PASSWORD);
    const v = await ua.post('/api/venues', {
      orgId: unit.id,
      name: '活动室',
      address: '人民路 1 号',
      location: 'ground',
      buildingUse: 'office',
    });
    const { body, contentType } = multipart(PDF, '租赁合同.pdf');
    const boundary = contentType.split('boundary=')[1];
    const field = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nlease\r\n`);
    const up = await ua.request('POST', `/api/venues/${v.json().id}/files`, Buffer.concat([field, body]), {
      'content-type': contentType,
    });
    expect(up.statusCode, up.body).toBe(201);

    const file = path.join(tmp, 'b.tar');
    const m = await writeBackup(backupSourceFor(db, t.config), file);
    expect(m.files).toMatchObject({
      store: 's3',
      count: 1,
      included: 0,
      location: `s3://tuoguan @ ${s3Config.endpoint}`,
    });

    const key = parseDataKey(t.config.dataKey ?? '', 'key');
    const target = await createTestDatabase();
    try {
      const localDir = path.join(tmp, 'local-target');
      const local = { dataDir: localDir };
      await expect(
        restoreBackup(
          { db: target.db, store: wholeFiles(openFileStore(local)), storeInfo: describeFileStore(local), dataKey: key },
          file,
        ),
      ).rejects.toMatchObject({ code: 'FILES_IN_S3', en: expect.stringContaining('s3://tuoguan') });
      const onS3 = { dataDir: path.join(tmp, 's3-target'), s3: s3Config };
      const r = await restoreBackup(
        { db: target.db, store: wholeFiles(openFileStore(onS3)), storeInfo: describeFileStore(onS3), dataKey: key },
        file,
      );
      expect(r.tables.files).toBe(1);
      expect(r.notes.map((n) => n.en).join()).toContain('stay in s3://tuoguan');
    } finally {
      await target.close();
    }
  });
});
