/**
 * Routes for documents around an enrolment: the guardian's insurance upload, the signed agreement as a PDF, the
 * roster template and its upload on the class page. Each authorises before it reads an upload's body.
 */
import { buildRosterTemplate } from '../../../domain/roster/index.js';
import { actorOf } from '../../request.js';
import type { App, Deps } from '../../deps.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { openFileStore } from '../../storage/fileStore.js';
import { receiveUpload } from '../../storage/upload.js';
import { fileResponse } from '../files/files.schema.js';
import { presentFile } from '../files/files.service.js';
import { attachInsuranceFile, enrolmentForUpload, signedAgreementPdf } from './documents.service.js';
import { idParams, rosterImportResponse } from './enrolments.schema.js';
import { authorizeRosterImport, importRoster } from './roster.service.js';

export { ENROLMENT_OWNER, enrolmentVisible } from './documents.service.js';

const tags = ['enrolments'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POST /api/enrolments/:id/files: the guardian uploads the insurance policy (a photo or PDF). */
export async function enrolmentFileRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  app.post(
    '/api/enrolments/:id/files',
    { schema: { tags, params: idParams, consumes: ['multipart/form-data'], response: { 201: fileResponse } } },
    async (req, reply) => {
      const e = await enrolmentForUpload(db, actorOf(req), req.params.id);
      const received = await receiveUpload(req);
      return reply.code(201).send(presentFile(await attachInsuranceFile(db, store, req.ctx, e, received)));
    },
  );
}

/** GET /api/enrolments/:id/agreement.pdf: the signed agreement with its signature record, in Chinese. */
export async function agreementPdfRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  app.get(
    '/api/enrolments/:id/agreement.pdf',
    { schema: { tags, params: idParams, produces: ['application/pdf'] } },
    async (req, reply) => {
      const { pdf, filename } = await signedAgreementPdf(db, actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('attachment', filename))
        .send(pdf);
    },
  );
}

/** The roster template and its upload on the class page. */
export async function rosterRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  app.get('/api/roster/template', { schema: { tags, produces: [XLSX] } }, async (_req, reply) =>
    reply
      .header('content-type', XLSX)
      .header('content-disposition', contentDisposition('attachment', '托管儿童名册模板.xlsx'))
      .send(await buildRosterTemplate()),
  );
  app.post(
    '/api/classes/:id/roster',
    {
      schema: { tags, params: idParams, consumes: ['multipart/form-data'], response: { 200: rosterImportResponse } },
    },
    async (req) => {
      const actor = actorOf(req);
      await authorizeRosterImport(db, actor, req.params.id);
      const received = await receiveUpload(req);
      return { imported: await importRoster(db, req.ctx, actor, deps.sealer, req.params.id, received.bytes) };
    },
  );
}
