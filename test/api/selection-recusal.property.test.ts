/**
 * Recusal property: over random reviewers — each with a reviewer grant at the city or a district, possibly an
 * extra role in a unit or district — assigning them to every application of the campaign never assigns one from a
 * district where they hold any role, and such a reviewer can never open it (404) nor score it; every other
 * application they can open. The oracle reads the tree independently of src/domain/selection/conflict.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleGrants } from '../../src/server/db/schema.js';
import { selectionApplications, selectionSnapshots } from '../../src/server/db/tables/selection.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { buildClassFor, buildReportingCampaign } from '../support/reports.js';

describe('reviewer conflicts of interest (property)', () => {
  let t: TestApp;
  let city: Agent;
  let campaignId: number;
  let panelId: number;
  const districts: number[] = [];
  const units: { id: number; districtId: number }[] = [];
  const apps: { id: number; districtId: number }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const now = t.clock.now;
    campaignId = (await buildReportingCampaign(db, t.rootId, now)).id;
    for (let d = 0; d < 3; d++) {
      const district = await buildOrg(db, { parentId: t.rootId });
      districts.push(district.id);
      for (let u = 0; u < 2; u++) {
        const unit = await buildOrg(db, { parentId: district.id });
        units.push({ id: unit.id, districtId: district.id });
        const cls = await buildClassFor(db, { campaignId, unitId: unit.id, status: 'closed', now });
        const [a] = await db
          .insert(selectionApplications)
          .values({ campaignId, classId: cls.id, orgId: unit.id, status: 'submitted', submittedAt: now })
          .returning();
        if (!a) throw new Error('application');
        await db
          .insert(selectionSnapshots)
          .values({ applicationId: a.id, dossier: { asOf: '2026-08-30' }, takenAt: now });
        apps.push({ id: a.id, districtId: district.id });
      }
    }
    const c = await buildUser(db, { role: 'city_admin', orgId: t.rootId });
    city = await t.agent(c.username, PASSWORD);
    panelId = (await city.post(`/api/campaigns/${campaignId}/selection/panels`, { name: '性质测试组' })).json().id;
  });
  afterAll(() => t.close());

  it('never assigns nor opens an application of a district where the reviewer holds a role', async () => {
    const place = fc.oneof(
      fc.constant({ kind: 'city' as const }),
      fc.integer({ min: 0, max: 2 }).map((i) => ({ kind: 'district' as const, i })),
    );
    const extra = fc.option(
      fc.oneof(
        fc.integer({ min: 0, max: 5 }).map((i) => ({ role: 'unit_admin' as const, unit: i })),
        fc.integer({ min: 0, max: 2 }).map((i) => ({ role: 'inspector' as const, district: i })),
      ),
    );
    await fc.assert(
      fc.asyncProperty(place, extra, async (p, x) => {
        const db = t.database.db;
        const orgId = p.kind === 'city' ? t.rootId : (districts[p.i] as number);
        const u = await buildUser(db, { role: 'reviewer', orgId });
        const own = new Set<number>(p.kind === 'district' ? [orgId] : []);
        if (x?.role === 'unit_admin') {
          const unit = units[x.unit] as { id: number; districtId: number };
          await db.insert(roleGrants).values({ userId: u.id, role: 'unit_admin', orgId: unit.id });
          own.add(unit.districtId);
        } else if (x?.role === 'inspector') {
          const d = districts[x.district] as number;
          await db.insert(roleGrants).values({ userId: u.id, role: 'inspector', orgId: d });
          own.add(d);
        }
        const r = await city.post(`/api/campaigns/${campaignId}/selection/panels/${panelId}/assign`, {
          reviewerIds: [u.id],
          applicationIds: apps.map((a) => a.id),
        });
        expect(r.statusCode, r.body).toBe(200);
        const assigned = new Set(r.json().assigned.map((a: { applicationId: number }) => a.applicationId));
        const reviewer = await t.agent(u.username, PASSWORD);
        for (const a of apps) {
          const conflicted = own.has(a.districtId);
          expect(assigned.has(a.id)).toBe(!conflicted);
          const open = await reviewer.get(`/api/selection/review/${a.id}`);
          expect(open.statusCode).toBe(conflicted ? 404 : 200);
          if (conflicted) {
            const s = await reviewer.post(`/api/selection/review/${a.id}/scores`, {
              scores: [{ criterion: 'safety', score: 100 }],
            });
            expect(s.statusCode).toBe(404);
          }
        }
        const mine = (await reviewer.get('/api/selection/assignments/mine')).json().items;
        expect(
          mine.every(
            (m: { applicationId: number }) => !own.has(apps.find((a) => a.id === m.applicationId)?.districtId ?? -1),
          ),
        ).toBe(true);
      }),
      { numRuns: 8 },
    );
  });
});
