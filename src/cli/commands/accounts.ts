/** `tuoguan create-admin` and `tuoguan reset-password <username>`: for the operator who has lost every password. */
import { eq } from 'drizzle-orm';
import { assertPasswordAcceptable, hashPassword } from '../../server/auth/passwords.js';
import { destroyUserSessions } from '../../server/auth/sessions.js';
import { findRoot } from '../../server/bootstrap.js';
import { systemContext } from '../../server/context.js';
import { roleGrants, users } from '../../server/db/schema.js';
import { AppError } from '../../server/errors.js';
import { recordEvent } from '../../server/events/audit.js';
import { findUserByLogin } from '../../server/auth/accounts.js';
import { temporaryPassword } from '../../server/modules/users/users.service.js';
import { type Command, parseOptions, UsageError } from '../command.js';
import { withDatabase } from '../db.js';

export const createAdmin: Command = {
  name: 'create-admin',
  summary: '创建市总管理员账号 / create a city administrator',
  usage: 'tuoguan create-admin --username NAME [--display-name 姓名] [--password PW]',
  async run(argv, io) {
    const { opts, positional } = parseOptions(argv, {
      username: 'string',
      'display-name': 'string',
      password: 'string',
    });
    const username = opts.username;
    if (typeof username !== 'string' || positional.length) throw new UsageError('--username is required');
    if (!/^[A-Za-z0-9_.-]{3,32}$/.test(username))
      throw new UsageError('the username must be 3–32 letters, digits, _ . or -');
    const password = typeof opts.password === 'string' ? opts.password : temporaryPassword();
    try {
      assertPasswordAcceptable(password, username);
    } catch (e) {
      if (e instanceof AppError) throw new UsageError(e.messageIn('zh-CN'));
      throw e;
    }
    const hash = await hashPassword(password);
    return withDatabase(async ({ db }) => {
      if (await findUserByLogin(db, username)) {
        io.stderr.write(`用户名 ${username} 已存在 / username taken\n`);
        return 1;
      }
      const root = await findRoot(db);
      if (!root) throw new Error('no root organisation');
      const ctx = systemContext();
      await db.transaction(async (tx) => {
        const [u] = await tx
          .insert(users)
          .values({
            username,
            displayName: typeof opts['display-name'] === 'string' ? opts['display-name'] : username,
            passwordHash: hash,
            mustChangePassword: true,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .returning();
        if (!u) throw new Error('insert failed');
        await tx.insert(roleGrants).values({ userId: u.id, role: 'city_admin', orgId: root.id, createdAt: ctx.now });
        await recordEvent(tx, ctx, {
          action: 'user.create',
          entity: 'user',
          entityId: u.id,
          orgPath: root.path,
          after: { username, role: 'city_admin', via: 'cli' },
        });
      });
      io.stdout.write(
        `created city administrator ${username}${opts.password ? '' : ` with initial password ${password}`} (must change at first login)\n`,
      );
      return 0;
    });
  },
};

export const resetPassword: Command = {
  name: 'reset-password',
  summary: '重置账号密码并解锁 / reset a password and unlock the account',
  usage: 'tuoguan reset-password <username> [--password PW]',
  async run(argv, io) {
    const { opts, positional } = parseOptions(argv, { password: 'string' });
    const [username, ...rest] = positional;
    if (!username || rest.length) throw new UsageError('reset-password needs a username');
    const password = typeof opts.password === 'string' ? opts.password : temporaryPassword();
    const hash = await hashPassword(password);
    return withDatabase(async ({ db }) => {
      const u = await findUserByLogin(db, username);
      if (!u) {
        io.stderr.write(`没有用户 ${username} / no such user\n`);
        return 1;
      }
      const ctx = systemContext();
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash: hash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: ctx.now })
          .where(eq(users.id, u.id));
        await destroyUserSessions(tx, u.id);
        await recordEvent(tx, ctx, {
          action: 'user.reset_password',
          entity: 'user',
          entityId: u.id,
          after: { via: 'cli' },
        });
      });
      io.stdout.write(
        `password of ${u.username} reset${opts.password ? '' : ` to ${password}`}; it must be changed at next login\n`,
      );
      return 0;
    });
  },
};
