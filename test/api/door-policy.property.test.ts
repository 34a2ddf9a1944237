/**
 * The door policy has two forms: `attendancePolicy.door` (TypeScript, over the actor and the class's units — the
 * batch path, the door list) and `doorSql` (SQL, over the session's grants inside the fast path's read). Over random
 * organisation trees with inactive nodes, random grants of every role on any node and classes run by random units,
 * they must agree for every class: the TS form with the actor the session gives and the class's units, the SQL form
 * as the fast path's own read (`readSql`) computes `door_ok` for that session.
 */
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/calendar/dates.js';
import { ROLES } from '../../src/domain/people/roles.js';
import { createSession, loadSession } from '../../src/server/auth/sessions.js';
import { careClasses, classUnits, organizations, roleGrants } from '../../src/server/db/schema.js';
import { unitsOf } from '../../src/server/modules/classes/classes.repo.js';
import { ONE_DAY, readSql } from '../../src/server/modules/attendance/attendance.fast.statements.js';
import { attendancePolicy, DOOR_ROLES } from '../../src/server/modules/attendance/attendance.policy.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildOrg, buildUser } from '../support/factories.js';

const LIMITS = { idleMinutes: 30, absoluteHours: 12 };

const district = fc.record({
  active: fc.boolean(),
  units: fc.array(fc.boolean(), { maxLength: 3 }), // each unit's own active flag
});
// Every role, the door roles drawn more often so that both answers come up.
const grant = fc.record({ role: fc.oneof(fc.constantFrom(...DOOR_ROLES), fc.constantFrom(...ROLES)), node: fc.nat() });
/** A class: its units as picks among the drawn nodes (the first is the owner). */
const klass = fc.array(fc.nat(), { minLength: 1, maxLength: 3 });

describe('the door policy: SQL and TypeScript agree (property)', () => {
  let t: TestApp;
  let rc: RunningClass;
  const seen = { yes: 0, no: 0 };
  beforeAll(async () => {
    t = await createTestApp();
    rc = await buildRunningClass(t, { children: 1 });
  });
  afterAll(() => t.close());

  it('for random trees, grants, class units and roles, on active and inactive organisations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(district, { minLength: 1, maxLength: 3 }),
        fc.array(grant, { minLength: 1, maxLength: 4 }),
        fc.array(klass, { minLength: 1, maxLength: 3 }),
        async (districts, grants, classes) => {
          const db = t.database.db;
          const nodes = [{ id: t.rootId, path: `/${t.rootId}/` }];
          for (const d of districts) {
            const dn = await buildOrg(db, { parentId: t.rootId, active: d.active });
            nodes.push({ id: dn.id, path: dn.path });
            // Deactivation marks the subtree inactive; a unit may also be inactive on its own.
            for (const active of d.units) {
              const un = await buildOrg(db, { parentId: dn.id, active: d.active && active });
              nodes.push({ id: un.id, path: un.path });
            }
          }
          const below = nodes.slice(1);
          const at = (i: number) => below[i % below.length] as (typeof nodes)[number];
          const [first, ...more] = grants.map((g) => ({ role: g.role, node: nodes[g.node % nodes.length] }));
          if (!first?.node) return;
          const user = await buildUser(db, { role: first.role, orgId: first.node.id });
          for (const g of more)
            if (g.node)
              await db
                .insert(roleGrants)
                .values({ userId: user.id, role: g.role, orgId: g.node.id })
                .onConflictDoNothing();

          const classIds: number[] = [];
          for (const picks of classes) {
            const unitIds = [...new Set(picks.map((p) => at(p).id))];
            const [c] = await db
              .insert(careClasses)
              .values({
                campaignId: rc.campaignId,
                orgId: unitIds[0] as number,
                name: '门口测试班',
                mode: 'standalone',
                management: 'union',
                status: 'running',
              })
              .returning();
            if (!c) throw new Error('class');
            await db.insert(classUnits).values(unitIds.map((orgId, i) => ({ classId: c.id, orgId, isOwner: i === 0 })));
            classIds.push(c.id);
          }

          const now = t.clock.now;
          const session = await createSession(db, user.id, now, LIMITS, { ip: null, userAgent: null });
          const lookup = await loadSession(db, session.token, now, LIMITS);
          if (!lookup.ok) throw new Error('session');
          const units = await unitsOf(db, classIds);
          for (const classId of classIds) {
            const ts = attendancePolicy.door(lookup.actor, units.get(classId) ?? []);
            const [row] = await t.database.prepared<{ door_ok: boolean }>('', readSql(ONE_DAY), [
              classId,
              rc.children[0]?.id,
              todayInChina(now),
              [],
              0,
              session.sessionId,
              DOOR_ROLES,
            ]);
            expect(
              row?.door_ok,
              `class ${classId} units ${JSON.stringify(units.get(classId))} grants ${JSON.stringify(lookup.actor.grants)}`,
            ).toBe(ts);
            seen[ts ? 'yes' : 'no']++;
          }
        },
      ),
      { numRuns: 40, seed: Number(process.env.FC_SEED ?? 20260611) },
    );
    // Both answers were drawn often enough for the agreement to mean something.
    expect(seen.yes).toBeGreaterThan(10);
    expect(seen.no).toBeGreaterThan(10);
  });

  it('an inactive organisation holding the grant: neither form lets the person work the door', async () => {
    const db = t.database.db;
    const staff = await buildUser(db, { role: 'class_staff', orgId: rc.unitId });
    await db.update(organizations).set({ active: false }).where(eq(organizations.id, rc.unitId));
    try {
      const now = t.clock.now;
      const session = await createSession(db, staff.id, now, LIMITS, { ip: null, userAgent: null });
      const lookup = await loadSession(db, session.token, now, LIMITS);
      if (!lookup.ok) throw new Error('session');
      const units = (await unitsOf(db, [rc.classId])).get(rc.classId) ?? [];
      const [row] = await t.database.prepared<{ door_ok: boolean }>('', readSql(ONE_DAY), [
        rc.classId,
        rc.children[0]?.id,
        todayInChina(now),
        [],
        0,
        session.sessionId,
        DOOR_ROLES,
      ]);
      expect(attendancePolicy.door(lookup.actor, units)).toBe(false);
      expect(row?.door_ok).toBe(false);
    } finally {
      await db.update(organizations).set({ active: true }).where(eq(organizations.id, rc.unitId));
    }
  });
});
