/**
 * PIPL for guardians (issue 13): a copy of everything held about the family (JSON and a readable PDF), and a
 * deletion request confirmed by a phone code — non-evidence removed at once (or after the running class ends),
 * evidence (attendance, agreements, money, incidents) kept until the city's retention period ends, then
 * anonymised by the privacy.purge job. Every table keyed by a family, child or guardian is covered.
 */
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agreementSignatures,
  attendanceEvents,
  auditLog,
  children,
  consents,
  enrolments,
  files,
  insuranceProofs,
  pickupAdults,
  privacyRequests,
  sessions,
  users,
} from '../../src/server/db/schema.js';
import { systemContext } from '../../src/server/context.js';
import { privacyPurgeJob } from '../../src/server/modules/privacy/privacy.jobs.js';
import { runPrivacyJob } from '../../src/server/modules/privacy/privacy.service.js';
import { newStorageKey, openFileStore, StoredFileMissingError } from '../../src/server/storage/fileStore.js';
import { FAMILY_KEY_COLUMNS, FAMILY_TABLES } from '../../src/server/modules/privacy/privacy.tables.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildUser, PASSWORD } from '../support/factories.js';
import { addChild, registerParent } from '../support/families.js';
import { lastCode } from '../support/signing.js';

/** The text a pdfkit PDF shows: glyph ids in the content streams mapped back through the font's ToUnicode CMap. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const re = /stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = Buffer.from(raw.slice(start, end), 'latin1');
    try {
      streams.push(zlib.inflateSync(bytes).toString('latin1'));
    } catch {
      streams.push(bytes.toString('latin1'));
    }
  }
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const s of streams.filter((x) => x.includes('beginbfrange'))) {
    for (const r of s.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
      const first = Number.parseInt(r[1] ?? '0', 16);
      for (const [i, u] of [...(r[3] ?? '').matchAll(/<([0-9a-f]+)>/gi)].entries())
        map.set(first + i, utf16(u[1] ?? ''));
    }
  }
  let text = '';
  for (const s of streams.filter((x) => x.includes('TJ')))
    for (const tj of s.matchAll(/\[([^\]]*)\]\s*TJ/g))
      for (const h of (tj[1] ?? '').matchAll(/<([0-9a-f]+)>/gi))
        for (let i = 0; i < (h[1] ?? '').length; i += 4)
          text += map.get(Number.parseInt((h[1] ?? '').slice(i, i + 4), 16)) ?? '';
  return text;
}

describe('privacy: a copy of the family data, and deletion (PIPL)', () => {
  let t: TestApp;
  let rc: RunningClass;
  let parentA: Agent;
  let parentB: Agent;
  const kidA = () => rc.children[0] as RunningClass['children'][number];
  const kidB = () => rc.children[1] as RunningClass['children'][number];
  const phoneA = '13900001111';

  const audits = (action: string, familyId: number) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(familyId))));

  beforeAll(async () => {
    t = await createTestApp();
    rc = await buildRunningClass(t, { children: 2 });
    await t.database.db.update(users).set({ phone: phoneA }).where(eq(users.id, kidA().guardianUserId));
    parentA = await rc.guardian(0).login();
    parentB = await rc.guardian(1).login();
    // A day at the door: the child checked in, an incident concerning them.
    const tap = await rc.head.agent.post('/api/attendance/events', {
      deviceId: 'door-1',
      events: [
        {
          clientId: randomUUID(),
          classId: rc.classId,
          childId: kidA().id,
          kind: 'check_in',
          occurredAt: t.clock.now.toISOString(),
        },
      ],
    });
    expect(tap.statusCode).toBe(200);
    const inc = await rc.head.agent.post(`/api/classes/${rc.classId}/incidents`, {
      kind: 'injury',
      severity: 'minor',
      occurredAt: t.clock.now.toISOString(),
      description: `${kidA().name}在操场摔倒，膝盖擦伤`,
      childIds: [kidA().id],
    });
    expect(inc.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('401 without a session, 404 for staff (not a guardian), 400 on a bad request', async () => {
    const anon = t.anonymous();
    for (const url of ['/api/parents/me/export', '/api/parents/me/export.pdf', '/api/parents/me/deletion'])
      expect((await anon.get(url)).statusCode).toBe(401);
    expect((await anon.post('/api/parents/me/deletion', { reason: 'x', code: '123456' })).statusCode).toBe(401);
    const staff = rc.unitAdmin.agent;
    expect((await staff.get('/api/parents/me/export')).statusCode).toBe(404);
    expect((await staff.get('/api/parents/me/export.pdf')).statusCode).toBe(404);
    expect((await staff.get('/api/parents/me/deletion')).statusCode).toBe(404);
    expect((await staff.post('/api/parents/me/deletion/code')).statusCode).toBe(404);
    expect((await staff.post('/api/parents/me/deletion', { reason: '不再使用', code: '123456' })).statusCode).toBe(404);
    const bad = await parentA.post('/api/parents/me/deletion', { reason: '', code: '12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('reason');
  });

  it("the export holds the family's children, enrolments, agreements, attendance and incidents — and no other family's", async () => {
    const r = await parentA.get('/api/parents/me/export');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain('attachment');
    const d = r.json();
    expect(d.children.map((c: { id: number }) => c.id)).toEqual([kidA().id]);
    expect(d.children[0]).toMatchObject({ name: kidA().name, allergies: '花生过敏', healthNotes: '哮喘，随身带喷雾' });
    expect(d.guardians).toEqual([
      expect.objectContaining({ userId: kidA().guardianUserId, self: true, phone: phoneA }),
    ]);
    expect(d.enrolments).toEqual([expect.objectContaining({ id: kidA().enrolmentId, className: rc.className })]);
    expect(d.fees).toHaveLength(1);
    expect(d.agreements).toHaveLength(1);
    expect(d.insuranceProofs).toHaveLength(1);
    expect(d.attendanceEvents).toEqual([expect.objectContaining({ childId: kidA().id, kind: 'check_in' })]);
    expect(d.incidents).toEqual([expect.objectContaining({ childIds: [kidA().id], kind: 'injury' })]);
    expect(d.pickupAdults.length).toBeGreaterThan(0);
    expect(d.consents.length).toBeGreaterThan(0);
    const text = JSON.stringify(d);
    expect(text).not.toContain(kidB().name);

    // Another parent gets only their own family, never this one.
    const other = (await parentB.get('/api/parents/me/export')).json();
    expect(other.children.map((c: { id: number }) => c.id)).toEqual([kidB().id]);
    expect(JSON.stringify(other)).not.toContain(kidA().name);
    expect(await audits('privacy.export', kidA().familyId)).toHaveLength(1);
    expect((await audits('privacy.export', kidB().familyId))[0]?.actorId).toBe(kidB().guardianUserId);
  });

  it('every table keyed by a family, child or guardian is covered by the export (a new one fails here)', async () => {
    const keyed = await t.database.rows<{ table: string }>(sql`
      SELECT DISTINCT table_name AS table FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name IN (${sql.join(
         FAMILY_KEY_COLUMNS.map((c) => sql`${c}`),
         sql`, `,
       )})`);
    expect(keyed.length).toBeGreaterThan(8);
    expect(
      keyed.map((k) => k.table).filter((name) => !FAMILY_TABLES[name]),
      'tables with a family/child/guardian key that the privacy export and deletion do not cover',
    ).toEqual([]);
    const d = (await parentA.get('/api/parents/me/export')).json();
    for (const [name, entry] of Object.entries(FAMILY_TABLES)) expect(d, name).toHaveProperty(entry.section);
  });

  it("the PDF is a PDF with the embedded Chinese font and the child's name", async () => {
    const r = await parentA.get('/api/parents/me/export.pdf');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(r.rawPayload);
    expect(text).toContain(kidA().name);
    expect(text).toContain(phoneA);
    expect(text).not.toContain(kidB().name);
    const rows = await audits('privacy.export', kidA().familyId);
    expect(rows.map((a) => (a.after as { format: string }).format)).toContain('pdf');
  });

  it('the retention period is a validated city setting', async () => {
    const cityAdmin = await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId });
    const city = await t.agent(cityAdmin.username, PASSWORD);
    expect((await city.get('/api/settings')).json().privacyRetentionYears).toBe(3);
    expect((await city.put('/api/settings', { privacyRetentionYears: 0 })).statusCode).toBe(400);
    expect((await city.put('/api/settings', { privacyRetentionYears: 2.5 })).statusCode).toBe(400);
    expect((await rc.unitAdmin.agent.put('/api/settings', { privacyRetentionYears: 5 })).statusCode).toBe(403);
    expect((await city.put('/api/settings', { privacyRetentionYears: 3 })).statusCode).toBe(200);
  });

  it('a deletion while the class runs waits for its end; then non-evidence goes and evidence stays; after the retention the job anonymises it', async () => {
    const state = (await parentA.get('/api/parents/me/deletion')).json();
    expect(state.plan).toMatchObject({ scope: 'family', waitsUntil: expect.any(String), retentionYears: 3 });
    expect(state.plan.runningClasses).toEqual([expect.objectContaining({ className: rc.className })]);

    // A fresh code to the guardian's own phone; a wrong one is refused and counted.
    expect((await parentA.post('/api/parents/me/deletion', { reason: '不再使用', code: '000000' })).statusCode).toBe(
      400,
    );
    expect((await parentA.post('/api/parents/me/deletion/code')).statusCode).toBe(200);
    expect(t.sender.lastTo(phoneA)?.text).toContain('删除');
    expect((await parentA.post('/api/parents/me/deletion', { reason: '不再使用', code: '000000' })).statusCode).toBe(
      400,
    );
    const made = await parentA.post('/api/parents/me/deletion', { reason: '不再使用', code: lastCode(t, phoneA) });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ status: 'waiting', scope: 'family' });
    // Nothing is removed while the child is in care: the door still needs the health notes and pickup adults.
    let [kid] = await t.database.db.select().from(children).where(eq(children.id, kidA().id));
    expect(kid?.healthNotes).toBe('哮喘，随身带喷雾');
    expect((await parentA.get('/api/parents/me/deletion')).statusCode).toBe(200);
    expect((await parentA.post('/api/parents/me/deletion', { reason: '再次', code: '123456' })).statusCode).toBe(400); // the code was used
    expect(await privacyPurgeJob.handler(t.database.db, t.clock.now)).toEqual({
      processed: 0,
      postponed: 0,
      purged: 0,
    });

    // The day after the class ends the job carries it out.
    t.clock.now = new Date(`${rc.endDate}T17:00:00Z`); // 01:00 the next day in China
    expect(await privacyPurgeJob.handler(t.database.db, t.clock.now)).toEqual({
      processed: 1,
      postponed: 0,
      purged: 0,
    });
    [kid] = await t.database.db.select().from(children).where(eq(children.id, kidA().id));
    expect(kid).toMatchObject({
      healthNotes: null,
      allergies: null,
      emergencyContacts: [],
      active: false,
      name: kidA().name,
    });
    const [u] = await t.database.db.select().from(users).where(eq(users.id, kidA().guardianUserId));
    expect(u).toMatchObject({ phone: null, active: false, displayName: '已注销用户' });
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, kidA().guardianUserId))).toEqual([]);
    expect((await parentA.get('/api/parents/me/export')).statusCode).toBe(401);
    await expect(rc.guardian(0).login()).rejects.toThrow(/401/);
    const adults = await t.database.db.select().from(pickupAdults).where(eq(pickupAdults.childId, kidA().id));
    expect(adults.every((a) => a.phone === null && a.revokedAt !== null)).toBe(true);
    const standing = await t.database.db.select().from(consents).where(eq(consents.familyId, kidA().familyId));
    expect(standing.every((c) => c.withdrawnAt !== null)).toBe(true);
    // Evidence kept: attendance, the signed agreement, the fee record, the incident.
    const events = await t.database.db.select().from(attendanceEvents).where(eq(attendanceEvents.childId, kidA().id));
    expect(events).toHaveLength(1);
    const [sig] = await t.database.db
      .select()
      .from(agreementSignatures)
      .where(eq(agreementSignatures.enrolmentId, kidA().enrolmentId));
    expect(sig?.typedName).toBe('家长1');
    const [e] = await t.database.db.select().from(enrolments).where(eq(enrolments.id, kidA().enrolmentId));
    expect(e?.status).toBe('accepted');
    // The other family is untouched.
    const [b] = await t.database.db.select().from(children).where(eq(children.id, kidB().id));
    expect(b?.active).toBe(true);
    expect((await parentB.get('/api/parents/me/export')).statusCode).toBe(401); // idled out by the clock jump
    expect((await (await rc.guardian(1).login()).get('/api/parents/me/export')).statusCode).toBe(200);

    // Not before the retention period ends (3 years) ...
    t.clock.now = new Date(t.clock.now.getTime() + 2 * 365 * 86_400_000);
    expect(await privacyPurgeJob.handler(t.database.db, t.clock.now)).toMatchObject({ purged: 0 });
    // ... then the evidence is anonymised where it points; the append-only events themselves are unchanged.
    // The insurance scan uploaded for the enrolment (the child's name and ID number on it) is erased, bytes and row.
    const store = openFileStore(t.config);
    const scanKey = newStorageKey(t.clock.now);
    await store.put(scanKey, Buffer.from('%PDF-1.4 保单 王小明 110105201605011234'));
    const [scan] = await t.database.db
      .insert(files)
      .values({
        orgId: rc.unitId,
        ownerType: 'enrolment',
        ownerId: kidA().enrolmentId,
        purpose: 'insurance',
        filename: 'policy.pdf',
        contentType: 'application/pdf',
        size: 40,
        sha256: '0'.repeat(64),
        storageKey: scanKey,
      })
      .returning();
    await t.database.db
      .update(insuranceProofs)
      .set({ fileId: scan?.id ?? null })
      .where(eq(insuranceProofs.enrolmentId, kidA().enrolmentId));
    t.clock.now = new Date(t.clock.now.getTime() + 400 * 86_400_000);
    expect(await runPrivacyJob(t.database.db, systemContext(t.clock.now), store)).toMatchObject({ purged: 1 });
    await expect(store.get(scanKey)).rejects.toBeInstanceOf(StoredFileMissingError);
    expect(await t.database.db.select().from(files).where(eq(files.storageKey, scanKey))).toEqual([]);
    const proofs = await t.database.db
      .select()
      .from(insuranceProofs)
      .where(eq(insuranceProofs.enrolmentId, kidA().enrolmentId));
    expect(proofs.every((p) => p.fileId === null && p.policyNo === '已删除')).toBe(true);
    [kid] = await t.database.db.select().from(children).where(eq(children.id, kidA().id));
    expect(kid).toMatchObject({ name: '已删除', birthDate: '2017-01-01', idNumberMasked: null, school: null });
    const [sig2] = await t.database.db
      .select()
      .from(agreementSignatures)
      .where(eq(agreementSignatures.enrolmentId, kidA().enrolmentId));
    expect(sig2).toMatchObject({ typedName: '已删除', ip: null, textSha256: sig?.textSha256 });
    const adults2 = await t.database.db.select().from(pickupAdults).where(eq(pickupAdults.childId, kidA().id));
    expect(adults2.every((a) => a.name === '已删除')).toBe(true);
    const incident = await t.database.rows<{ description: string }>(
      sql`SELECT description FROM incidents WHERE child_ids @> ${JSON.stringify([kidA().id])}::jsonb`,
    );
    expect(incident[0]?.description).toBe('某儿童在操场摔倒，膝盖擦伤');
    expect(await t.database.db.select().from(attendanceEvents).where(eq(attendanceEvents.childId, kidA().id))).toEqual(
      events,
    );
    const [req] = await t.database.db
      .select()
      .from(privacyRequests)
      .where(eq(privacyRequests.familyId, kidA().familyId));
    expect(req?.status).toBe('purged');
    // Purged once: the next run finds nothing.
    expect(await privacyPurgeJob.handler(t.database.db, t.clock.now)).toMatchObject({ purged: 0 });

    // Every step is audited.
    for (const action of ['privacy.request', 'privacy.process', 'privacy.purge'])
      expect(await audits(action, kidA().familyId), action).toHaveLength(1);
  });

  it('a family with no class running is processed at once; a second guardian keeps the children', async () => {
    const unitAdmin = await rc.unitAdmin.login();
    const first = await registerParent(t, rc.unitId, { verifyWith: unitAdmin });
    const child = await addChild(first.agent, { name: '王小雨', allergies: '牛奶', healthNotes: '近视' });
    const invite = (await first.agent.post('/api/family/invite')).json().code as string;
    const second = await registerParent(t, rc.unitId, { verifyWith: unitAdmin, familyInviteCode: invite });

    // The second guardian leaves: only their own account goes, the child stays with the first.
    expect((await second.agent.get('/api/parents/me/deletion')).json().plan).toMatchObject({ scope: 'guardian' });
    await second.agent.post('/api/parents/me/deletion/code');
    const r2 = await second.agent.post('/api/parents/me/deletion', {
      reason: '由另一位监护人负责',
      code: lastCode(t, second.phone),
    });
    expect(r2.statusCode).toBe(201);
    expect(r2.json()).toMatchObject({ status: 'processed', scope: 'guardian', keptUntil: expect.any(String) });
    expect((await second.agent.get('/api/family')).statusCode).toBe(401);
    let [kid] = await t.database.db.select().from(children).where(eq(children.id, child.id));
    expect(kid?.healthNotes).toBe('近视');
    const d = (await first.agent.get('/api/parents/me/export')).json();
    expect(d.guardians.find((g: { self: boolean }) => !g.self)).toMatchObject({
      displayName: '已注销用户',
      phone: null,
    });

    // The last guardian asks: the children's non-evidence goes too, at once.
    expect((await first.agent.get('/api/parents/me/deletion')).json().plan).toMatchObject({
      scope: 'family',
      waitsUntil: null,
    });
    await first.agent.post('/api/parents/me/deletion/code');
    const r1 = await first.agent.post('/api/parents/me/deletion', {
      reason: '不再需要',
      code: lastCode(t, first.phone),
    });
    expect(r1.statusCode).toBe(201);
    expect(r1.json()).toMatchObject({ status: 'processed', scope: 'family' });
    [kid] = await t.database.db.select().from(children).where(eq(children.id, child.id));
    expect(kid).toMatchObject({ healthNotes: null, allergies: null, active: false });
    const gone = await t.database.db
      .select()
      .from(users)
      .where(inArray(users.id, [first.userId, second.userId]));
    expect(gone.every((u) => !u.active && u.phone === null)).toBe(true);
    expect((await first.agent.get('/api/parents/me/export')).statusCode).toBe(401);
    // The phone is free again: the family may register anew.
    expect((await t.anonymous().post('/api/parents/phone-code', { phone: first.phone })).statusCode).toBe(200);
    expect(t.sender.lastTo(first.phone)?.text).toContain('注册验证码');
  });
});
