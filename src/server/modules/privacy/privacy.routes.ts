/**
 * The guardian's PIPL routes in the parents' app (`/m/`): a copy of the family's data (JSON, PDF) and the
 * deletion request with its phone code. Always the caller's own family (`/me/`). Shapes in privacy.schema.ts.
 */
import type { App, Deps } from '../../deps.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { actorOf } from '../../request.js';
import {
  deletionBody,
  deletionCodeResponse,
  deletionStateResponse,
  familyExportResponse,
  privacyRequestDto,
} from './privacy.schema.js';
import {
  deletionState,
  exportFamily,
  exportFamilyPdf,
  requestDeletion,
  requestDeletionCode,
} from './privacy.service.js';

export async function privacyRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['privacy'];

  app.get(
    '/api/parents/me/export',
    { schema: { tags, response: { 200: familyExportResponse } } },
    async (req, reply) => {
      const data = await exportFamily(db, req.ctx, actorOf(req), deps.sealer);
      const day = req.ctx.now.toISOString().slice(0, 10);
      return reply
        .header('content-disposition', contentDisposition('attachment', `家庭个人信息-${day}.json`))
        .send(data);
    },
  );

  app.get('/api/parents/me/export.pdf', { schema: { tags, produces: ['application/pdf'] } }, async (req, reply) => {
    const { pdf, filename } = await exportFamilyPdf(db, req.ctx, actorOf(req), deps.sealer);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition('attachment', filename))
      .send(pdf);
  });

  app.get('/api/parents/me/deletion', { schema: { tags, response: { 200: deletionStateResponse } } }, async (req) =>
    deletionState(db, req.ctx, actorOf(req)),
  );

  app.post(
    '/api/parents/me/deletion/code',
    { schema: { tags, response: { 200: deletionCodeResponse } } },
    async (req) => requestDeletionCode(db, deps.sender, req.ctx, actorOf(req)),
  );

  app.post(
    '/api/parents/me/deletion',
    { schema: { tags, body: deletionBody, response: { 201: privacyRequestDto } } },
    async (req, reply) => reply.code(201).send(await requestDeletion(db, req.ctx, actorOf(req), req.body)),
  );
}
