/**
 * POST /api/public/photos/:id/children: the city records which children a case photo shows (public.photos.ts: the
 * photo is on the site only while every recorded child has a publicity consent in force). Only a city
 * administrator over the case's unit, only photos of cases, only children who held a place in the case's class.
 * Rows are appended (the record is evidence); recording a child twice is a no-op.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../auth/policy.js';
import { enrolments, files, organizations, practiceCases } from '../../db/schema.js';
import { publicPhotoChildren } from '../../db/tables/public.js';
import type { App, Deps } from '../../deps.js';
import { invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { actorOf } from '../../request.js';
import { casePolicy } from '../supervision/supervision.policy.js';
import { CASE_OWNER } from './public.photos.js';

const params = z.object({ id: z.coerce.number().int().positive() });
const body = z.strictObject({ childIds: z.array(z.number().int().positive()).min(1).max(40) });
const response = z.object({ childIds: z.array(z.number()) });

export async function photoChildrenRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
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
