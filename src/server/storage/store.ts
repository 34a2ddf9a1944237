/** What a file store is (local disk or S3-compatible): the contract both stores keep. */
import type { Readable } from 'node:stream';

export interface FileStore {
  /** Stores bytes under a new key; refuses to overwrite an existing key. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes of a stored key, as a stream (large files) or a buffer. Throws `StoredFileMissingError`. */
  get(key: string): Promise<Readable | Buffer>;
}

export class StoredFileMissingError extends Error {
  constructor(key: string) {
    super(`stored file ${key} is missing`);
  }
}
