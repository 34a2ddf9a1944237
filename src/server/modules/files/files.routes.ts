/**
 * GET /api/files/:id: download one stored file. A file is visible exactly when its owner record is: the owning
 * module registered its owner type (storage/owners.ts, from the module registry) with a check through its own
 * scoped loader, and anything else — unknown owner type, owner out of scope, missing row — is the same 404. The
 * content type sent is the one detected at upload, never the client's.
 */
import { actorOf } from '../../request.js';
import type { App, Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { IMAGE_KINDS, CONTENT_TYPES } from '../../storage/contentType.js';
import { openFileStore, StoredFileMissingError } from '../../storage/fileStore.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { unsafeFindFileById } from './files.repo.js';
import { fileIdParams } from './files.schema.js';

const INLINE_TYPES = new Set(IMAGE_KINDS.map((k) => CONTENT_TYPES[k].mime));

export { contentDisposition } from '../../http/contentDisposition.js';

export async function fileRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);

  app.get(
    '/api/files/:id',
    {
      schema: {
        tags: ['files'],
        params: fileIdParams,
        produces: ['application/octet-stream'],
        description: 'The file itself, with its detected Content-Type and a Content-Disposition naming it.',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const f = await unsafeFindFileById(db, req.params.id);
      const visible = f ? await deps.fileOwners.canRead(db, actor, f.ownerType, f.ownerId) : false;
      if (!f || !visible) throw notFound();
      let body: Awaited<ReturnType<typeof store.get>>;
      try {
        body = await store.get(f.storageKey);
      } catch (err) {
        // A row without its bytes is our fault (lost disk, bad restore), not the caller's: log it loudly.
        if (err instanceof StoredFileMissingError)
          req.log.error({ fileId: f.id, key: f.storageKey }, 'stored file missing');
        throw new AppError('INTERNAL');
      }
      return (
        reply
          .header('content-type', f.contentType)
          .header('content-length', String(f.size))
          .header(
            'content-disposition',
            contentDisposition(INLINE_TYPES.has(f.contentType) ? 'inline' : 'attachment', f.filename),
          )
          // Never let a browser second-guess the type, run anything, or keep evidence in a shared cache.
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
          .header('cache-control', 'private, no-store')
          .send(body)
      );
    },
  );
}
