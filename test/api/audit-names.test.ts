/** Issue 18: the audit log names people (display names), and credits a sign-in to the person who signed in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildUser, PASSWORD } from '../support/factories.js';

interface Row {
  action: string;
  actorName: string | null;
  personName: string | null;
  entityId: string | null;
}

describe('audit rows name the person', () => {
  let t: TestApp;
  let city: Agent;
  let cityName: string;
  let otherId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const c = await buildUser(db, { role: 'city_admin', orgId: t.rootId });
    cityName = c.displayName;
    city = await t.agent(c.username, PASSWORD);
    const o = await buildUser(db, { role: 'city_admin', orgId: t.rootId });
    otherId = o.id;
    await t.agent(o.username, PASSWORD);
  });
  afterAll(() => t.close());

  it('401 anonymous; 400 for a bad page', async () => {
    expect((await t.anonymous().get('/api/audit')).statusCode).toBe(401);
    expect((await city.get('/api/audit?page=0')).statusCode).toBe(400);
  });

  it('a sign-in is credited to the person who signed in, by their name', async () => {
    const rows = (await city.get('/api/audit?action=auth.login&pageSize=50')).json().items as Row[];
    const theirs = rows.find((r) => r.entityId === String(otherId));
    expect(theirs?.actorName).toBeNull();
    expect(theirs?.personName).toMatch(/^测试用户/);
    const mine = rows.filter((r) => r.personName === cityName);
    expect(mine.length).toBeGreaterThan(0);
  });
});
