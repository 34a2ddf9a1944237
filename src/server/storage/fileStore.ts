/**
 * Where uploaded bytes live (证明材料存储). Owns one small interface, `FileStore`, and its local-disk implementation
 * under `<DATA_DIR>/files/`. Callers never see paths: they hand over bytes and get them back by a key the server
 * chose (`newStorageKey`), so a client filename can never steer where anything is written.
 *
 * The S3-compatible store (s3Store.ts: MinIO, OSS, COS, AWS) implements the same two methods and is picked in
 * `openFileStore` by configuration. Keep the interface this narrow so that every implementation stays a drop-in:
 * no listing, no paths, and delete only for the privacy purge (files are evidence and are otherwise never removed).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { type S3Config, S3FileStore } from './s3Store.js';
import { type FileStore, StoredFileMissingError } from './store.js';

export { type FileStore, StoredFileMissingError } from './store.js';

// Keys look like `2026/06/3f9c…` (month folders keep directories small); nothing else is ever accepted, which
// rules out `..`, absolute paths and odd characters even if a key were ever taken from outside.
const KEY_PATTERN = /^\d{4}\/\d{2}\/[0-9a-f]{32}$/;

/** A fresh, unguessable key. The month comes from the request clock, so tests with a fixed clock stay tidy. */
export function newStorageKey(now: Date): string {
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  return `${month}/${randomBytes(16).toString('hex')}`;
}

function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
}

/** Files on the local disk. Writes go to a temporary name first and are renamed, so a reader never sees half a file. */
export class LocalDiskFileStore implements FileStore {
  constructor(readonly root: string) {}

  pathOf(key: string): string {
    checkKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o750 });
    const tmp = `${target}.${process.pid}.tmp`;
    // 'wx': a key is never reused; colliding with an existing file is a bug, not something to overwrite.
    await fs.promises.writeFile(tmp, bytes, { flag: 'wx', mode: 0o640 });
    try {
      await fs.promises.link(tmp, target);
    } finally {
      await fs.promises.rm(tmp, { force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    const p = this.pathOf(key);
    // Open first so that a missing file fails here, before any response header has been sent.
    const handle = await fs.promises.open(p, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new StoredFileMissingError(key);
      throw err;
    });
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}

/** A store seen as whole files, for backup and restore: the bytes of a key, or null when the store lacks it. */
export function wholeFiles(store: FileStore): {
  read(key: string): Promise<Buffer | null>;
  write(key: string, bytes: Buffer): Promise<void>;
} {
  return {
    async read(key) {
      let body: Readable | Buffer;
      try {
        body = await store.get(key);
      } catch (e) {
        if (e instanceof StoredFileMissingError) return null;
        throw e;
      }
      if (Buffer.isBuffer(body)) return body;
      const chunks: Buffer[] = [];
      for await (const c of body) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
      return Buffer.concat(chunks);
    },
    write: (key, bytes) => store.put(key, bytes),
  };
}

/** Where the configured store keeps files, for backups: their bytes are copied from a local store, named for S3. */
export function describeFileStore(config: {
  dataDir: string;
  s3?: S3Config | null;
}): { kind: 'local'; root: string } | { kind: 's3'; endpoint: string; bucket: string } {
  if (config.s3) return { kind: 's3', endpoint: config.s3.endpoint, bucket: config.s3.bucket };
  return { kind: 'local', root: path.join(config.dataDir, 'files') };
}

/** The store the server uses: S3-compatible when configured (S3_BUCKET …), else the local disk under DATA_DIR. */
export function openFileStore(config: { dataDir: string; s3?: S3Config | null }): FileStore {
  if (config.s3) return new S3FileStore(config.s3);
  return new LocalDiskFileStore(path.join(config.dataDir, 'files'));
}
