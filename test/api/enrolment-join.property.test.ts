/**
 * "May this family join this class" is written twice — `familyMayJoin` (TypeScript) and `familyMayJoinSql` (the
 * condition the queries use) — and here they must agree, on random cities, districts and units, random families
 * (guardians of every verification status, employed anywhere) and random classes (joint or not, open to all or
 * not, with or without their enrolment row). Checked through each query that uses the condition: the fragment
 * alone, the open-class list, and both reads of an application (the prepared one and the locking one's query).
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/auth/actor.js';
import {
  careClasses,
  children,
  classEnrolment,
  classUnits,
  families,
  guardians,
  organizations,
  users,
} from '../../src/server/db/schema.js';
import { openClassesFor } from '../../src/server/modules/enrolments/enrolments.queries.js';
import { preparedReadForApplication, readForApplication } from '../../src/server/modules/enrolments/enrolments.repo.js';
import { familyMayJoin, familyMayJoinSql, type JoiningGuardian } from '../../src/server/modules/enrolments/joining.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

type Org = { id: number; path: string };

const world = fc.record({
  /** Per city (the root one, perhaps a second): per district, its number of units. */
  cities: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 2 }), {
    minLength: 1,
    maxLength: 2,
  }),
  families: fc.array(
    fc.array(fc.record({ status: fc.constantFrom('pending', 'verified', 'rejected'), employer: fc.nat() }), {
      minLength: 1,
      maxLength: 3,
    }),
    { minLength: 1, maxLength: 4 },
  ),
  classes: fc.array(
    fc.record({
      owner: fc.nat(),
      coOwners: fc.array(fc.nat(), { maxLength: 2 }),
      /** undefined: the class has no enrolment row yet (the open-class list reads "not open to all"). */
      openToAll: fc.option(fc.boolean(), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

describe('may this family join this class (property: SQL and TypeScript agree)', () => {
  let t: TestApp;
  let campaignId: number;
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp();
    const city = await t.agent(
      (await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId })).username,
      PASSWORD,
    );
    campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '报名范围' })).json().id;
  });
  afterAll(() => t.close());

  async function newCity(): Promise<Org> {
    const db = t.database.db;
    const [c] = await db
      .insert(organizations)
      .values({ parentId: null, path: '', kind: 'city', name: `第二城市${++seq}` })
      .returning();
    if (!c) throw new Error('city');
    await db
      .update(organizations)
      .set({ path: `/${c.id}/` })
      .where(sql`${organizations.id} = ${c.id}`);
    return { id: c.id, path: `/${c.id}/` };
  }

  it('agrees on random organisations, families and classes', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const db = t.database.db;
        // Organisations: the root city and perhaps a second one, each with districts and units.
        const orgs: Org[] = [];
        const units: Org[] = [];
        for (const [i, districts] of w.cities.entries()) {
          const city = i === 0 ? { id: t.rootId, path: `/${t.rootId}/` } : await newCity();
          orgs.push(city);
          for (const n of districts) {
            const d = await buildOrg(db, { parentId: city.id, kind: 'district' });
            orgs.push(d);
            for (let k = 0; k < n; k++) {
              const u = await buildOrg(db, { parentId: d.id, kind: 'unit' });
              orgs.push(u);
              units.push(u);
            }
          }
        }
        if (units.length === 0) return;
        // Families: guardians of any status, employed by any organisation (mostly units).
        const fams: { id: number; userId: number; childId: number; guardians: JoiningGuardian[] }[] = [];
        for (const gs of w.families) {
          const [f] = await db.insert(families).values({}).returning();
          if (!f) throw new Error('family');
          const members: JoiningGuardian[] = [];
          let firstUser = 0;
          for (const g of gs) {
            const employer = orgs[g.employer % orgs.length] as Org;
            const [u] = await db
              .insert(users)
              .values({ username: `join${++seq}_${Date.now() % 1e6}`, displayName: '家长', passwordHash: 'x' })
              .returning();
            if (!u) throw new Error('user');
            firstUser ||= u.id;
            await db
              .insert(guardians)
              .values({ userId: u.id, familyId: f.id, employerOrgId: employer.id, status: g.status });
            members.push({ status: g.status, employerOrgId: employer.id, employerPath: employer.path });
          }
          const [c] = await db
            .insert(children)
            .values({ familyId: f.id, name: '孩子', birthDate: '2017-01-01', grade: '3' })
            .returning();
          if (!c) throw new Error('child');
          fams.push({ id: f.id, userId: firstUser, childId: c.id, guardians: members });
        }
        // Classes: an owner unit, perhaps co-owners, open to all or not (or no enrolment row at all).
        const classes: { id: number; openToAll: boolean | undefined; ownerPath: string; unitIds: number[] }[] = [];
        for (const c of w.classes) {
          const owner = units[c.owner % units.length] as Org;
          const coOwners = [...new Set(c.coOwners.map((n) => (units[n % units.length] as Org).id))].filter(
            (id) => id !== owner.id,
          );
          const [row] = await db
            .insert(careClasses)
            .values({
              campaignId,
              orgId: owner.id,
              name: '班',
              mode: coOwners.length ? 'joint' : 'standalone',
              management: 'union',
              status: 'open',
              capacity: 10,
            })
            .returning();
          if (!row) throw new Error('class');
          await db
            .insert(classUnits)
            .values([
              { classId: row.id, orgId: owner.id, isOwner: true },
              ...coOwners.map((orgId) => ({ classId: row.id, orgId, isOwner: false })),
            ]);
          if (c.openToAll !== undefined)
            await db.insert(classEnrolment).values({ classId: row.id, openToAll: c.openToAll });
          classes.push({ id: row.id, openToAll: c.openToAll, ownerPath: owner.path, unitIds: [owner.id, ...coOwners] });
        }
        const expected = (f: (typeof fams)[number], c: (typeof classes)[number]) =>
          familyMayJoin(f.guardians, { openToAll: c.openToAll ?? false, ownerPath: c.ownerPath, unitIds: c.unitIds });

        // 1. The fragment alone, over every pair.
        const pairs = (await t.database.rows<{ family_id: number; class_id: number; may: boolean }>(sql`
          SELECT f.id AS family_id, c.id AS class_id, ${familyMayJoinSql({
            familyId: sql`f.id`,
            classId: sql`c.id`,
            openToAll: sql`coalesce(ce.open_to_all, false)`,
            ownerPath: sql`o.path`,
          })} AS may
            FROM ${families} f CROSS JOIN ${careClasses} c
            JOIN ${organizations} o ON o.id = c.org_id
            LEFT JOIN ${classEnrolment} ce ON ce.class_id = c.id
           WHERE f.id IN (${sql.join(
             fams.map((f) => sql`${f.id}::int`),
             sql`, `,
           )}) AND c.id IN (${sql.join(
             classes.map((c) => sql`${c.id}::int`),
             sql`, `,
           )})`)) as { family_id: number; class_id: number; may: boolean }[];
        expect(pairs).toHaveLength(fams.length * classes.length);
        for (const p of pairs) {
          const f = fams.find((x) => x.id === Number(p.family_id));
          const c = classes.find((x) => x.id === Number(p.class_id));
          if (!f || !c) throw new Error('pair');
          expect(p.may, `family ${f.id} class ${c.id}`).toBe(expected(f, c));
        }

        for (const f of fams) {
          // 2. The open-class list: a verified guardian is offered exactly the classes their family may join.
          const verified = await db
            .select({ userId: guardians.userId })
            .from(guardians)
            .where(sql`${guardians.familyId} = ${f.id} AND ${guardians.status} = 'verified'`)
            .limit(1);
          const lister = verified[0]?.userId ?? f.userId;
          const listed = (await openClassesFor(db, { userId: lister, grants: [] } as unknown as Actor))
            .map((c) => c.id)
            .filter((id) => classes.some((c) => c.id === id))
            .sort((a, b) => a - b);
          const mayJoin = classes.filter((c) => expected(f, c)).map((c) => c.id);
          expect(listed, `family ${f.id}`).toEqual(verified.length ? mayJoin : []);
          // 3. Both reads of an application (only a class with its enrolment row is read outside the lock).
          for (const c of classes.filter((x) => x.openToAll !== undefined)) {
            const fast = await preparedReadForApplication(t.database, c.id, f.userId, f.childId);
            const slow = await readForApplication(db, c.id, f.userId, f.childId, false);
            expect(fast?.mayJoin, `prepared: family ${f.id} class ${c.id}`).toBe(expected(f, c));
            expect(slow?.mayJoin, `query: family ${f.id} class ${c.id}`).toBe(expected(f, c));
          }
        }
        // Keep later runs' lists short: these classes are done with.
        await db
          .update(careClasses)
          .set({ status: 'closed' })
          .where(
            sql`${careClasses.id} IN (${sql.join(
              classes.map((c) => sql`${c.id}::int`),
              sql`, `,
            )})`,
          );
      }),
      { numRuns: 30, seed: Number(process.env.FC_SEED ?? 20261130) },
    );
    // Thirty random worlds of a few dozen rows each, every pair read three ways.
  }, 180_000);
});
