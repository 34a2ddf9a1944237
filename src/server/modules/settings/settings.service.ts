/** Platform settings the city administrator controls (stored as key/value rows, audited on change). */
import { eq } from 'drizzle-orm';
import { type Settings, settingsSchema } from './settings.schema.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { settings } from '../../db/schema.js';
import { recordEvent } from '../../events/audit.js';

export { type Settings, settingsSchema } from './settings.schema.js';

const DEFAULTS: Settings = { requireTotpForAdmins: false, webhookHosts: [], privacyRetentionYears: 3 };

// Read on every administrator's request; a few seconds of staleness on another app instance is harmless,
// and this instance forgets its copy at once when it changes a setting.
const CACHE_MS = 5_000;
const cache = new WeakMap<object, { at: number; value: Settings }>();

export async function getSettings(db: Db): Promise<Settings> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = await readSettings(db);
  cache.set(db, { at: Date.now(), value });
  return value;
}

async function readSettings(db: Db): Promise<Settings> {
  const rows = await db.select().from(settings);
  const out: Record<string, unknown> = { ...DEFAULTS };
  for (const r of rows) if (r.key in DEFAULTS) out[r.key] = r.value;
  return settingsSchema.parse(out);
}

export async function updateSettings(db: Db, ctx: RequestContext, patch: Partial<Settings>): Promise<Settings> {
  return db
    .transaction(async (tx) => {
      const before = await readSettings(tx);
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        const [existing] = await tx.select().from(settings).where(eq(settings.key, key));
        if (existing) await tx.update(settings).set({ value, updatedAt: ctx.now }).where(eq(settings.key, key));
        else await tx.insert(settings).values({ key, value, updatedAt: ctx.now });
      }
      const after = await readSettings(tx);
      await recordEvent(tx, ctx, { action: 'settings.update', entity: 'settings', before, after });
      return after;
    })
    .finally(() => cache.delete(db));
}
