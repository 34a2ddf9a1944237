/**
 * Capacity under a surge: many guardians apply to one class at the same moment through two app instances
 * sharing one database (on PostgreSQL they are two connection pools, as two servers would be). The class never
 * passes its capacity, nobody is lost, and the waitlist keeps everyone else. Also a model-based property test of
 * apply / withdraw / confirm / expire against a simple reference model.
 */
import fc from 'fast-check';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHoldingStatus, isLiveStatus, LIVE_STATUSES } from '../../src/domain/enrolment/statuses.js';
import { buildApp } from '../../src/server/app.js';
import { createSession } from '../../src/server/auth/sessions.js';
import { systemContext } from '../../src/server/context.js';
import { type Database, openDatabase } from '../../src/server/db/client.js';
import {
  children,
  classEnrolment,
  enrolments,
  families,
  guardians,
  roleGrants,
  users,
} from '../../src/server/db/schema.js';
import type { App } from '../../src/server/deps.js';
import { LogSender } from '../../src/server/messaging/sender.js';
import { expireOffers } from '../../src/server/modules/enrolments/allocation.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { buildOpenClass } from '../support/families.js';

/** A verified guardian with one child, made directly in the database (the registration flow is tested elsewhere). */
async function buildFamily(db: Database['db'], unitId: number, n: number, grade = '3') {
  const [f] = await db.insert(families).values({}).returning();
  const [u] = await db
    .insert(users)
    .values({ username: `surge${n}_${Date.now() % 1e6}`, displayName: `家长${n}`, passwordHash: 'x', phone: null })
    .returning();
  if (!f || !u) throw new Error('family');
  await db.insert(guardians).values({ userId: u.id, familyId: f.id, employerOrgId: unitId, status: 'verified' });
  await db.insert(roleGrants).values({ userId: u.id, role: 'parent', orgId: unitId });
  const [c] = await db
    .insert(children)
    .values({ familyId: f.id, name: `孩子${n}`, birthDate: '2017-01-01', grade, selfCare: grade === 'K' ? true : null })
    .returning();
  if (!c) throw new Error('child');
  return { userId: u.id, childId: c.id };
}

async function sessionCookie(db: Database['db'], userId: number) {
  const s = await createSession(
    db,
    userId,
    new Date(),
    { idleMinutes: 30, absoluteHours: 12 },
    { ip: null, userAgent: null },
  );
  return { cookie: `tg_sid=${s.token}`, csrf: s.csrfToken };
}

