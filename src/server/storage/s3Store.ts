/**
 * An S3-compatible object store (AWS S3, MinIO, Aliyun OSS, Tencent COS …) behind the same two-method `FileStore`
 * interface, signed with AWS Signature V4 (aws4fetch). Chosen by configuration (S3_BUCKET and friends). Objects
 * are written with `If-None-Match: *` where the store supports it, so a key is never overwritten.
 */
import { AwsClient } from 'aws4fetch';
import { type FileStore, StoredFileMissingError } from './store.js';

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` (MinIO and most self-hosted stores) rather than `https://bucket.endpoint/key`. */
  pathStyle: boolean;
}

const KEY_PATTERN = /^\d{4}\/\d{2}\/[0-9a-f]{32}$/;

export class S3FileStore implements FileStore {
  private readonly client: AwsClient;
  constructor(private readonly cfg: S3Config) {
    this.client = new AwsClient({
      accessKeyId: cfg.accessKeyId,
      secretAccessKey: cfg.secretAccessKey,
      region: cfg.region,
      service: 's3',
    });
  }

  private url(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
    const base = this.cfg.endpoint.replace(/\/+$/, '');
    if (this.cfg.pathStyle) return `${base}/${this.cfg.bucket}/${key}`;
    const u = new URL(base);
    u.hostname = `${this.cfg.bucket}.${u.hostname}`;
    return `${u.toString().replace(/\/+$/, '')}/${key}`;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const res = await this.client.fetch(this.url(key), {
      method: 'PUT',
      body: new Uint8Array(bytes),
      headers: { 'content-type': 'application/octet-stream', 'if-none-match': '*' },
    });
    if (!res.ok) throw new Error(`S3 PUT ${key} failed: ${res.status} ${(await res.text()).slice(0, 200)}`);
  }

  async get(key: string): Promise<Buffer> {
    const res = await this.client.fetch(this.url(key), { method: 'GET' });
    if (res.status === 404) throw new StoredFileMissingError(key);
    if (!res.ok) throw new Error(`S3 GET ${key} failed: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const res = await this.client.fetch(this.url(key), { method: 'DELETE' });
    // S3 answers 204 whether or not the key existed; some compatible stores answer 404 for a missing key.
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key} failed: ${res.status}`);
  }
}

export function s3ConfigFromEnv(env: NodeJS.ProcessEnv): S3Config | null {
  if (!env.S3_BUCKET) return null;
  const need = (k: string) => {
    const v = env[k];
    if (!v) throw new Error(`${k} is required when S3_BUCKET is set`);
    return v;
  };
  return {
    endpoint: need('S3_ENDPOINT'),
    bucket: env.S3_BUCKET,
    region: env.S3_REGION ?? 'us-east-1',
    accessKeyId: need('S3_ACCESS_KEY_ID'),
    secretAccessKey: need('S3_SECRET_ACCESS_KEY'),
    pathStyle: env.S3_PATH_STYLE !== 'false',
  };
}
