/**
 * The stats module's background job: just after midnight in China every class whose totals' anchor is behind the new
 * day and that has class days from then on gets its anchor moved to the day (docs/FIGURES.md, "Maintained
 * aggregates"), so that the day's door deltas land on the anchor and today's dashboard reads the anchor alone from
 * the morning's first call (without it, until a class is recomputed that day, each read adds its rows past the anchor).
 */
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { JobDefinition } from '../../jobs/job.js';
import { anchorsBehind, anchorTotals } from './stats.aggregates.js';

export const moveAnchorsJob: JobDefinition = {
  id: 'stats.moveAnchors',
  description: {
    zh: '每日零点后将各托管班的统计锚点移到当天，使当天的看板只读锚点',
    en: 'Move the classes’ statistics anchors to the new day after midnight, so that today’s dashboard reads them alone',
  },
  schedule: { kind: 'daily', at: '00:05' },
  handler: async (db, now) => {
    const day = todayInChina(now);
    const ids = await anchorsBehind(db, day);
    for (let i = 0; i < ids.length; i += 1000) await anchorTotals(db, ids.slice(i, i + 1000), day);
    return { moved: ids.length };
  },
};
