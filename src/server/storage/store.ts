/** What a file store is (local disk or S3-compatible): the contract both stores keep. */
import type { Readable } from 'node:stream';

export interface FileStore {
  /** Stores bytes under a new key; refuses to overwrite an existing key. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes of a stored key, as a stream (large files) or a buffer. Throws `StoredFileMissingError`. */
  get(key: string): Promise<Readable | Buffer>;
  /**
   * Removes a key; a key already gone is not an error (a retried erasure must succeed). Files are evidence and
   * are otherwise never removed: this is for personal data whose retention has ended (the privacy purge).
   */
  delete(key: string): Promise<void>;
}

export class StoredFileMissingError extends Error {
  constructor(key: string) {
    super(`stored file ${key} is missing`);
  }
}
