/** Liveness and readiness probes. */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { App, Deps } from '../../deps.js';

export async function systemRoutes(app: App, deps: Deps): Promise<void> {
  const status = z.object({ status: z.string() });
  app.get(
    '/healthz',
    { config: { auth: 'public' }, schema: { tags: ['system'], response: { 200: status } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    { config: { auth: 'public' }, schema: { tags: ['system'], response: { 200: status, 503: status } } },
    async (_req, reply) => {
      try {
        await deps.database.rows(sql`SELECT 1`);
        return { status: 'ready' };
      } catch {
        return reply.code(503).send({ status: 'unavailable' });
      }
    },
  );
}
