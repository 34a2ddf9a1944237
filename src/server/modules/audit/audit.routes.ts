/**
 * /api/audit: browse and filter the audit log (city administrators and auditors, each within their subtree), and
 * check its hash chain. There is deliberately no route that changes or deletes a row.
 */
import { z } from 'zod';
import { actorOf } from '../../request.js';
import { orgPolicy } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { verifyAuditChain } from '../../events/verify.js';
import { listAudit } from './audit.repo.js';
import { auditQuery, auditRow, auditVerifyResponse } from './audit.schema.js';

export async function auditRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['audit'];

  app.get(
    '/api/audit',
    {
      schema: {
        tags,
        querystring: auditQuery,
        response: { 200: z.object({ items: z.array(auditRow), total: z.number() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!orgPolicy.readAudit(actor)) throw forbidden();
      return listAudit(db, actor, req.query);
    },
  );

  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags,
        response: { 200: auditVerifyResponse },
      },
    },
    async (req) => {
      if (!orgPolicy.readAudit(actorOf(req))) throw forbidden();
      return verifyAuditChain(db);
    },
  );
}
