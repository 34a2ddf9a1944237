/**
 * Calls of the console's attendance screens (class page 出勤 tab, /attendance overview): the grid with its summary,
 * a child-day's raw events, corrections, the .xlsx export and the rates overview (/api/classes/:id/attendance…,
 * /api/attendance/rates). Types come from the server's zod schemas.
 */
import type { z } from 'zod';
import type {
  correctedDay,
  correctionBody,
  doorResponse,
  eventsResponse,
  gridResponse,
  ratesResponse,
} from '../../../server/modules/attendance/attendance.schema';
import { api, withQuery } from '../../app/api/client';

export type Grid = z.infer<typeof gridResponse>;
export type GridChild = Grid['children'][number];
export type GridCell = GridChild['cells'][string];
export type DayStatus = GridCell['status'];
export type StaffDay = Grid['summary']['staffByDay'][number];
export type RawEvent = z.infer<typeof eventsResponse>['items'][number];
export type CorrectionInput = z.input<typeof correctionBody>;
export type CorrectedDay = z.infer<typeof correctedDay>;
export type RateRow = z.infer<typeof ratesResponse>['items'][number];
export type DoorView = z.infer<typeof doorResponse>;

export interface Range {
  from?: string | undefined;
  to?: string | undefined;
}

export const gridKey = (classId: number, r: Range) => ['classes', classId, 'attendance', r.from ?? '', r.to ?? ''];
export const eventsKey = (classId: number, childId: number, day: string) => [
  'classes',
  classId,
  'attendance-events',
  childId,
  day,
];
export const ratesKey = (campaignId: number | undefined) => ['attendance', 'rates', campaignId ?? 0];

export const fetchGrid = (classId: number, r: Range) =>
  api.get<Grid>(`/api/classes/${classId}/attendance`, { from: r.from, to: r.to });
export const fetchEvents = (classId: number, childId: number, day: string) =>
  api.get<{ items: RawEvent[] }>(`/api/classes/${classId}/attendance/events`, { childId, day }).then((r) => r.items);
export const postCorrection = (classId: number, body: CorrectionInput) =>
  api.post<CorrectedDay>(`/api/classes/${classId}/attendance/corrections`, body);
/** The door list of the day: used only for a child's authorised pickup adults (door roles only). */
export const fetchDoor = (classId: number, day: string) => api.get<DoorView>(`/api/classes/${classId}/door`, { day });
/** A plain GET: the browser downloads the sheet with the session cookie. */
export const exportUrl = (classId: number, r: Range) =>
  withQuery(`/api/classes/${classId}/attendance.xlsx`, { from: r.from, to: r.to });
export const fetchRates = (campaignId: number | undefined) =>
  api.get<{ items: RateRow[] }>('/api/attendance/rates', { campaignId }).then((r) => r.items);

/** Today in China time (the days of the API), whatever the browser's zone. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export type Mark = '✓' | '病' | '事' | '缺' | '';

/** The sheet's mark for a cell (as the .xlsx export): ✓ present, 病 sick, 事 leave, 缺 absent; blank to come. */
export function markOf(status: DayStatus, day: string, today: string): Mark {
  if (status === 'present' || status === 'left') return '✓';
  if (status === 'sick') return '病';
  if (status === 'absent') return '事';
  return day < today ? '缺' : '';
}

export const pct = (r: number | null | undefined) =>
  r === null || r === undefined ? null : `${(Math.floor(r * 1000) / 10).toFixed(1)}%`;
