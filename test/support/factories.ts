/**
 * Test data builders (`buildX(overrides)`), writing straight to the database so that each test states only what
 * matters to it. People share one precomputed password hash: argon2 is deliberately slow.
 */
import { eq } from 'drizzle-orm';
import { creditCodeCheckChar } from '../../src/domain/org/creditCode.js';
import type { OrgKind, UnitType } from '../../src/domain/org/orgKinds.js';
import type { Role } from '../../src/domain/people/roles.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import type { Db } from '../../src/server/db/client.js';
import { organizations, roleGrants, users } from '../../src/server/db/schema.js';

export const PASSWORD = 'Correct-Horse-9';
let hashed: Promise<string> | null = null;
let seq = 0;

/** A valid credit code made unique by a counter. */
export function makeCreditCode(n: number): string {
  const body = `91370102${String(n).padStart(9, '0')}`;
  return body + creditCodeCheckChar(body);
}

export async function buildOrg(
  db: Db,
  o: { parentId: number; kind?: OrgKind; name?: string; unitType?: UnitType | null; active?: boolean },
) {
  const [parent] = await db.select().from(organizations).where(eq(organizations.id, o.parentId));
  if (!parent) throw new Error(`no parent ${o.parentId}`);
  const kind = o.kind ?? (parent.kind === 'city' ? 'district' : 'unit');
  seq++;
  const [row] = await db
    .insert(organizations)
    .values({
      parentId: parent.id,
      path: '',
      kind,
      unitType: kind === 'unit' ? (o.unitType ?? 'enterprise') : null,
      name: o.name ?? `${kind === 'unit' ? '测试单位' : '测试区总工会'}${seq}`,
      creditCode: makeCreditCode(100000 + seq + Math.floor(Math.random() * 1e6) * 1000),
      active: o.active ?? true,
    })
    .returning();
  if (!row) throw new Error('insert failed');
  const [withPath] = await db
    .update(organizations)
    .set({ path: `${parent.path}${row.id}/` })
    .where(eq(organizations.id, row.id))
    .returning();
  if (!withPath) throw new Error('update failed');
  return withPath;
}

export async function buildUser(
  db: Db,
  u: {
    role: Role;
    orgId: number;
    username?: string;
    phone?: string | null;
    active?: boolean;
    mustChangePassword?: boolean;
  },
) {
  hashed ??= hashPassword(PASSWORD);
  seq++;
  const [row] = await db
    .insert(users)
    .values({
      username: u.username ?? `user${seq}_${Math.floor(Math.random() * 1e6)}`,
      displayName: `测试用户${seq}`,
      phone: u.phone ?? null,
      passwordHash: await hashed,
      active: u.active ?? true,
      mustChangePassword: u.mustChangePassword ?? false,
    })
    .returning();
  if (!row) throw new Error('insert failed');
  await db.insert(roleGrants).values({ userId: row.id, role: u.role, orgId: u.orgId });
  return row;
}
