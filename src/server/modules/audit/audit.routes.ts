/**
 * /api/audit: browse and filter the audit log (city administrators and auditors, each within their subtree), and
 * check its hash chain. There is deliberately no route that changes or deletes a row.
 */
import { and, count, desc, eq, gte, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { actorOf } from '../../request.js';
import { orgPolicy } from '../../auth/policy.js';
import { inScope, scopeRoots } from '../../auth/scope.js';
import { auditLog } from '../../db/schema.js';
import type { App, Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { verifyAuditChain } from '../../events/verify.js';
import { auditQuery, auditRow, auditVerifyResponse } from './audit.schema.js';

const AUDIT_READERS = ['city_admin', 'auditor'] as const;

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
      const q = req.query;
      // Rows tied to no organisation (sign-ins, settings) are city-wide: only a reader at the root sees them.
      const atRoot = scopeRoots(actor, AUDIT_READERS).some((p) => p.split('/').length === 3);
      const conds: SQL[] = [
        or(inScope(auditLog.orgPath, actor, AUDIT_READERS), atRoot ? isNull(auditLog.orgPath) : sql`false`) as SQL,
      ];
      if (q.action) conds.push(sql`${auditLog.action} LIKE ${`${q.action}%`}`);
      if (q.entity) conds.push(eq(auditLog.entity, q.entity));
      if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
      if (q.actor) conds.push(eq(auditLog.actorName, q.actor));
      if (q.from) conds.push(gte(auditLog.at, q.from));
      if (q.to) conds.push(lte(auditLog.at, q.to));
      const where = and(...conds);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(desc(auditLog.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(auditLog).where(where),
      ]);
      return { items: rows, total: total?.n ?? 0 };
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
