/**
 * Photos for daily records and timetable slots: uploaded through the files module with the class as owner
 * (`class_daily`), pictures only, and read back through /api/files/:id, which asks the class's own scoped loader.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { files } from '../../db/schema.js';
import { invalid } from '../../errors.js';
import { IMAGE_KINDS } from '../../storage/contentType.js';
import type { FileStore } from '../../storage/fileStore.js';
import { checkUpload, type ReceivedUpload } from '../../storage/upload.js';
import type { FileRow } from '../files/files.repo.js';
import { attachFile } from '../files/files.service.js';
import type { DailyClass } from './daily.context.js';

export const DAILY_OWNER = 'class_daily';
export const DAILY_PHOTO_PURPOSE = 'daily_photo';

/** Read back through GET /api/files/:id like every other file (the owner type is registered in daily.module.ts). */
export const dailyFileUrl = (_classId: number, fileId: number) => `/api/files/${fileId}`;

export function presentDailyFile(classId: number, f: FileRow) {
  return {
    id: f.id,
    filename: f.filename,
    contentType: f.contentType,
    size: f.size,
    url: dailyFileUrl(classId, f.id),
  };
}

export async function addDailyPhoto(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  c: DailyClass,
  received: ReceivedUpload,
): Promise<FileRow> {
  const checked = checkUpload(received, IMAGE_KINDS);
  return attachFile(
    db,
    store,
    ctx,
    { ownerType: DAILY_OWNER, ownerId: c.row.id, orgId: c.row.orgId, orgPath: c.ownerPath },
    DAILY_PHOTO_PURPOSE,
    checked,
  );
}

/** Photos cited by an entry must have been uploaded for this class: another class's file may not be cited. */
export async function checkPhotos(db: Db, classId: number, ids: readonly number[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const own = await db
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, [...ids]), eq(files.ownerType, DAILY_OWNER), eq(files.ownerId, classId)));
  const ownIds = new Set(own.map((f) => f.id));
  const foreign = ids.filter((id) => !ownIds.has(id));
  if (foreign.length > 0)
    throw invalid(
      `${field}: 文件 ${foreign.join('、')} 不是本班上传的照片`,
      `${field}: files ${foreign.join(', ')} were not uploaded for this class`,
    );
}
