/**
 * Issue 13 (PIPL): the audit log keeps that a personal field changed, not the personal value — at every depth
 * (emergency contacts, pickup adults), health text never, phones and ID numbers masked — and parent account names
 * are no longer their phone numbers. Rows written by earlier versions are masked on the way out; the chain verifies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/domain/people/residentId.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { MIGRATIONS_DIR } from '../../src/server/db/client.js';
import { auditLog, users } from '../../src/server/db/schema.js';
import { sealAuditLog } from '../../src/server/events/seal.js';
import { verifyAuditChain } from '../../src/server/events/verify.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { addChild, PARENT_PASSWORD, registerParent } from '../support/families.js';

describe('personal data in the audit log (issue 13)', () => {
  let t: TestApp;
  let city: Agent;
  let auditor: Agent;
  let unitAdmin: Agent;
  let unitId: number;

  /** Every row a reader at the root may see, as the API serialises it. */
  const auditJson = async (reader: Agent) => {
    const pages: string[] = [];
    for (let page = 1; ; page++) {
      const r = await reader.get(`/api/audit?pageSize=200&page=${page}`);
      expect(r.statusCode).toBe(200);
      const body = r.json() as { items: unknown[]; total: number };
      pages.push(r.body);
      if (page * 200 >= body.total) return pages.join('\n');
    }
  };
  /** The stored rows themselves, as written and hashed. */
  const storedJson = async () => JSON.stringify(await t.database.db.select().from(auditLog));

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    auditor = await t.agent((await buildUser(db, { role: 'auditor', orgId: t.rootId })).username, PASSWORD);
    const district = await buildOrg(db, { parentId: t.rootId });
    unitId = (await buildOrg(db, { parentId: district.id })).id;
    unitAdmin = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitId })).username, PASSWORD);
  });
  afterAll(() => t.close());

  it('an emergency contact and a health note changed: no phone and no health text in the log, chain intact', async () => {
    const p = await registerParent(t, unitId, { verifyWith: unitAdmin });
    const body = '11010520160501123';
    const idNumber = body + residentIdCheckChar(body);
    const secrets = {
      contactPhone: '13611112222',
      newContactPhone: '13733334444',
      pickupPhone: '13555556666',
      healthNote: '癫痫病史，发作时侧卧',
      newHealthNote: '哮喘，随身携带沙丁胺醇喷雾',
      allergy: '对青霉素过敏',
      newAllergy: '对花生和芒果过敏',
      note: '请联系外婆 13899990000',
    };
    const kid = await addChild(p.agent, {
      name: '小安',
      birthDate: '2016-05-01',
      grade: '4',
      idNumber,
      healthNotes: secrets.healthNote,
      allergies: secrets.allergy,
      emergencyContacts: [{ name: '王奶奶', relation: '奶奶', phone: secrets.contactPhone }],
      pickupAdults: [{ name: '李叔叔', relation: '舅舅', phone: secrets.pickupPhone, allowed: true }],
    });
    const added = await p.agent.post(`/api/family/children/${kid.id}/pickup-adults`, {
      name: '外公',
      relation: '外公',
      phone: secrets.pickupPhone.replace('555', '444'),
      allowed: true,
    });
    expect(added.statusCode).toBe(201);
    const up = await p.agent.patch(`/api/family/children/${kid.id}`, {
      version: 1,
      healthNotes: secrets.newHealthNote,
      allergies: secrets.newAllergy,
      school: secrets.note,
      emergencyContacts: [
        { name: '王奶奶', relation: '奶奶', phone: secrets.newContactPhone },
        { name: '王爷爷', phone: secrets.contactPhone },
      ],
    });
    expect(up.statusCode).toBe(200);
    // The guardian withdraws the health consent: the live record hides the note from now on, and so must the log.
    const w = await p.agent.post('/api/family/consents/withdraw', { childId: kid.id, kind: 'health' });
    expect(w.statusCode).toBe(200);
    expect((await unitAdmin.get(`/api/children/${kid.id}`)).json().healthNotes).toBeNull();

    const clear = [
      ...Object.values(secrets),
      secrets.pickupPhone.replace('555', '444'),
      idNumber,
      p.phone,
      '13899990000',
    ];
    for (const reader of [city, auditor]) {
      const json = await auditJson(reader);
      for (const s of clear) expect(json).not.toContain(s);
    }
    const stored = await storedJson();
    for (const s of clear) expect(stored).not.toContain(s);

    // What the row does keep: the change, the masked contact, and that the health fields changed.
    const rows = (await city.get(`/api/audit?entity=child&entityId=${kid.id}&action=child.update`)).json().items;
    expect(rows).toHaveLength(1);
    expect(rows[0].before).toMatchObject({
      healthNotes: '[withheld]',
      allergies: '[withheld]',
      emergencyContacts: [{ name: '王奶奶', phone: '136****2222' }],
    });
    expect(rows[0].after).toMatchObject({
      healthNotes: '[withheld]',
      allergies: '[withheld]',
      school: '请联系外婆 138****0000',
      emergencyContacts: [{ phone: '137****4444' }, { name: '王爷爷', phone: '136****2222' }],
    });

    const verify = await auditor.get('/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true });
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('rows written by an earlier version are masked on the way out, and the chain still verifies', async () => {
    const legacy = {
      actorName: 'p13912340000',
      before: { healthNotes: '旧版本写下的健康备注', emergencyContacts: [{ name: '甲', phone: '13912341111' }] },
      after: {
        healthNotes: '旧版本写下的新备注',
        idNumber: '110105201501011234',
        guardians: [{ phone: '13912342222' }],
      },
    };
    await t.database.db.insert(auditLog).values({
      at: new Date(t.clock.now.getTime()),
      actorId: null,
      actorName: legacy.actorName,
      action: 'child.update',
      entity: 'child',
      entityId: '999999',
      orgPath: null,
      before: legacy.before,
      after: legacy.after,
      requestId: null,
      ip: null,
    });
    await sealAuditLog(t.database.db);
    const json = await auditJson(auditor);
    for (const s of ['13912340000', '13912341111', '13912342222', '110105201501011234', '健康备注', '新备注'])
      expect(json).not.toContain(s);
    const [row] = (await auditor.get('/api/audit?entityId=999999')).json().items;
    expect(row).toMatchObject({
      actorName: 'p139****0000',
      before: { healthNotes: '[withheld]', emergencyContacts: [{ name: '甲', phone: '139****1111' }] },
      after: { idNumber: '110105********1234', guardians: [{ phone: '139****2222' }] },
    });
    // The stored row is untouched (it is sealed): verification recomputes its hash from what is stored.
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('a parent account is not named after the phone: the people list and the log never show it; sign-in by phone', async () => {
    const p = await registerParent(t, unitId, { verifyWith: unitAdmin });
    const [u] = await t.database.db.select().from(users).where(eq(users.id, p.userId));
    expect(u?.username).toMatch(/^p[2-9a-fxy]{12}$/);
    expect(u?.username).not.toContain(p.phone);
    // The parent acts: the audit row carries the account name.
    await addChild(p.agent, { name: '小乐', birthDate: '2017-03-07' });

    const list = await city.get('/api/users?pageSize=200&role=parent');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(p.phone);
    const mine = (list.json().items as { id: number; username: string; phoneMasked: string }[]).find(
      (x) => x.id === p.userId,
    );
    expect(mine).toMatchObject({
      username: u?.username,
      phoneMasked: `${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`,
    });
    expect((await unitAdmin.get('/api/users?pageSize=200')).body).not.toContain(p.phone);

    expect(await auditJson(city)).not.toContain(p.phone);
    expect(await storedJson()).not.toContain(p.phone);
    const acted = (await city.get(`/api/audit?actor=${u?.username}`)).json().items;
    expect(acted.map((r: { action: string }) => r.action)).toContain('child.create');

    // The /m/ app signs in with the phone as the name (src/web/parent/api/calls.ts); +86 and spaces work too.
    for (const login of [p.phone, `+86 ${p.phone.slice(0, 3)} ${p.phone.slice(3, 7)} ${p.phone.slice(7)}`]) {
      const a = await t.agent(login, PARENT_PASSWORD);
      const me = await a.get('/api/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().user.id).toBe(p.userId);
    }
  });

  it('migration 0015 renames an account named p<phone>; it still signs in with its phone; the rename is audited', async () => {
    const db = t.database.db;
    const passwordHash = await hashPassword(PARENT_PASSWORD);
    const now = t.clock.now;
    const [legacy] = await db
      .insert(users)
      .values({
        username: 'p13766665555',
        phone: '13766665555',
        displayName: '老家长',
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    // No phone on the account: renaming it would leave no way to sign in, so it keeps its name.
    const [noPhone] = await db
      .insert(users)
      .values({ username: 'p13766665556', displayName: '无手机', passwordHash, createdAt: now, updatedAt: now })
      .returning();
    const [other] = await db
      .insert(users)
      .values({
        username: 'pa13766665557',
        phone: '13766665557',
        displayName: '别的名字',
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!legacy || !noPhone || !other) throw new Error('insert');

    // The migration as the migrator runs it: its statements in order, in one transaction.
    const file = fs.readFileSync(path.join(MIGRATIONS_DIR, '0015_parent_usernames.sql'), 'utf8');
    await db.transaction(async (tx) => {
      for (const stmt of file.split('--> statement-breakpoint')) await tx.execute(sql.raw(stmt));
    });

    const nameOf = async (id: number) => (await db.select().from(users).where(eq(users.id, id)))[0]?.username;
    const renamed = await nameOf(legacy.id);
    expect(renamed).toMatch(/^p[2-9a-fxy]{12}$/);
    expect(await nameOf(noPhone.id)).toBe('p13766665556');
    expect(await nameOf(other.id)).toBe('pa13766665557');

    const a = await t.agent('13766665555', PARENT_PASSWORD);
    expect((await a.get('/api/auth/me')).json().user).toMatchObject({ id: legacy.id, username: renamed });

    const rows = (await auditor.get(`/api/audit?action=user.rename&entityId=${legacy.id}`)).json().items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ before: { username: 'p137****5555' }, after: { username: renamed } });
    expect(await storedJson()).not.toContain('13766665555');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
