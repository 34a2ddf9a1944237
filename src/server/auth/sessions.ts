/**
 * Server-side sessions: the cookie carries a random token, the database keeps its SHA-256, the user, a CSRF
 * token, and the times that enforce the idle (30 min) and absolute (12 h) limits. A new session is made at every
 * login (no fixation); deactivating a person deletes all their sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { organizations, roleGrants, sessions, users } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { Role } from '../../domain/people/roles.js';

export const SESSION_COOKIE = 'tg_sid';

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function createSession(
  db: Db,
  userId: number,
  now: Date,
  limits: SessionLimits,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; sessionId: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const id = sha256(token);
  await db.insert(sessions).values({
    id,
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + limits.absoluteHours * 3600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, sessionId: id };
}

export type SessionLookup =
  | { ok: true; actor: Actor; csrfToken: string }
  | { ok: false; reason: 'missing' | 'expired' };

export async function loadSession(db: Db, token: string, now: Date, limits: SessionLimits): Promise<SessionLookup> {
  const id = sha256(token);
  const [row] = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return { ok: false, reason: 'missing' };
  const idleLimit = row.s.lastSeenAt.getTime() + limits.idleMinutes * 60_000;
  if (!row.u.active || now.getTime() >= row.s.expiresAt.getTime() || now.getTime() >= idleLimit) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { ok: false, reason: row.u.active ? 'expired' : 'missing' };
  }
  // Touch at most once a minute: enough precision for a 30-minute idle limit, far fewer writes.
  if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const grants = await loadGrants(db, row.u.id);
  return {
    ok: true,
    csrfToken: row.s.csrfToken,
    actor: {
      userId: row.u.id,
      username: row.u.username,
      displayName: row.u.displayName,
      grants,
      sessionId: id,
      totpEnabled: row.u.totpEnabled,
      mustChangePassword: row.u.mustChangePassword,
    },
  };
}

/** A person's grants on active organisations, with each node's path. */
export async function loadGrants(db: Db, userId: number): Promise<Actor['grants']> {
  const rows = await db
    .select({ role: roleGrants.role, orgId: roleGrants.orgId, orgPath: organizations.path })
    .from(roleGrants)
    .innerJoin(organizations, eq(organizations.id, roleGrants.orgId))
    .where(and(eq(roleGrants.userId, userId), eq(organizations.active, true)));
  return rows.map((r) => ({ role: r.role as Role, orgId: r.orgId, orgPath: r.orgPath }));
}

export async function destroySession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function destroyUserSessions(db: Db, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Housekeeping: removes sessions past either limit. */
export async function purgeExpiredSessions(db: Db, now: Date, limits: SessionLimits): Promise<void> {
  const idleCutoff = new Date(now.getTime() - limits.idleMinutes * 60_000);
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)));
}
