/**
 * 先进经验 (good practice, P-W3): an inspector or a district marks what they saw at a class as a case; the city
 * publishes or withdraws it. A photo showing children is accepted only when the uploader confirms that the family
 * gave the publicity consent — the families module keeps consents for photos in the class's own records, not for
 * publicity, so the confirmation is asked here and recorded in the upload's audit event and the file's purpose.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { practiceCases } from '../../db/schema.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { FileStore } from '../../storage/fileStore.js';
import { IMAGE_KINDS } from '../../storage/contentType.js';
import { checkUpload, type ReceivedUpload } from '../../storage/upload.js';
import { filesOfOwner, type FileRow } from '../files/files.repo.js';
import { attachFile, presentFile } from '../files/files.service.js';
import { caseAbilities, casePolicy } from './supervision.policy.js';
import { type CaseRow, findVisibleCase, findVisibleVisit } from './supervision.repo.js';
import type { CaseDto } from './supervision.schema.js';
import { loadClassOwner } from './visits.service.js';

export const CASE_OWNER = 'practice_case';
/** A photo without children, and one with children whose families' publicity consent the uploader confirmed. */
export const CASE_PHOTO = 'photo';
export const CASE_PHOTO_CHILDREN = 'photo_children_consented';

export async function presentCase(db: Db, actor: Actor, c: CaseRow): Promise<CaseDto> {
  return {
    id: c.id,
    campaignId: c.campaignId,
    classId: c.classId,
    className: c.className,
    orgName: c.orgName,
    visitId: c.visitId,
    title: c.title,
    body: c.body,
    published: c.published,
    publishedAt: c.publishedAt,
    photos: (await filesOfOwner(db, CASE_OWNER, c.id)).map(presentFile),
    createdAt: c.createdAt,
    abilities: caseAbilities(actor, c),
  };
}

export async function loadCase(db: Db, actor: Actor, id: number): Promise<CaseRow> {
  const c = await findVisibleCase(db, actor, id);
  if (!c) throw notFound();
  return c;
}

export async function createCase(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: { classId: number; visitId?: number | null | undefined; title: string; body: string },
): Promise<CaseRow> {
  return db.transaction(async (tx) => {
    const { cls, owner } = await loadClassOwner(tx, actor, input.classId);
    authorize(casePolicy.create(actor, owner.path), true);
    if (input.visitId) {
      const v = await findVisibleVisit(tx, actor, input.visitId);
      if (!v || v.classId !== cls.id)
        throw invalid('督导记录不属于该托管班', 'The visit is not of this class', 'body.visitId');
    }
    const [row] = await tx
      .insert(practiceCases)
      .values({
        campaignId: cls.campaignId,
        classId: cls.id,
        orgId: owner.orgId,
        visitId: input.visitId ?? null,
        title: input.title,
        body: input.body,
        createdBy: actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'supervision.case_create',
      entity: 'practice_case',
      entityId: row.id,
      orgPath: owner.path,
      after: row,
    });
    return loadCase(tx, actor, row.id);
  });
}

export async function publishCase(db: Db, ctx: RequestContext, actor: Actor, id: number, published: boolean) {
  return db.transaction(async (tx) => {
    const c = await findVisibleCase(tx, actor, id);
    authorize(!!c && casePolicy.publish(actor, c), !!c);
    if (!c) throw notFound();
    await tx
      .update(practiceCases)
      .set({
        published,
        publishedAt: published ? ctx.now : null,
        publishedBy: published ? actor.userId : null,
        version: c.version + 1,
        updatedAt: ctx.now,
      })
      .where(eq(practiceCases.id, c.id));
    await recordEvent(tx, ctx, {
      action: published ? 'supervision.case_publish' : 'supervision.case_unpublish',
      entity: 'practice_case',
      entityId: c.id,
      orgPath: c.orgPath,
      before: { published: c.published },
      after: { published },
    });
    return loadCase(tx, actor, c.id);
  });
}

/**
 * A photo for a case. Fields: `showsChildren` (true/false, required) and, when true, `publicityConsent` = true —
 * the uploader's statement that every child shown has the family's publicity consent.
 */
export async function addCasePhoto(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  c: CaseRow,
  received: ReceivedUpload,
): Promise<FileRow> {
  const shows = received.fields.showsChildren;
  if (shows !== 'true' && shows !== 'false')
    throw invalid(
      'showsChildren: 须说明照片中是否有儿童',
      'showsChildren: say whether children are shown',
      'showsChildren',
    );
  const children = shows === 'true';
  if (children && received.fields.publicityConsent !== 'true')
    throw invalid(
      '照片中有儿童：须确认其家庭已同意宣传使用，否则请勿上传',
      'Children are shown: confirm their families consented to publicity, or do not upload it',
      'publicityConsent',
    );
  const checked = checkUpload(received, IMAGE_KINDS);
  const file = await attachFile(
    db,
    store,
    ctx,
    { ownerType: CASE_OWNER, ownerId: c.id, orgId: c.orgId, orgPath: c.orgPath },
    children ? CASE_PHOTO_CHILDREN : CASE_PHOTO,
    checked,
  );
  await db.transaction((tx) =>
    recordEvent(tx, ctx, {
      action: 'supervision.case_photo',
      entity: 'practice_case',
      entityId: c.id,
      orgPath: c.orgPath,
      after: {
        fileId: file.id,
        showsChildren: children,
        publicityConsentConfirmedBy: children ? (ctx.actor?.userId ?? null) : null,
      },
    }),
  );
  return file;
}
