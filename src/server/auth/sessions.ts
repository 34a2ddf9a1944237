/**
 * Server-side sessions: the cookie carries a random token, the database keeps its SHA-256, the user, a CSRF
 * token, and the times that enforce the idle (30 min) and absolute (12 h) limits. A new session is made at every
 * login (no fixation); deactivating a person deletes all their sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { organizations, roleGrants, sessions } from '../db/schema.js';
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
  const id = sessionIdOf(token);
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

/** A session as `SESSION_SELECT` reads it (also embedded in a route's own first read, see `sessionWith`). */
export interface SessionRow {
  user_id: number;
  csrf_token: string;
  last_seen_at: string | Date;
  expires_at: string | Date;
  active: boolean;
  username: string;
  display_name: string;
  totp_enabled: boolean;
  must_change_password: boolean;
  grants: { role: Role; orgId: number; orgPath: string }[] | string;
}

/** The session id the database keeps for a cookie's token. */
export const sessionIdOf = (token: string): string => sha256(token);

/**
 * The session, its person and their grants on active organisations, as one row: complete it with
 * `WHERE s.id = … ${SESSION_GROUP}`. Every authenticated request pays for this, so it is one query, not three.
 */
export const SESSION_SELECT = `
    SELECT s.user_id, s.csrf_token, s.last_seen_at, s.expires_at,
           u.active, u.username, u.display_name, u.totp_enabled, u.must_change_password,
           coalesce(json_agg(json_build_object('role', g.role, 'orgId', g.org_id, 'orgPath', o.path))
                    FILTER (WHERE o.id IS NOT NULL), '[]') AS grants
      FROM sessions s
      JOIN users u ON u.id = s.user_id
      LEFT JOIN role_grants g ON g.user_id = u.id
      LEFT JOIN organizations o ON o.id = g.org_id AND o.active`;
export const SESSION_GROUP = 'GROUP BY s.id, u.id';

export async function loadSession(db: Db, token: string, now: Date, limits: SessionLimits): Promise<SessionLookup> {
  const id = sessionIdOf(token);
  const res = (await db.execute(
    sql`${sql.raw(SESSION_SELECT)} WHERE s.id = ${id} ${sql.raw(SESSION_GROUP)}`,
  )) as unknown as { rows: SessionRow[] };
  return admitSession(db, id, res.rows[0], now, limits);
}

/**
 * Decides on a session row however it was read: gone, idle or past its absolute limit, or its person deactivated
 * means no session (and the row is deleted); otherwise the actor, touching `last_seen_at` at most once a minute.
 */
export async function admitSession(
  db: Db,
  id: string,
  row: SessionRow | undefined,
  now: Date,
  limits: SessionLimits,
): Promise<SessionLookup> {
  if (!row) return { ok: false, reason: 'missing' };
  const lastSeen = new Date(row.last_seen_at).getTime();
  const expires = new Date(row.expires_at).getTime();
  if (!row.active || now.getTime() >= expires || now.getTime() >= lastSeen + limits.idleMinutes * 60_000) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { ok: false, reason: row.active ? 'expired' : 'missing' };
  }
  // Touch at most once a minute: enough precision for a 30-minute idle limit, far fewer writes.
  if (now.getTime() - lastSeen > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const grants =
    typeof row.grants === 'string' ? (JSON.parse(row.grants) as SessionRow['grants'] & object[]) : row.grants;
  return {
    ok: true,
    csrfToken: row.csrf_token,
    actor: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      grants: (grants as { role: Role; orgId: number; orgPath: string }[]).map((g) => ({
        role: g.role,
        orgId: g.orgId,
        orgPath: g.orgPath,
      })),
      sessionId: id,
      totpEnabled: row.totp_enabled,
      mustChangePassword: row.must_change_password,
    },
  };
}

/** A person's grants on active organisations, with each node's path. */
export async function loadGrants(db: Db, userId: number): Promise<Actor['grants']> {
  return db
    .select({ role: roleGrants.role, orgId: roleGrants.orgId, orgPath: organizations.path })
    .from(roleGrants)
    .innerJoin(organizations, eq(organizations.id, roleGrants.orgId))
    .where(and(eq(roleGrants.userId, userId), eq(organizations.active, true)));
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
