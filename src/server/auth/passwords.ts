/**
 * Password hashing (argon2id) and the password rules: at least 8 characters, not one of the 10,000 most common
 * passwords, not the username.
 */
import fs from 'node:fs';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.js';

const ARGON = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  if (!common) {
    const text = fs.readFileSync(new URL('./data/common-passwords.txt', import.meta.url), 'utf8');
    common = new Set(
      text
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.trim().toLowerCase()),
    );
  }
  return common;
}

export function isCommonPassword(pw: string): boolean {
  return commonPasswords().has(pw.toLowerCase());
}

/** Throws WEAK_PASSWORD with the reason in both languages. */
export function assertPasswordAcceptable(pw: string, username?: string): void {
  const fail = (zh: string, en: string) => {
    throw new AppError('WEAK_PASSWORD', { details: { zh, en } });
  };
  if (pw.length < 8) fail('密码至少 8 个字符', 'The password must have at least 8 characters');
  if (pw.length > 128) fail('密码最多 128 个字符', 'The password may have at most 128 characters');
  if (isCommonPassword(pw)) fail('密码过于常见，请换一个', 'This password is too common; choose another');
  if (username && pw.toLowerCase() === username.toLowerCase())
    fail('密码不能与用户名相同', 'The password may not be the username');
}

export function hashPassword(pw: string): Promise<string> {
  return hash(pw, ARGON);
}

// Verifying against this when the user does not exist keeps the response time the same, so that timing does not
// tell which usernames exist.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(stored: string | null, pw: string): Promise<boolean> {
  try {
    dummyHash ??= hashPassword('not-a-real-password-0');
    return await verify(stored ?? (await dummyHash), pw);
  } catch {
    return false;
  }
}
