/**
 * "Paperwork complete for child C in class K on day D" is written twice — `paperworkGaps` (TypeScript, in
 * src/domain/enrolment/paperwork.ts) and `paperworkCompleteSql` (the condition the door's fast read uses) — and here
 * they must agree, on random agreement versions, signatures and insurance proofs, with times around midnight in
 * China (where the UTC day differs). Checked three ways: the fragment alone, the door's fast read (the statement
 * that carries it), and the loader `paperworkRecords` against the records as generated.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/dates.js';
import { type PaperworkRecord, paperworkComplete, paperworkGaps } from '../../src/domain/enrolment/paperwork.js';
import {
  agreementSignatures,
  agreementTexts,
  careClasses,
  children,
  enrolments,
  families,
  insuranceProofs,
  users,
} from '../../src/server/db/schema.js';
import { ONE_DAY, readSql } from '../../src/server/modules/attendance/attendance.fast.statements.js';
import { DOOR_ROLES } from '../../src/server/modules/attendance/attendance.policy.js';
import { paperworkCompleteSql, paperworkRecords } from '../../src/server/modules/enrolments/paperwork.sql.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildOrg } from '../support/factories.js';

const FIRST = '2026-07-01';
const WINDOW = 10;
/** A day of the window (a little before and after it too). */
const dayArb = fc.integer({ min: -2, max: WINDOW + 2 }).map((n) => addDays(FIRST, n));
/** A moment on such a day in China, any hour: 23:30 in Beijing is still the same day, 15:30 UTC. */
const momentArb = fc
  .record({ day: dayArb, hour: fc.integer({ min: 0, max: 23 }), min: fc.constantFrom(0, 30, 59) })
  .map(({ day, hour, min }) => ({
    day,
    at: new Date(`${day}T${String(hour).padStart(2, '0')}:${String(min).padStart(2, '0')}:00+08:00`),
  }));

const world = fc.record({
  /** Agreement versions of the unit, each with its publication moment. */
  texts: fc.array(momentArb, { maxLength: 3 }),
  /** Signatures: which version (index, wrapped), when. */
  signatures: fc.array(fc.record({ text: fc.nat(), at: momentArb }), { maxLength: 3 }),
  proofs: fc.array(
    fc.record({
      status: fc.constantFrom('pending', 'confirmed', 'rejected'),
      start: dayArb,
      end: dayArb,
      reviewed: fc.option(momentArb, { nil: null }),
    }),
    { maxLength: 3 },
  ),
});

