/**
 * First start: creates the root organisation (the city federation, named by TUOGUAN_ORG_NAME) and the city
 * administrator `admin`, whose initial password is ADMIN_PASSWORD or a random one shown once; the first login
 * must change it. Does nothing on a database that already has its root.
 */
import { eq, isNull } from 'drizzle-orm';
import { hashPassword } from './auth/passwords.js';
import type { Config } from './config.js';
import { systemContext } from './context.js';
import type { Db } from './db/client.js';
import { organizations, roleGrants, users } from './db/schema.js';
import { recordEvent } from './events/audit.js';
import { temporaryPassword } from './modules/users/users.service.js';

export interface BootstrapResult {
  rootId: number;
  created: boolean;
  /** Set only when a random password was generated: print it once. */
  generatedPassword?: string;
}

export async function findRoot(db: Db) {
  const [root] = await db.select().from(organizations).where(isNull(organizations.parentId)).limit(1);
  return root;
}

export async function bootstrap(db: Db, config: Pick<Config, 'orgName' | 'adminPassword'>): Promise<BootstrapResult> {
  const existing = await findRoot(db);
  if (existing) return { rootId: existing.id, created: false };
  const password = config.adminPassword ?? temporaryPassword();
  const passwordHash = await hashPassword(password);
  const ctx = systemContext();
  return db.transaction(async (tx) => {
    const [root] = await tx
      .insert(organizations)
      .values({ path: '', kind: 'city', name: config.orgName, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    if (!root) throw new Error('could not create the root organisation');
    const path = `/${root.id}/`;
    await tx.update(organizations).set({ path }).where(eq(organizations.id, root.id));
    await recordEvent(tx, ctx, {
      action: 'org.create',
      entity: 'org',
      entityId: root.id,
      orgPath: path,
      after: { ...root, path },
    });
    const [admin] = await tx
      .insert(users)
      .values({
        username: 'admin',
        displayName: '系统管理员',
        passwordHash,
        mustChangePassword: true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!admin) throw new Error('could not create the administrator');
    await tx.insert(roleGrants).values({ userId: admin.id, role: 'city_admin', orgId: root.id, createdAt: ctx.now });
    await recordEvent(tx, ctx, {
      action: 'user.create',
      entity: 'user',
      entityId: admin.id,
      orgPath: path,
      after: { username: 'admin', role: 'city_admin', orgId: root.id },
    });
    return { rootId: root.id, created: true, ...(config.adminPassword ? {} : { generatedPassword: password }) };
  });
}
