/**
 * Reading and recording the children a good-practice case photo shows (GET/POST /api/public/photos/:id/children),
 * the console's "children in photo" widget's API: 401 without a session, "not found" to those who may not read the
 * case; names only for the city (who records); each child's publicity consent; and the photo's public state, which
 * is the public site's own rule: a photo with a recorded child without consent is "not shown publicly" and the
 * public pages leave it out until that guardian consents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { buildPublicWorld, type PublicWorld } from '../support/public-world.js';

describe('the children in a case photo', () => {
  let t: TestApp;
  let w: PublicWorld;
  const url = () => `/api/public/photos/${w.photos.unrecorded}/children`;
  const photo = () => `/public/photos/${w.photos.unrecorded}`;
  const casePage = async () => (await t.anonymous().get(`/public/cases/${w.caseId}`)).body;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildPublicWorld(t);
  }, 120_000);
  afterAll(async () => t.close());

  it('401 without a session; not found outside the case; not found for a file that is no case photo', async () => {
    expect((await t.anonymous().get(url())).statusCode).toBe(401);
    const other = await buildOrg(t.database.db, { parentId: t.rootId, name: '另一个区总工会' });
    const stranger = await buildUser(t.database.db, { role: 'district_admin', orgId: other.id });
    expect((await (await t.agent(stranger.username, PASSWORD)).get(url())).statusCode).toBe(404);
    expect((await w.cityA.get('/api/public/photos/99999999/children')).statusCode).toBe(404);
  });

  it('the city sees the class children with names and consent; a district reader sees the record without names', async () => {
    const city = await w.cityA.get(url());
    expect(city.statusCode, city.body).toBe(200);
    const c = city.json();
    expect(c.canRecord).toBe(true);
    expect(c.shownPublicly).toBe(false);
    expect(c.hiddenBecause).toBe('unrecorded');
    expect(c.recorded).toEqual([]);
    expect(c.candidates.map((x: { childId: number }) => x.childId).sort()).toEqual(
      w.rc.children.map((k) => k.id).sort(),
    );
    expect(c.candidates.map((x: { name: string }) => x.name)).toContain(w.rc.children[2]?.name);
    expect(c.candidates.every((x: { consent: boolean }) => x.consent === false)).toBe(true);

    const recorded = (await w.cityA.get(`/api/public/photos/${w.photos.recorded}/children`)).json();
    expect(recorded.recorded.map((x: { childId: number }) => x.childId)).toEqual(w.shownChildIds);
    expect(recorded.hiddenBecause).toBe('consent');

    const district = await (await w.rc.districtAdmin.login()).get(`/api/public/photos/${w.photos.recorded}/children`);
    expect(district.statusCode).toBe(200);
    const d = district.json();
    expect(d.canRecord).toBe(false);
    expect(d.candidates).toEqual([]);
    expect(d.recorded).toHaveLength(2);
    expect(d.recorded.every((x: { name: string | null }) => x.name === null)).toBe(true);
    expect(district.body).not.toContain(w.rc.children[0]?.name ?? '--');
  });

  it('a recorded child without consent keeps the photo off the site until the guardian consents', async () => {
    const kid = w.rc.children[2];
    if (!kid) throw new Error('no third child');
    const rec = await w.cityA.post(url(), { childIds: [kid.id] });
    expect(rec.statusCode, rec.body).toBe(200);
    let s = (await w.cityA.get(url())).json();
    expect(s.recorded).toEqual([{ childId: kid.id, name: kid.name, consent: false, recorded: true }]);
    expect(s.shownPublicly).toBe(false);
    expect(s.hiddenBecause).toBe('consent');
    expect(await casePage()).not.toContain(photo());
    expect((await t.anonymous().get(photo())).statusCode).toBe(404);

    const guardian = await t.agent(kid.guardianUsername, PASSWORD);
    const g = await guardian.post('/api/family/consents/grant', {
      childId: kid.id,
      kind: 'publicity',
      privacyNoticeVersion: '2026-1',
    });
    expect(g.statusCode, g.body).toBe(200);
    s = (await w.cityA.get(url())).json();
    expect(s.recorded[0].consent).toBe(true);
    expect(s.shownPublicly).toBe(true);
    expect(s.hiddenBecause).toBeNull();
    expect(await casePage()).toContain(photo());
    expect((await t.anonymous().get(photo())).statusCode).toBe(200);
  });
});