describe('enrolment under a surge', () => {
  let t: TestApp;
  let second: { app: App; database: Database } | null = null;
  let unitId: number;
  let campaignId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    const d = await buildOrg(db, { parentId: t.rootId });
    unitId = (await buildOrg(db, { parentId: d.id })).id;
    campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '并发测试' })).json().id;
    // On PostgreSQL a second app instance with its own pool, like a second server behind a load balancer.
    const url = t.database.url;
    if (process.env.DATABASE_URL && url) {
      const database = await openDatabase({ databaseUrl: url });
      second = {
        database,
        app: await buildApp({ database, config: t.config, clock: () => new Date(), sender: new LogSender(() => {}) }),
      };
    }
  });
  afterAll(async () => {
    if (second) {
      await second.app.close();
      await second.database.close();
    }
    await t.close();
  });

  it('200 guardians applying at once for 20 places: exactly 20 get one, 180 wait, none lost', async () => {
    const db = t.database.db;
    const cls = await buildOpenClass(db, { campaignId, orgId: unitId, capacity: 20, name: '热门班' });
    const fams = await Promise.all(Array.from({ length: 200 }, (_, i) => buildFamily(db, unitId, i)));
    const sessions = await Promise.all(fams.map((f) => sessionCookie(db, f.userId)));
    const apps = [t.app, second?.app ?? t.app];
    const results = await Promise.all(
      fams.map((f, i) =>
        (apps[i % 2] as App).inject({
          method: 'POST',
          url: '/api/enrolments',
          headers: { cookie: sessions[i]?.cookie ?? '', 'x-csrf-token': sessions[i]?.csrf ?? '' },
          payload: { classId: cls.id, childId: f.childId },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).filter((c) => c !== 201)).toEqual([]);
    const rows = await db.select().from(enrolments).where(eq(enrolments.classId, cls.id));
    expect(rows).toHaveLength(200);
    expect(rows.filter((r) => r.status === 'accepted')).toHaveLength(20);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(180);
    const [counters] = await db.select().from(classEnrolment).where(eq(classEnrolment.classId, cls.id));
    expect(counters?.placesTaken).toBe(20);
    // Everyone who applied has exactly one live application.
    expect(new Set(rows.map((r) => r.childId)).size).toBe(200);
  });

  it('model test: any sequence of apply / withdraw / confirm / expire keeps the counters true and capacity held', async () => {
    const db = t.database.db;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(
          fc.tuple(
            fc.oneof(
              { arbitrary: fc.constant('apply'), weight: 3 },
              { arbitrary: fc.constantFrom('withdraw', 'confirm', 'expire'), weight: 2 },
            ),
            fc.nat({ max: 7 }),
            fc.boolean(),
          ),
          { minLength: 5, maxLength: 30 },
        ),
        async (capacity, steps) => {
          const cls = await buildOpenClass(db, { campaignId, orgId: unitId, capacity });
          const fams = await Promise.all(
            Array.from({ length: 8 }, (_, i) => buildFamily(db, unitId, 1000 + i, i === 7 ? 'K' : '2')),
          );
          const sess = await Promise.all(fams.map((f) => sessionCookie(db, f.userId)));
          let clock = Date.now();
          for (const [op, who, flag] of steps) {
            const f = fams[who];
            const s = sess[who];
            if (!f || !s) continue;
            const h = { cookie: s.cookie, 'x-csrf-token': s.csrf };
            const [mine] = await db
              .select()
              .from(enrolments)
              .where(
                and(
                  eq(enrolments.classId, cls.id),
                  eq(enrolments.childId, f.childId),
                  inArray(enrolments.status, [...LIVE_STATUSES]),
                ),
              );
            if (op === 'apply')
              await t.app.inject({
                method: 'POST',
                url: '/api/enrolments',
                headers: h,
                payload: { classId: cls.id, childId: f.childId },
              });
            if (op === 'withdraw' && mine)
              await t.app.inject({
                method: 'POST',
                url: `/api/enrolments/${mine.id}/withdraw`,
                headers: h,
                payload: { reason: '测试退出' },
              });
            if (op === 'confirm' && mine)
              await t.app.inject({
                method: 'POST',
                url: `/api/enrolments/${mine.id}/confirm`,
                headers: h,
                payload: {},
              });
            if (op === 'expire' && flag) {
              clock += 49 * 3_600_000;
              await expireOffers(db, systemContext(new Date(clock)));
            }
            const all = await db.select().from(enrolments).where(eq(enrolments.classId, cls.id));
            const holding = all.filter((e) => isHoldingStatus(e.status));
            const [c] = await db.select().from(classEnrolment).where(eq(classEnrolment.classId, cls.id));
            expect(holding.length).toBeLessThanOrEqual(capacity);
            expect(c?.placesTaken ?? 0).toBe(holding.length);
            // Nobody waits while a place is free that they could take (the kindergarten child may wait for the cap).
            const waitingPrimary = all.filter((e) => e.status === 'waitlisted' && e.childId !== fams[7]?.childId);
            if (holding.length < capacity) expect(waitingPrimary).toHaveLength(0);
            const live = all.filter((e) => isLiveStatus(e.status));
            expect(new Set(live.map((e) => e.childId)).size).toBe(live.length);
          }
        },
      ),
      { numRuns: 25, seed: 20261129 },
    );
  });
});
