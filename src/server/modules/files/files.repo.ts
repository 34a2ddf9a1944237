/**
 * Reading file metadata. A file row has no org path of its own to scope by: its visibility is its owner's, so
 * the one lookup by id is `unsafe…` and every caller must check the owner through the owner's scoped loader.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { files } from '../../db/schema.js';

export type FileRow = typeof files.$inferSelect;

/** Skips scoping: the download route checks the owner right after. */
export async function unsafeFindFileById(db: Db, id: number): Promise<FileRow | undefined> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row;
}

/** The files of one owner; call only with an owner already loaded through its scoped loader. */
export async function filesOfOwner(db: Db, ownerType: string, ownerId: number, purpose?: string): Promise<FileRow[]> {
  return db
    .select()
    .from(files)
    .where(
      and(
        eq(files.ownerType, ownerType),
        eq(files.ownerId, ownerId),
        purpose === undefined ? undefined : eq(files.purpose, purpose),
      ),
    )
    .orderBy(asc(files.id));
}
