/**
 * The children a good-practice case photo shows (public.photos.ts: the photo is on the site only while every
 * recorded child has a publicity consent in force).
 * - GET /api/public/photos/:id/children: whether the photo is shown publicly now and why not, the recorded
 *   children with their guardian's publicity consent; for the city (who records) also the class's children to pick
 *   from, with their names. Others who may read the case see the record without names.
 * - POST: the city records children. Only a city administrator over the case's unit, only photos of cases, only
 *   children who held a place in the case's class. Rows are appended (the record is evidence); recording a child
 *   twice is a no-op.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../auth/policy.js';
import type { Db } from '../../db/client.js';
import { children, enrolments, files, organizations, practiceCases } from '../../db/schema.js';
import { publicPhotoChildren } from '../../db/tables/public.js';
import type { App, Deps } from '../../deps.js';
import { invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { actorOf } from '../../request.js';
import { casePolicy } from '../supervision/supervision.policy.js';
import { photoChildrenResponse } from './photo-children.schema.js';
import { CASE_OWNER, NO_CHILDREN, photoIsPublic } from './public.photos.js';

const params = z.object({ id: z.coerce.number().int().positive() });
const body = z.strictObject({ childIds: z.array(z.number().int().positive()).min(1).max(40) });
const response = z.object({ childIds: z.array(z.number()) });

/** A publicity consent in force for the child (the same condition as public.photos.ts). */
const consentSql = sql<boolean>`EXISTS (
  SELECT 1 FROM consents c WHERE c.child_id = ${children.id} AND c.kind = 'publicity' AND c.withdrawn_at IS NULL)`;

/** The case photo with what the rules need, or "not found". */
async function loadCasePhoto(db: Db, id: number) {
  const [f] = await db
    .select({
      id: files.id,
      purpose: files.purpose,
      classId: practiceCases.classId,
      published: practiceCases.published,
      orgPath: organizations.path,
    })
    .from(files)
    .innerJoin(practiceCases, eq(practiceCases.id, files.ownerId))
    .innerJoin(organizations, eq(organizations.id, practiceCases.orgId))
    .where(and(eq(files.id, id), eq(files.ownerType, CASE_OWNER)));
  if (!f) throw notFound();
  return f;
}

export async function photoChildrenRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  app.get(
    '/api/public/photos/:id/children',
    { schema: { tags: ['news'], params, response: { 200: photoChildrenResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const f = await loadCasePhoto(db, req.params.id);
      const ref = { orgPath: f.orgPath, published: true };
      authorize(casePolicy.read(actor, ref), false);
      const canRecord = casePolicy.publish(actor, ref);
      const recordedRows = await db
        .selectDistinct({ childId: children.id, name: children.name, consent: consentSql })
        .from(publicPhotoChildren)
        .innerJoin(children, eq(children.id, publicPhotoChildren.childId))
        .where(eq(publicPhotoChildren.fileId, f.id))
        .orderBy(asc(children.id));
      const recordedIds = new Set(recordedRows.map((r) => r.childId));
      const candidateRows = canRecord
        ? await db
            .selectDistinct({ childId: children.id, name: children.name, consent: consentSql })
            .from(enrolments)
            .innerJoin(children, eq(children.id, enrolments.childId))
            .where(and(eq(enrolments.classId, f.classId), inArray(enrolments.status, ['accepted', 'withdrawn'])))
            .orderBy(asc(children.id))
        : [];
      const [shown] = await db
        .select({ id: files.id })
        .from(files)
        .where(and(eq(files.id, f.id), photoIsPublic));
      const present = (r: { childId: number; name: string; consent: boolean }) => ({
        childId: r.childId,
        name: canRecord ? r.name : null,
        consent: !!r.consent,
        recorded: recordedIds.has(r.childId),
      });
      const recorded = recordedRows.map(present);
      const hiddenBecause = shown
        ? null
        : recorded.some((r) => !r.consent)
          ? 'consent'
          : recorded.length === 0 && f.purpose !== NO_CHILDREN
            ? 'unrecorded'
            : !f.published
              ? 'unpublished'
              : 'type';
      return {
        fileId: f.id,
        shownPublicly: !!shown,
        hiddenBecause,
        recorded,
        candidates: candidateRows.map(present),
        canRecord,
      } as const;
    },
  );
  app.post(
    '/api/public/photos/:id/children',
    { schema: { tags: ['news'], params, body, response: { 200: response } } },
    async (req) => {
      const actor = actorOf(req);
      return db.transaction(async (tx) => {
        const [f] = await tx
          .select({ id: files.id, classId: practiceCases.classId, orgPath: organizations.path })
          .from(files)
          .innerJoin(practiceCases, eq(practiceCases.id, files.ownerId))
          .innerJoin(organizations, eq(organizations.id, practiceCases.orgId))
          .where(and(eq(files.id, req.params.id), eq(files.ownerType, CASE_OWNER)));
        if (!f) throw notFound();
        // Who curates cases (the city) records; who may see the case is told no, everyone else "not found".
        const ref = { orgPath: f.orgPath, published: true };
        authorize(casePolicy.publish(actor, ref), casePolicy.read(actor, ref));
        const wanted = [...new Set(req.body.childIds)];
        const inClass = await tx
          .selectDistinct({ childId: enrolments.childId })
          .from(enrolments)
          .where(
            and(
              eq(enrolments.classId, f.classId),
              inArray(enrolments.childId, wanted),
              inArray(enrolments.status, ['accepted', 'withdrawn']),
            ),
          );
        const ok = new Set(inClass.map((r) => r.childId));
        const stranger = wanted.find((id) => !ok.has(id));
        if (stranger)
          throw invalid(
            `childIds: 儿童 ${stranger} 不在该案例的托管班中`,
            `childIds: child ${stranger} had no place in the case's class`,
            'childIds',
          );
        const have = await tx
          .select({ childId: publicPhotoChildren.childId })
          .from(publicPhotoChildren)
          .where(eq(publicPhotoChildren.fileId, f.id));
        const known = new Set(have.map((r) => r.childId));
        const fresh = wanted.filter((id) => !known.has(id));
        if (fresh.length)
          await tx
            .insert(publicPhotoChildren)
            .values(
              fresh.map((childId) => ({ fileId: f.id, childId, recordedBy: actor.userId, recordedAt: req.ctx.now })),
            );
        await recordEvent(tx, req.ctx, {
          action: 'public.photo_children',
          entity: 'file',
          entityId: f.id,
          orgPath: f.orgPath,
          after: { added: fresh },
        });
        return { childIds: [...known, ...fresh].sort((a, b) => a - b) };
      });
    },
  );
}
