/**
 * Uploads through the S3-compatible store: a real S3 protocol server (s3rver) on loopback stands in for MinIO/OSS,
 * so the store's signing, PUT and GET run for real. The bytes land in the bucket, not under DATA_DIR.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { multipart } from '../support/xlsx.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

describe('uploads on an S3-compatible store', () => {
  let t: TestApp;
  let s3: S3rver;
  let s3Dir: string;
  let dataDir: string;

  beforeAll(async () => {
    s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-s3-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-data-'));
    s3 = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: 'tuoguan', configs: [] }],
    });
    const { port } = (await s3.run()) as { port: number };
    t = await createTestApp({
      dataDir,
      s3: {
        endpoint: `http://127.0.0.1:${port}`,
        bucket: 'tuoguan',
        region: 'us-east-1',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        pathStyle: true,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
    fs.rmSync(s3Dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores an evidence file in the bucket and serves it back to an allowed user only', async () => {
    const db = t.database.db;
    const d = await buildOrg(db, { parentId: t.rootId });
    const unit = await buildOrg(db, { parentId: d.id });
    const other = await buildOrg(db, { parentId: d.id });
    const ua = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unit.id })).username, PASSWORD);
    const oa = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: other.id })).username, PASSWORD);
    const v = await ua.post('/api/venues', {
      orgId: unit.id,
      name: '活动室',
      address: '人民路 1 号',
      location: 'ground',
      buildingUse: 'office',
      checklist: {
        independent: true,
        nearHazard: false,
        ventilationLighting: true,
        fireSafety: true,
        surveillance: true,
      },
    });
    expect(v.statusCode).toBe(201);
    const { body, contentType } = multipart(PDF, '消防检查合格证.pdf');
    const boundary = contentType.split('boundary=')[1];
    const field = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfire_certificate\r\n`,
    );
    const up = await ua.request('POST', `/api/venues/${v.json().id}/files`, Buffer.concat([field, body]), {
      'content-type': contentType,
    });
    expect(up.statusCode).toBe(201);
    const down = await ua.get(`/api/files/${up.json().id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect((await oa.get(`/api/files/${up.json().id}`)).statusCode).toBe(404);
    // The object is in the bucket's directory and nothing was written under DATA_DIR/files.
    const inBucket = fs.readdirSync(s3Dir, { recursive: true }).map(String);
    expect(inBucket.some((f) => f.includes('tuoguan'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'files'))).toBe(false);
  });
});
