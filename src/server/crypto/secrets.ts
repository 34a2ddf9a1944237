/**
 * Encryption of personal data at rest (children's ID numbers): AES-256-GCM with a key from TUOGUAN_DATA_KEY or,
 * for the embedded setup, a key file created once in DATA_DIR (keep it with the backups: without it the ID
 * numbers cannot be read back). A keyed hash (HMAC) finds duplicates without decrypting.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
  hash(plain: string): string;
}

export function loadDataKey(opts: { dataKey?: string | undefined; dataDir: string }): Buffer {
  if (opts.dataKey) {
    const k = Buffer.from(opts.dataKey, 'hex');
    if (k.length !== 32) throw new Error('TUOGUAN_DATA_KEY must be 64 hex characters (32 bytes)');
    return k;
  }
  const file = path.join(opts.dataDir, 'data.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const k = randomBytes(32);
  fs.writeFileSync(file, k.toString('hex'), { mode: 0o600, flag: 'wx' });
  return k;
}

export function createSealer(key: Buffer): Sealer {
  const hashKey = createHmac('sha256', key).update('tuoguan:hash').digest();
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `v1.${iv.toString('base64url')}.${c.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed) {
      const [v, iv, tag, body] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || !body) throw new Error('not a sealed value');
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
    },
    hash(plain) {
      return createHmac('sha256', hashKey).update(plain).digest('hex');
    },
  };
}
