/** The national calendar (/api/calendar): shapes from the server's calendar.schema.ts. */
import { api } from '../../app/api/client';
import type { CalendarList, CalendarYear } from '../../../server/modules/calendar/calendar.schema';

export type { CalendarList, CalendarYear };

export const calendarKey = ['calendar'] as const;
export const fetchCalendar = () => api.get<CalendarList>('/api/calendar');
export const saveYear = (year: number, holidays: string[], workdays: string[]) =>
  api.put<CalendarYear>(`/api/calendar/${year}`, { holidays, workdays });
export const previewList = (year: number, text: string) =>
  api.post<CalendarYear>(`/api/calendar/${year}/import?dryRun=1`, { text });
export const importList = (year: number, text: string) =>
  api.post<CalendarYear>(`/api/calendar/${year}/import`, { text });
export const importXlsx = (year: number, file: File) => api.upload<CalendarYear>(`/api/calendar/${year}/xlsx`, file);

export const coverageKey = (start: string, end: string, campaignId?: number) =>
  ['calendar', 'coverage', start, end, campaignId ?? null] as const;
export const fetchCoverage = (start: string, end: string, campaignId?: number) =>
  api.get<{ uncoveredYears: number[] }>('/api/calendar/coverage', {
    start,
    end,
    ...(campaignId ? { campaignId: String(campaignId) } : {}),
  });

/** A year's entries as the pasted-list format, so editing starts from what is saved. */
export function asList(y: CalendarYear): string {
  if (!y.entered) return '';
  return [...y.entered.holidays.map((d) => `${d} 休`), ...y.entered.workdays.map((d) => `${d} 班`)].join('\n');
}
