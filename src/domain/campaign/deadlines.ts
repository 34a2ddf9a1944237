// The concrete reporting calendar of a campaign (P-K1..P-K4): what is due upward, and when.
// Owns turning the reporting parameters into a dated list that schedules and dashboards can use.

import { type IsoDate, monthEnd } from '../calendar/dates.js';
import type { Campaign } from './schema.js';

export type DeadlineKind = 'plan' | 'preparation' | 'monthly' | 'summary';

export interface Deadline {
  kind: DeadlineKind;
  policyRef: 'P-K1' | 'P-K2' | 'P-K3' | 'P-K4';
  /** Last day the report may be submitted (inclusive). */
  due: IsoDate;
  /** For monthly reports: the month reported on, "YYYY-MM". */
  month?: string;
  title: { zh: string; en: string };
}

function nextMonth(ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Every report due in the campaign, in date order. */
export function reportingDeadlines(c: Campaign): Deadline[] {
  const r = c.reporting;
  const list: Deadline[] = [
    { kind: 'plan', policyRef: 'P-K1', due: r.plan, title: { zh: '上报年度工作方案', en: 'Work plan' } },
    {
      kind: 'preparation',
      policyRef: 'P-K2',
      due: r.preparation,
      title: { zh: '上报托管班准备工作情况', en: 'Preparation status' },
    },
  ];
  // Bounded loop: the schema guarantees from ≤ to; 120 months is far beyond any campaign.
  for (let ym = r.monthly.from, i = 0; ym <= r.monthly.to && i < 120; ym = nextMonth(ym), i++) {
    list.push({
      kind: 'monthly',
      policyRef: 'P-K3',
      due: monthEnd(ym),
      month: ym,
      title: { zh: `报送${Number(ym.slice(5, 7))}月托管服务工作开展情况`, en: `Progress report for ${ym}` },
    });
  }
  list.push({
    kind: 'summary',
    policyRef: 'P-K4',
    due: r.summary,
    title: r.demonstrationApplicationsWithSummary
      ? { zh: '上报年度工作总结并申报市级示范爱心托管班', en: 'Annual summary and demonstration-class applications' }
      : { zh: '上报年度工作总结', en: 'Annual summary' },
  });
  return list.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}
