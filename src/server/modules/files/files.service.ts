/**
 * Keeping uploaded evidence: the bytes go to the file store under a server-chosen key, the metadata to `files`
 * with its audit event in one transaction. Owner modules (venues, counterparties) call `attachFile` after they
 * have loaded and authorised the owner; files are never deleted.
 */
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { files } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { type FileStore, newStorageKey } from '../../storage/fileStore.js';
import type { CheckedUpload } from '../../storage/upload.js';
import type { FileRow } from './files.repo.js';
import type { FileDto } from './files.schema.js';

export interface FileOwner {
  /** `venue` | `counterparty`: the download route resolves visibility through this type's scoped loader. */
  ownerType: string;
  ownerId: number;
  orgId: number;
  /** The owner's org path, so the audit row is scoped like the owner. */
  orgPath: string;
}

export function presentFile(f: FileRow): FileDto {
  return {
    id: f.id,
    ownerType: f.ownerType,
    ownerId: f.ownerId,
    purpose: f.purpose,
    filename: f.filename,
    contentType: f.contentType,
    size: f.size,
    sha256: f.sha256,
    uploadedBy: f.uploadedBy,
    createdAt: f.createdAt,
    url: `/api/files/${f.id}`,
  };
}

export async function attachFile(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  owner: FileOwner,
  purpose: string,
  upload: CheckedUpload,
): Promise<FileRow> {
  const storageKey = newStorageKey(ctx.now);
  // Bytes first, row second: a failed transaction leaves at worst an unreferenced blob, never a row without bytes.
  await store.put(storageKey, upload.bytes);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(files)
      .values({
        orgId: owner.orgId,
        ownerType: owner.ownerType,
        ownerId: owner.ownerId,
        purpose,
        filename: upload.filename,
        contentType: upload.contentType,
        size: upload.size,
        sha256: upload.sha256,
        storageKey,
        uploadedBy: ctx.actor?.userId ?? null,
        createdAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    const { storageKey: _k, ...shown } = row;
    await recordEvent(tx, ctx, {
      action: 'file.upload',
      entity: 'file',
      entityId: row.id,
      orgPath: owner.orgPath,
      after: shown,
    });
    return row;
  });
}
