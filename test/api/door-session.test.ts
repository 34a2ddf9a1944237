/**
 * The door's tap reads the caller's session together with the fast path's first read (the auth hook's
 * `sessionWith`). Whatever that read finds, the session must be admitted or refused exactly as on any other route,
 * and nothing may be written for a refused one.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceEvents, organizations, sessions, users } from '../../src/server/db/schema.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';

describe('the door tap and its session', () => {
  let t: TestApp;
  let rc: RunningClass;
  let other: RunningClass;
  /** The prepared statements (by name) and raw SQL run, in order: a pass-through record, not a stand-in. */
  let statements: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    rc = await buildRunningClass(t, { children: 8 });
    other = await buildRunningClass(t, { children: 1 });
    const prepared = t.database.prepared.bind(t.database);
    t.database.prepared = (async (name: string, text: string, values: unknown[]) => {
      statements.push(name || '(unnamed)');
      return prepared(name, text, values);
    }) as typeof t.database.prepared;
    const db = t.database.db;
    const execute = db.execute.bind(db);
    db.execute = ((query: Parameters<typeof execute>[0]) => {
      statements.push('(execute)');
      return execute(query);
    }) as typeof db.execute;
  });
  afterAll(() => t.close());

  const child = (i: number) => rc.children[i]?.id as number;
  const tap = (agent: Agent, childId: number) =>
    agent.post('/api/attendance/events', {
      deviceId: 'phone-1',
      events: [
        {
          clientId: randomUUID(),
          classId: rc.classId,
          childId,
          kind: 'check_in',
          occurredAt: t.clock.now.toISOString(),
        },
      ],
    });
  const stored = async (childId: number) =>
    (
      await t.database.db
        .select({ id: attendanceEvents.id })
        .from(attendanceEvents)
        .where(and(eq(attendanceEvents.classId, rc.classId), eq(attendanceEvents.childId, childId)))
    ).length;
  it('a tap is two statements, the session read with the day, and the session is touched as anywhere else', async () => {
    const agent = await rc.head.login();
    t.clock.advance(2 * 60_000);
    statements = [];
    const res = await tap(agent, child(0));
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0]).toMatchObject({ outcome: 'applied' });
    expect(statements).toEqual(['door_fast_read_one', 'door_fast_write']);
    expect(await stored(child(0))).toBe(1);
    // The session's last_seen_at moved to now: the admitted row went through the same touch.
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.userId, rc.head.userId));
    expect(rows.some((s) => s.lastSeenAt.getTime() === t.clock.now.getTime())).toBe(true);
  });

  it('a wrong or missing CSRF token: 403 and nothing written', async () => {
    const agent = await rc.head.login();
    const csrf = agent.csrf;
    agent.csrf = 'forged';
    const wrong = await tap(agent, child(1));
    agent.csrf = null;
    const missing = await tap(agent, child(1));
    agent.csrf = csrf;
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('CSRF_FAILED');
    expect(missing.statusCode).toBe(403);
    expect(await stored(child(1))).toBe(0);
  });

  it('an idle session: 401 SESSION_EXPIRED, the session deleted, nothing written', async () => {
    const agent = await rc.head.login();
    const before = await t.database.db.select().from(sessions).where(eq(sessions.userId, rc.head.userId));
    t.clock.advance(31 * 60_000);
    const res = await tap(agent, child(2));
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
    expect(await stored(child(2))).toBe(0);
    const after = await t.database.db.select().from(sessions).where(eq(sessions.userId, rc.head.userId));
    expect(after.length).toBeLessThan(before.length);
    // Signed in afresh, the same tap goes through.
    expect((await tap(await rc.head.login(), child(2))).json().results[0].outcome).toBe('applied');
  });

  it('an unknown cookie, a deactivated person, a password to change: refused, nothing written', async () => {
    const stranger = t.anonymous();
    stranger.cookie = 'tg_sid=not-a-session';
    stranger.csrf = 'x';
    expect((await tap(stranger, child(3))).statusCode).toBe(401);

    const agent = await rc.head.login();
    await t.database.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, rc.head.userId));
    const change = await tap(agent, child(3));
    expect(change.statusCode).toBe(403);
    expect(change.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.database.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, rc.head.userId));

    await t.database.db.update(users).set({ active: false }).where(eq(users.id, rc.head.userId));
    const gone = await tap(agent, child(3));
    await t.database.db.update(users).set({ active: true }).where(eq(users.id, rc.head.userId));
    expect(gone.statusCode).toBe(401);
    expect(await stored(child(3))).toBe(0);
  });

  it('staff of another unit, or of a deactivated unit, do not work this door', async () => {
    const outsider = await other.head.login();
    const res = await tap(outsider, child(4));
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0].outcome).toBe('refused');
    expect(await stored(child(4))).toBe(0);

    const agent = await rc.head.login();
    await t.database.db.update(organizations).set({ active: false }).where(eq(organizations.id, rc.unitId));
    try {
      const closed = await tap(agent, child(4));
      expect(closed.statusCode).toBe(200);
      expect(closed.json().results[0].outcome).toBe('refused');
      expect(await stored(child(4))).toBe(0);
    } finally {
      await t.database.db.update(organizations).set({ active: true }).where(eq(organizations.id, rc.unitId));
    }
    expect((await tap(agent, child(4))).json().results[0].outcome).toBe('applied');
  });
});
