import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, files } from '../../src/server/db/schema.js';
import { detectContentKind, sanitizeFilename } from '../../src/server/storage/contentType.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { multipart } from '../support/xlsx.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A Windows executable's header: what a renamed `.exe` looks like inside. */
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);

/** A multipart body with the file and a `purpose` field, before or after the file as browsers may send it. */
function upload(file: Buffer, filename: string, purpose?: string, purposeFirst = true) {
  const { body, contentType } = multipart(file, filename);
  if (purpose === undefined) return { body, contentType };
  const boundary = contentType.split('boundary=')[1];
  const field = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n${purpose}\r\n`);
  if (purposeFirst) return { body: Buffer.concat([field, body]), contentType };
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const head = body.subarray(0, body.length - tail.length);
  return { body: Buffer.concat([head, field, tail]), contentType };
}

describe('file uploads and downloads', () => {
  let t: TestApp;
  let dataDir: string;
  let unitAdmin: Agent;
  let otherAdmin: Agent;
  let districtAdmin: Agent;
  let venueId: number;
  const post = (a: Agent, url: string, u: { body: Buffer; contentType: string }) =>
    a.request('POST', url, u.body, { 'content-type': u.contentType });
  const fileRows = async () => (await t.database.db.select({ n: count() }).from(files))[0]?.n ?? 0;
  const storedFiles = (dir = path.join(dataDir, 'files')): string[] =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .flatMap((e) => (e.isDirectory() ? storedFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      : [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-files-'));
    t = await createTestApp({ dataDir });
    const db = t.database.db;
    const district = await buildOrg(db, { parentId: t.rootId });
    const unit = await buildOrg(db, { parentId: district.id });
    const other = await buildOrg(db, { parentId: district.id });
    unitAdmin = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unit.id })).username, PASSWORD);
    otherAdmin = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: other.id })).username, PASSWORD);
    districtAdmin = await t.agent(
      (await buildUser(db, { role: 'district_admin', orgId: district.id })).username,
      PASSWORD,
    );
    const v = await unitAdmin.post('/api/venues', {
      orgId: unit.id,
      name: '职工活动中心二楼',
      address: '人民路 1 号',
      location: 'upper',
      buildingUse: 'office',
    });
    expect(v.statusCode).toBe(201);
    venueId = v.json().id;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('401 without a session, for upload and download', async () => {
    expect((await post(t.anonymous(), `/api/venues/${venueId}/files`, upload(PNG, 'a.png', 'photo'))).statusCode).toBe(
      401,
    );
    expect((await t.anonymous().get('/api/files/1')).statusCode).toBe(401);
  });

  it('403 for a district inspector who may see but not attach; 404 for another unit', async () => {
    const inspector = await buildUser(t.database.db, { role: 'inspector', orgId: t.rootId });
    const ia = await t.agent(inspector.username, PASSWORD);
    expect((await post(ia, `/api/venues/${venueId}/files`, upload(PNG, 'a.png', 'photo'))).statusCode).toBe(403);
    expect((await post(otherAdmin, `/api/venues/${venueId}/files`, upload(PNG, 'a.png', 'photo'))).statusCode).toBe(
      404,
    );
  });

  it('400 for a missing or unknown purpose, a missing file, or an empty file; 415 for a JSON body', async () => {
    const none = await post(unitAdmin, `/api/venues/${venueId}/files`, upload(PNG, 'a.png'));
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('purpose');
    expect((await post(unitAdmin, `/api/venues/${venueId}/files`, upload(PNG, 'a.png', 'selfie'))).statusCode).toBe(
      400,
    );
    expect(
      (await post(unitAdmin, `/api/venues/${venueId}/files`, upload(Buffer.alloc(0), 'a.png', 'photo'))).statusCode,
    ).toBe(400);
    const boundary = 'xyz';
    const onlyField = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nphoto\r\n--${boundary}--\r\n`,
    );
    const r = await post(unitAdmin, `/api/venues/${venueId}/files`, {
      body: onlyField,
      contentType: `multipart/form-data; boundary=${boundary}`,
    });
    expect(r.statusCode).toBe(400);
    expect((await unitAdmin.post(`/api/venues/${venueId}/files`, { purpose: 'photo' })).statusCode).toBe(415);
  });

  it('413 for a file over 10 MiB, and nothing is kept', async () => {
    const before = await fileRows();
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const r = await post(unitAdmin, `/api/venues/${venueId}/files`, upload(big, 'scan.pdf', 'fire_certificate'));
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(await fileRows()).toBe(before);
    expect(storedFiles()).toEqual([]);
  });

  it('a file between the app-wide 5 MiB and the 10 MiB limit is accepted', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    const r = await post(unitAdmin, `/api/venues/${venueId}/files`, upload(big, 'scan.pdf', 'lease'));
    expect(r.statusCode).toBe(201);
    expect(r.json().size).toBe(big.length);
  });

  it('415 for a `.pdf` that is really an executable, for unknown content, and for a non-image photo', async () => {
    const before = await fileRows();
    const exe = await post(unitAdmin, `/api/venues/${venueId}/files`, upload(EXE, '消防验收.pdf', 'fire_certificate'));
    expect(exe.statusCode).toBe(415);
    expect(exe.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const text = await post(
      unitAdmin,
      `/api/venues/${venueId}/files`,
      upload(Buffer.from('<script>alert(1)</script>'), 'a.png', 'photo'),
    );
    expect(text.statusCode).toBe(415);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    expect((await post(unitAdmin, `/api/venues/${venueId}/files`, upload(zip, 'a.docx', 'other'))).statusCode).toBe(
      415,
    );
    const pdfAsPhoto = await post(unitAdmin, `/api/venues/${venueId}/files`, upload(PDF, 'photo.jpg', 'photo'));
    expect(pdfAsPhoto.statusCode).toBe(415);
    expect(await fileRows()).toBe(before);
  });

  it('a real PDF is stored under the data dir with a server-chosen name, and downloads with Content-Disposition', async () => {
    const r = await post(
      unitAdmin,
      `/api/venues/${venueId}/files`,
      upload(PDF, '../../etc/消防验收合格证.pdf', 'fire_certificate'),
    );
    expect(r.statusCode).toBe(201);
    const f = r.json();
    expect(f).toMatchObject({
      purpose: 'fire_certificate',
      contentType: 'application/pdf',
      filename: '消防验收合格证.pdf',
      size: PDF.length,
    });
    expect(f).not.toHaveProperty('storageKey');
    const [row] = await t.database.db.select().from(files).where(eq(files.id, f.id));
    expect(row?.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}$/);
    const onDisk = path.join(dataDir, 'files', ...(row?.storageKey ?? '').split('/'));
    expect(fs.readFileSync(onDisk).equals(PDF)).toBe(true);
    expect(storedFiles().some((p) => p.includes('消防'))).toBe(false);

    const d = await unitAdmin.get(f.url);
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toBe('application/pdf');
    expect(d.headers['content-disposition']).toBe(
      `attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('消防验收合格证.pdf')}`,
    );
    expect(d.headers['x-content-type-options']).toBe('nosniff');
    expect(d.rawPayload.equals(PDF)).toBe(true);
    // Those above the unit read it too; another unit hears "not found", like a file that does not exist.
    expect((await districtAdmin.get(f.url)).statusCode).toBe(200);
    const hidden = await otherAdmin.get(f.url);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain('消防');
    expect((await unitAdmin.get('/api/files/999999')).statusCode).toBe(404);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'file'), eq(auditLog.entityId, String(f.id))));
    expect(audit?.after).toMatchObject({ ownerType: 'venue', ownerId: venueId, sha256: f.sha256 });
    expect(audit?.after).not.toHaveProperty('storageKey');
  });

  it('a PNG photo (purpose after the file) is stored as detected and served inline; its extension follows its content', async () => {
    const r = await post(unitAdmin, `/api/venues/${venueId}/files`, upload(PNG, 'entrance.pdf', 'photo', false));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ contentType: 'image/png', filename: 'entrance.png' });
    const d = await unitAdmin.get(r.json().url);
    expect(d.headers['content-type']).toBe('image/png');
    expect(d.headers['content-disposition']).toMatch(/^inline; /);
    const list = await otherAdmin.get(`/api/venues/${venueId}/files`);
    expect(list.statusCode).toBe(404);
    const mine = (await unitAdmin.get(`/api/venues/${venueId}/files`)).json();
    expect(mine.items.map((x: { id: number }) => x.id)).toContain(r.json().id);
  });

  it('an Office document is recognised by its contents', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('租赁').addRow(['场地', '期限']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await post(unitAdmin, `/api/venues/${venueId}/files`, upload(xlsx, '租赁台账', 'lease'));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      contentType: expect.stringContaining('spreadsheetml'),
      filename: '租赁台账.xlsx',
    });
  });

  it('content detection and filename rules (unit)', () => {
    expect(detectContentKind(PNG)).toBe('png');
    expect(detectContentKind(PDF)).toBe('pdf');
    expect(detectContentKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('jpeg');
    expect(detectContentKind(EXE)).toBeNull();
    expect(detectContentKind(Buffer.concat([EXE, PDF]))).toBeNull();
    expect(sanitizeFilename('C:\\Users\\王\\租约.PDF', 'pdf')).toBe('租约.pdf');
    expect(sanitizeFilename('photo\u202egnp.exe', 'png')).toBe('photognp.exe.png');
    expect(sanitizeFilename('...', 'jpeg')).toBe('file.jpg');
    expect(sanitizeFilename(`${'长'.repeat(300)}.pdf`, 'pdf')).toHaveLength(120);
  });
});
