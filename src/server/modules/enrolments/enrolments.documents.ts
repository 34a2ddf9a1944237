/**
 * Documents around an enrolment: the guardian's insurance upload, the signed agreement as a PDF, the roster
 * template and its upload on the class page.
 */
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { buildRosterTemplate } from '../../../domain/roster/index.js';
import { actorOf } from '../../auth/plugin.js';
import { adminLevelOver, authorize } from '../../auth/policy.js';
import { agreementSignatures, agreementTexts, careClasses, children } from '../../db/schema.js';
import type { App, Deps } from '../../deps.js';
import { renderPdf } from '../../documents/pdf.js';
import { notFound } from '../../errors.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { IMAGE_KINDS } from '../../storage/contentType.js';
import { openFileStore } from '../../storage/fileStore.js';
import { checkUpload, receiveUpload } from '../../storage/upload.js';
import { loadClass } from '../classes/classes.service.js';
import { fileResponse } from '../files/files.schema.js';
import { attachFile, presentFile } from '../files/files.service.js';
import { loadEnrolment } from './enrolments.service.js';
import { importRoster } from './roster.service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export const ENROLMENT_OWNER = 'enrolment';

/** Whether the actor may read an enrolment's files: its own family, or the class's administrators. */
export async function enrolmentVisible(
  db: Deps['database']['db'],
  actor: Parameters<typeof loadEnrolment>[1],
  id: number,
): Promise<boolean> {
  try {
    await loadEnrolment(db, actor, id);
    return true;
  } catch {
    return false;
  }
}

/** POST /api/enrolments/:id/files: the guardian uploads the insurance policy (a photo or PDF). */
export async function enrolmentFileRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  app.post(
    '/api/enrolments/:id/files',
    {
      schema: {
        tags: ['enrolments'],
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: fileResponse },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { e, own, ownerPath } = await loadEnrolment(db, actor, req.params.id);
      authorize(own, true);
      const received = await receiveUpload(req);
      const upload = checkUpload(received, [...IMAGE_KINDS, 'pdf']);
      const owner = {
        ownerType: ENROLMENT_OWNER,
        ownerId: e.id,
        orgId: await classOrgId(db, e.classId),
        orgPath: ownerPath,
      };
      const row = await attachFile(db, store, req.ctx, owner, 'insurance', upload);
      return reply.code(201).send(presentFile(row));
    },
  );
}

async function classOrgId(db: Deps['database']['db'], classId: number): Promise<number> {
  const [c] = await db.select({ orgId: careClasses.orgId }).from(careClasses).where(eq(careClasses.id, classId));
  return c?.orgId ?? 0;
}

/** GET /api/enrolments/:id/agreement.pdf: the signed agreement with its signature record, in Chinese. */
export async function agreementPdfRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  app.get(
    '/api/enrolments/:id/agreement.pdf',
    { schema: { tags: ['enrolments'], params: idParams, produces: ['application/pdf'] } },
    async (req, reply) => {
      const { e } = await loadEnrolment(db, actorOf(req), req.params.id);
      const [sig] = await db
        .select({ s: agreementSignatures, t: agreementTexts })
        .from(agreementSignatures)
        .innerJoin(agreementTexts, eq(agreementTexts.id, agreementSignatures.agreementTextId))
        .where(eq(agreementSignatures.enrolmentId, e.id))
        .orderBy(desc(agreementSignatures.id))
        .limit(1);
      if (!sig) throw notFound();
      const [child] = await db.select({ name: children.name }).from(children).where(eq(children.id, e.childId));
      const [cls] = await db.select({ name: careClasses.name }).from(careClasses).where(eq(careClasses.id, e.classId));
      const signedAt = new Date(sig.s.signedAt.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
      const pdf = await renderPdf(sig.t.title, [
        { lines: [`托管班：${cls?.name ?? ''}`, `托管儿童：${child?.name ?? ''}`] },
        { lines: sig.t.body.split('\n').filter((l) => l.trim()) },
        {
          heading: '签署记录',
          lines: [
            `监护人签名：${sig.s.typedName}`,
            `签署时间：${signedAt}（北京时间）`,
            `签署 IP：${sig.s.ip ?? '—'}`,
            `协议版本：第 ${sig.t.version} 版`,
            `协议文本 SHA-256：${sig.s.textSha256}`,
          ],
        },
      ]);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('attachment', `托管协议-${child?.name ?? e.id}.pdf`))
        .send(pdf);
    },
  );
}

/** The roster template and its upload on the class page. */
export async function rosterRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  app.get(
    '/api/roster/template',
    {
      schema: { tags: ['enrolments'], produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
    },
    async (_req, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('attachment', '托管儿童名册模板.xlsx'))
        .send(await buildRosterTemplate()),
  );
  app.post(
    '/api/classes/:id/roster',
    {
      schema: {
        tags: ['enrolments'],
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ imported: z.number() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { ref } = await loadClass(db, actor, req.params.id);
      const owner = ref.units.find((u) => u.isOwner);
      authorize(!!owner && adminLevelOver(actor, owner.path) >= 1, true);
      const received = await receiveUpload(req);
      return { imported: await importRoster(db, req.ctx, actor, deps.sealer, req.params.id, received.bytes) };
    },
  );
}
