/**
 * Loads the city's year (city-year.ts) into the demo's campaign with the same loader as the running programme
 * (load-world.ts `loadProgramme`): the same rows, the same projections, the same rule evaluation.
 */
import { and, eq } from 'drizzle-orm';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import { campaigns } from '../db/schema.js';
import type { FileStore } from '../storage/fileStore.js';
import type { CityYear } from './city-year.js';
import { loadProgramme, type WorldCounts } from './load-world.js';

export async function loadCityYear(
  tx: Db,
  ctx: RequestContext,
  year: CityYear,
  o: {
    campaignName: string;
    cityId: number;
    orgId: (key: string) => number;
    userId: (username: string) => number;
    name: (username: string) => string;
  },
  store?: FileStore,
): Promise<WorldCounts> {
  const [camp] = await tx
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.orgId, o.cityId), eq(campaigns.name, o.campaignName)));
  if (!camp) throw new Error('demo city year: no campaign');
  return loadProgramme(tx, ctx, camp.id, year.programme, o, store, true);
}