describe('paperwork complete on a day (property: SQL and TypeScript agree)', () => {
  let t: TestApp;
  let campaignId: number;
  let userId: number;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const rows = await t.database.rows<{ id: number }>(sql`SELECT id FROM campaigns ORDER BY id LIMIT 1`);
    if (rows[0]) campaignId = Number(rows[0].id);
    else {
      const [c] = await t.database.rows<{ id: number }>(sql`
        INSERT INTO campaigns (org_id, name, year, holiday_type, status, params, created_at, updated_at)
        VALUES (${t.rootId}, '材料', 2026, 'summer', 'active', '{}'::jsonb, now(), now()) RETURNING id`);
      campaignId = Number(c?.id);
    }
    const [u] = await db
      .insert(users)
      .values({ username: 'paperwork_guardian', displayName: '家长', passwordHash: 'x' })
      .returning();
    if (!u) throw new Error('user');
    userId = u.id;
  });
  afterAll(() => t.close());

  it('agrees on random agreements, signatures and proofs, on every day around the class', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const db = t.database.db;
        // A fresh unit each run: its agreement versions are its own.
        const unit = await buildOrg(db, { parentId: t.rootId, kind: 'unit', name: `材料单位${++seq}` });
        const [cls] = await db
          .insert(careClasses)
          .values({
            campaignId,
            orgId: unit.id,
            name: '班',
            mode: 'standalone',
            management: 'union',
            status: 'running',
            capacity: 10,
          })
          .returning();
        const [fam] = await db.insert(families).values({}).returning();
        if (!cls || !fam) throw new Error('class');
        const [child] = await db
          .insert(children)
          .values({ familyId: fam.id, name: '孩子', birthDate: '2017-01-01', grade: '3' })
          .returning();
        if (!child) throw new Error('child');
        const [en] = await db
          .insert(enrolments)
          .values({
            classId: cls.id,
            childId: child.id,
            familyId: fam.id,
            appliedBy: userId,
            status: 'accepted',
            appliedAt: new Date(),
          })
          .returning();
        if (!en) throw new Error('enrolment');
        const expected: PaperworkRecord = { agreements: [], signatures: [], proofs: [] };
        const textIds: number[] = [];
        for (const [i, m] of w.texts.entries()) {
          const [row] = await db
            .insert(agreementTexts)
            .values({ orgId: unit.id, version: i + 1, title: '协议', body: '正文', sha256: 'x', publishedAt: m.at })
            .returning();
          if (!row) throw new Error('text');
          textIds.push(row.id);
          (expected.agreements as PaperworkRecord['agreements'][number][]).push({
            id: row.id,
            version: i + 1,
            publishedOn: m.day,
          });
        }
        if (textIds.length)
          for (const s of w.signatures) {
            const textId = textIds[s.text % textIds.length] as number;
            await db.insert(agreementSignatures).values({
              enrolmentId: en.id,
              agreementTextId: textId,
              signerUserId: userId,
              typedName: '家长',
              textSha256: 'x',
              signedAt: s.at.at,
            });
            (expected.signatures as PaperworkRecord['signatures'][number][]).push({ textId, signedOn: s.at.day });
          }
        for (const p of w.proofs) {
          await db.insert(insuranceProofs).values({
            enrolmentId: en.id,
            insurer: '保险',
            policyNo: 'P',
            periodStart: p.start,
            periodEnd: p.end,
            uploadedBy: userId,
            uploadedAt: new Date(),
            status: p.status,
            reviewedAt: p.reviewed?.at ?? null,
          });
          (expected.proofs as PaperworkRecord['proofs'][number][]).push({
            status: p.status,
            periodStart: p.start,
            periodEnd: p.end,
            reviewedOn: p.reviewed?.day ?? null,
          });
        }

        // The loader reads back exactly the records as generated (China days, not UTC ones).
        const loaded = (await paperworkRecords(db, [en.id])).get(en.id);
        if (!loaded) throw new Error('record');
        const sortTexts = (r: PaperworkRecord) => [...r.agreements].sort((a, b) => a.id - b.id);
        expect(sortTexts(loaded)).toEqual(sortTexts(expected));

        for (let n = -2; n <= WINDOW + 2; n++) {
          const day = addDays(FIRST, n);
          const want = paperworkComplete(expected, day);
          expect(paperworkGaps(loaded, day).length === 0, `loader, ${day}`).toBe(want);
          // 1. The fragment alone.
          const [frag] = await t.database.rows<{ ok: boolean }>(
            sql`SELECT ${paperworkCompleteSql({
              enrolmentId: sql`${en.id}::int`,
              agreementOrgId: sql`${unit.id}::int`,
              day: sql`${day}::text`,
            })} AS ok`,
          );
          expect(frag?.ok, `fragment, ${day}: ${JSON.stringify(expected)}`).toBe(want);
          // 2. The door's fast read, which carries it (no session: the row comes, the door check says no).
          const [read] = await t.database.prepared<{ paperwork_ok: boolean }>('', readSql(ONE_DAY), [
            cls.id,
            child.id,
            day,
            [],
            0,
            'no-session',
            DOOR_ROLES,
          ]);
          expect(read?.paperwork_ok, `fast read, ${day}`).toBe(want);
        }
      }),
      { numRuns: 40, seed: Number(process.env.FC_SEED ?? 20261202) },
    );
  }, 240_000);

  it('names what is missing, agreement first', () => {
    const none: PaperworkRecord = { agreements: [], signatures: [], proofs: [] };
    expect(paperworkGaps(none, FIRST)).toEqual(['agreement', 'insurance']);
    const signed: PaperworkRecord = {
      agreements: [{ id: 1, version: 1, publishedOn: FIRST }],
      signatures: [{ textId: 1, signedOn: FIRST }],
      proofs: [{ status: 'confirmed', periodStart: FIRST, periodEnd: addDays(FIRST, 3), reviewedOn: FIRST }],
    };
    expect(paperworkGaps(signed, FIRST)).toEqual([]);
    // Not covering the day.
    expect(paperworkGaps(signed, addDays(FIRST, 4))).toEqual(['insurance']);
    // A new version published: the old signature no longer counts from its day on.
    const v2 = { ...signed, agreements: [...signed.agreements, { id: 2, version: 2, publishedOn: addDays(FIRST, 2) }] };
    expect(paperworkGaps(v2, addDays(FIRST, 1))).toEqual([]);
    expect(paperworkGaps(v2, addDays(FIRST, 2))).toEqual(['agreement']);
    // Pending and rejected proofs do not count.
    for (const status of ['pending', 'rejected'])
      expect(paperworkGaps({ ...signed, proofs: [{ ...signed.proofs[0], status } as never] }, FIRST)).toEqual([
        'insurance',
      ]);
  });
});
