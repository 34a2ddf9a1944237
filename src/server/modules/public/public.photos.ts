/**
 * Which photos the public site may show, decided by the query at every render and every photo request.
 *
 * The only photos that can reach the site are those of good-practice cases the city published (`practice_case`
 * files); class daily records and activity photos never do. The uploader of a case photo says whether children are
 * shown (purpose `photo` = none, `photo_children_consented` = some, with a statement that families consented);
 * `public_photo_children` records which children a photo shows. The rule, safest first:
 * 1. a photo with recorded children is shown only while EVERY recorded child has a publicity consent in force
 *    (`consents.kind = 'publicity'`, not withdrawn) — a withdrawal takes it off the site at the next request;
 * 2. a photo with no recorded children is shown only if its uploader marked it "no children shown" (`photo`);
 * 3. a photo marked as showing children but with no child recorded is never shown: the uploader's statement
 *    alone cannot be checked against a consent, nor withdrawn by a parent.
 * Photos are served from /public/photos/:id with no filename (it might name someone) and revalidated on every
 * view (no-cache + ETag), so a browser never keeps showing a photo that has left the site.
 */
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { files, practiceCases } from '../../db/schema.js';
import type { App, Deps } from '../../deps.js';
import { openFileStore } from '../../storage/fileStore.js';
import { PUBLIC_PAGE_LIMIT } from './layout.js';

export const CASE_OWNER = 'practice_case';
export const NO_CHILDREN = 'photo';
export const WITH_CHILDREN = 'photo_children_consented';
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/** True for a file the public site may show now (see the rule above). */
export const photoIsPublic: SQL = sql`(
  ${files.ownerType} = ${CASE_OWNER}
  AND ${files.contentType} IN (${sql.join(
    IMAGE_TYPES.map((t) => sql`${t}`),
    sql`, `,
  )})
  AND EXISTS (SELECT 1 FROM practice_cases pc WHERE pc.id = ${files.ownerId} AND pc.published)
  AND CASE
    WHEN EXISTS (SELECT 1 FROM public_photo_children pp WHERE pp.file_id = ${files.id})
      THEN NOT EXISTS (
        SELECT 1 FROM public_photo_children pp
        WHERE pp.file_id = ${files.id}
          AND NOT EXISTS (
            SELECT 1 FROM consents c
            WHERE c.child_id = pp.child_id AND c.kind = 'publicity' AND c.withdrawn_at IS NULL))
    ELSE ${files.purpose} = ${NO_CHILDREN}
  END)`;

export interface PublicPhoto {
  id: number;
  ownerId: number;
  url: string;
  alt: string;
}

const present = (r: { id: number; ownerId: number }): PublicPhoto => ({
  id: r.id,
  ownerId: r.ownerId,
  url: `/public/photos/${r.id}`,
  alt: '托管班活动照片',
});

/** The public photos of these published cases, in upload order. */
export async function publicPhotosOfCases(db: Db, caseIds: readonly number[]): Promise<PublicPhoto[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .select({ id: files.id, ownerId: files.ownerId })
    .from(files)
    .where(and(eq(files.ownerType, CASE_OWNER), inArray(files.ownerId, [...caseIds]), photoIsPublic))
    .orderBy(asc(files.id));
  return rows.map(present);
}

/** The public photos of a class (those of its published cases). */
export async function publicPhotosOfClass(db: Db, classId: number): Promise<PublicPhoto[]> {
  const rows = await db
    .select({ id: files.id, ownerId: files.ownerId })
    .from(files)
    .innerJoin(practiceCases, eq(practiceCases.id, files.ownerId))
    .where(and(eq(practiceCases.classId, classId), photoIsPublic))
    .orderBy(asc(files.id))
    .limit(12);
  return rows.map(present);
}

export async function publicPhotoRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  app.get(
    '/public/photos/:id',
    { config: { auth: 'public', rateLimit: PUBLIC_PAGE_LIMIT }, schema: { hide: true } },
    async (req: FastifyRequest, reply: FastifyReply) => {
      const { id: raw } = req.params as { id: string };
      const id = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
      const [f] = id
        ? await db
            .select({
              storageKey: files.storageKey,
              contentType: files.contentType,
              size: files.size,
              sha: files.sha256,
            })
            .from(files)
            .where(and(eq(files.id, id), photoIsPublic))
        : [];
      if (!f)
        return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('不存在');
      const etag = `"${f.sha.slice(0, 32)}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply
        .header('content-type', f.contentType)
        .header('content-length', String(f.size))
        .send(await store.get(f.storageKey));
    },
  );
}
