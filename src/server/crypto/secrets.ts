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

/** Where the embedded setup keeps its data key when TUOGUAN_DATA_KEY is not set. */
export function dataKeyFile(dataDir: string): string {
  return path.join(dataDir, 'data.key');
}

/** A key written as 64 hex characters (a key file or TUOGUAN_DATA_KEY); `source` names it in the error. */
export function parseDataKey(hex: string, source: string): Buffer {
  const text = hex.trim();
  const k = Buffer.from(text, 'hex');
  if (k.length !== 32 || k.toString('hex') !== text.toLowerCase())
    throw new Error(`${source} must hold 64 hex characters (a 32-byte key)`);
  return k;
}

/** The configured key (TUOGUAN_DATA_KEY, else DATA_DIR/data.key), or null when there is none. Never creates one. */
export function readDataKey(opts: { dataKey?: string | undefined; dataDir: string }): Buffer | null {
  if (opts.dataKey) return parseDataKey(opts.dataKey, 'TUOGUAN_DATA_KEY');
  const file = dataKeyFile(opts.dataDir);
  if (!fs.existsSync(file)) return null;
  return parseDataKey(fs.readFileSync(file, 'utf8'), file);
}

/** The configured key; on the embedded setup's first start, a new one written to DATA_DIR/data.key. */
export function loadDataKey(opts: { dataKey?: string | undefined; dataDir: string }): Buffer {
  const existing = readDataKey(opts);
  if (existing) return existing;
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const k = randomBytes(32);
  fs.writeFileSync(dataKeyFile(opts.dataDir), k.toString('hex'), { mode: 0o600, flag: 'wx' });
  return k;
}

/**
 * Names a key without revealing it: the first 16 hex characters of HMAC-SHA256(key, a fixed label). Backups
 * record it so that a restore can tell, before writing anything, whether the target holds the key that sealed
 * the data.
 */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('tuoguan:key-fingerprint').digest('hex').slice(0, 16);
}

/** What a sealed value looks like (`v1.<iv>.<tag>.<body>`, base64url parts). */
export const SEALED_VALUE = /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/;

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
