/** GET/PUT /api/settings — platform settings; only the city administrator may change them. */
import { actorOf } from '../../request.js';
import { orgPolicy } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { getSettings, settingsSchema, updateSettings } from './settings.service.js';

export async function settingsRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  app.get('/api/settings', { schema: { tags: ['settings'], response: { 200: settingsSchema } } }, async () =>
    getSettings(db),
  );
  app.put(
    '/api/settings',
    { schema: { tags: ['settings'], body: settingsSchema.partial().strict(), response: { 200: settingsSchema } } },
    async (req) => {
      if (!orgPolicy.manageSettings(actorOf(req))) throw forbidden();
      return updateSettings(db, req.ctx, req.body);
    },
  );
}
