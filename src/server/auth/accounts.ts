/**
 * Finding an account by what a person types to sign in: a username (case-insensitive) or a mobile number. Used by
 * sign-in and by every module that must keep usernames and phones unique (people, families' registration, the CLI).
 */
import { eq, or, sql } from 'drizzle-orm';
import { normalizeMobile } from '../../domain/people/mask.js';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';

export async function findUserByLogin(db: Db, login: string) {
  const phone = normalizeMobile(login);
  const [u] = await db
    .select()
    .from(users)
    .where(
      phone
        ? or(sql`lower(${users.username}) = lower(${login})`, eq(users.phone, phone))
        : sql`lower(${users.username}) = lower(${login})`,
    )
    .limit(1);
  return u;
}
