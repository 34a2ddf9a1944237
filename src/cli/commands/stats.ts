/**
 * `tuoguan stats targets --campaign ID [--as-of YYYY-MM-DD]` (issue 15, the contract for scripts): the campaign's
 * targets (P-T1…P-T3) against the actual figures, and one entry per organisation directly under the campaign's
 * (districts and industry unions) — the dashboard's read (modules/stats), so the numbers are the dashboard's and the
 * reports'. Families are counted once in the total (docs/FIGURES.md, "Dashboard"). Exit codes: 0 done · 2 bad
 * arguments or unknown campaign.
 */
import { eq } from 'drizzle-orm';
import { todayInChina } from '../../domain/calendar/dates.js';
import { isSaneIsoDate } from '../../domain/calendar/bounded.js';
import { campaigns, organizations } from '../../server/db/schema.js';
import { dashboardView } from '../../server/modules/dashboard/dashboard.js';
import { rebuildAggregates } from '../../server/modules/stats/stats.aggregates.js';
import { type Command, parseOptions, UsageError } from '../command.js';
import { withDatabase } from '../db.js';

/** `targets` needs --campaign (and takes --as-of YYYY-MM-DD); `rebuild-aggregates` takes --campaign. */
const USAGE = 'tuoguan stats targets|rebuild-aggregates [--campaign ID]';

const stats: Command = {
  name: 'stats',
  summary: '目标完成情况（JSON）/ targets vs actual figures as JSON',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'rebuild-aggregates') return rebuild(rest, io);
    if (sub !== 'targets') throw new UsageError(sub ? `unknown subcommand ${sub}` : 'missing subcommand');
    const { opts, positional } = parseOptions(rest, { campaign: 'string', 'as-of': 'string' });
    if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
    const raw = opts.campaign;
    const campaignId = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
    if (campaignId <= 0) throw new UsageError('--campaign needs a positive number');
    const asOfOpt = opts['as-of'];
    if (asOfOpt !== undefined) {
      if (!isSaneIsoDate(asOfOpt)) throw new UsageError('--as-of needs a day YYYY-MM-DD between 2000 and 2100');
    }
    return withDatabase(async ({ db }) => {
      const [camp] = await db
        .select({ id: campaigns.id, name: campaigns.name, params: campaigns.params, orgId: campaigns.orgId })
        .from(campaigns)
        .where(eq(campaigns.id, campaignId));
      const [org] = camp
        ? await db
            .select({
              id: organizations.id,
              name: organizations.name,
              kind: organizations.kind,
              path: organizations.path,
            })
            .from(organizations)
            .where(eq(organizations.id, camp.orgId))
        : [];
      if (!camp || !org) {
        io.stderr.write(`项目不存在 / unknown campaign: ${campaignId}\n`);
        return 2;
      }
      const asOf = typeof asOfOpt === 'string' ? asOfOpt : todayInChina(new Date());
      const view = await dashboardView(db, { campaign: camp, org, breadcrumbs: [], asOf });
      const target = (key: string) => {
        const t = view.targets.find((x) => x.key === key);
        return { target: t?.target ?? 0, actual: t?.actual ?? 0 };
      };
      const out = {
        asOf: view.asOf,
        units: target('units'),
        families: target('families'),
        demonstrationClasses: target('demonstrationClasses'),
        districts: view.rows.map((r) => ({
          orgId: r.id,
          name: r.name,
          units: r.unitsDelivering,
          classes: r.classes.total,
          children: r.children,
          families: r.families,
        })),
      };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    });
  },
};

/**
 * `tuoguan stats rebuild-aggregates [--campaign ID]`: recomputes the maintained aggregates (stats_class_days of
 * every class, stats_members/stats_scope_days of every place, or a campaign's, from the attendance, places and
 * records: backfill after an import, repair). Prints
 * `{ classes, rows, ms }`. Safe while the server runs: each batch of classes is locked while it is recomputed.
 */
async function rebuild(rest: string[], io: Parameters<Command['run']>[1]): Promise<number> {
  const { opts, positional } = parseOptions(rest, { campaign: 'string' });
  if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
  const raw = opts.campaign;
  let campaignId: number | undefined;
  if (raw !== undefined) {
    campaignId = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
    if (campaignId <= 0) throw new UsageError('--campaign needs a positive number');
  }
  return withDatabase(async ({ db }) => {
    const started = Date.now();
    const done = await rebuildAggregates(db, campaignId !== undefined ? { campaignId } : {});
    io.stdout.write(`${JSON.stringify({ ...done, ms: Date.now() - started })}\n`);
    return 0;
  });
}

export default stats;
