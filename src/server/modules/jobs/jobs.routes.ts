/** GET /api/jobs — the background jobs with their last run, next run and last failure (city administrator). */
import { actorOf } from '../../request.js';
import type { App, Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { jobsPolicy } from './jobs.policy.js';
import { jobViews } from './jobs.repo.js';
import { jobsResponse } from './jobs.schema.js';

export async function jobRoutes(app: App, deps: Deps): Promise<void> {
  app.get('/api/jobs', { schema: { tags: ['jobs'], response: { 200: jobsResponse } } }, async (req) => {
    if (!jobsPolicy.read(actorOf(req))) throw forbidden();
    return { jobs: await jobViews(deps.database.db, deps.jobs, req.ctx.now) };
  });
}
