/** Calls of the class page's 台账 and 活动 tabs (/api/classes/:id/daily-records, /timetable, /daily-files). */
import type { z } from 'zod';
import type { DailyRecordKind } from '../../../domain/campaign/schema';
import type {
  createRecordBody,
  dailyFileResponse,
  dayRecordsResponse,
  missingTodayResponse,
  recordResponse,
  sessionResponse,
  summaryResponse,
  timetableResponse,
} from '../../../server/modules/daily/daily.schema';
import { api } from '../../app/api/client';
import type { Wire } from '../../app/api/types';

export type { DailyRecordKind };
export type DayRecords = Wire<z.infer<typeof dayRecordsResponse>>;
export type DailyRecord = Wire<z.infer<typeof recordResponse>>;
export type RecordInput = z.input<typeof createRecordBody>;
export type DailySummary = Wire<z.infer<typeof summaryResponse>>;
export type MissingToday = Wire<z.infer<typeof missingTodayResponse>>;
export type Timetable = Wire<z.infer<typeof timetableResponse>>;
export type ActivitySession = Wire<z.infer<typeof sessionResponse>>;
export type DailyFile = z.infer<typeof dailyFileResponse>;

export const DAILY_KINDS: DailyRecordKind[] = ['patrol', 'disinfection', 'meal', 'cleaning', 'fire', 'epidemic'];

export const dailyKey = (classId: number, day: string) => ['classes', classId, 'daily', day] as const;
export const dailySummaryKey = (classId: number) => ['classes', classId, 'daily-summary'] as const;
export const timetableKey = (classId: number, day: string) => ['classes', classId, 'timetable', day] as const;

export const fetchDayRecords = (classId: number, day: string) =>
  api.get<DayRecords>(`/api/classes/${classId}/daily-records`, { day });
export const fetchDailySummary = (classId: number, from: string, to: string) =>
  api.get<DailySummary>(`/api/classes/${classId}/daily-records/summary`, { from, to });
export const fetchMissingToday = (classId: number) =>
  api.get<MissingToday>(`/api/classes/${classId}/daily-records/missing-today`);
export const createDailyRecord = (classId: number, body: RecordInput) =>
  api.post<DailyRecord>(`/api/classes/${classId}/daily-records`, body);
export const uploadDailyPhoto = (classId: number, file: File | Blob) =>
  api.upload<DailyFile>(`/api/classes/${classId}/daily-files`, file);

export const fetchTimetable = (classId: number, day: string) =>
  api.get<Timetable>(`/api/classes/${classId}/timetable`, { day });
export const tickSession = (classId: number, sessionId: number, body: { note?: string; photoFileId?: number }) =>
  api.post<ActivitySession>(`/api/classes/${classId}/timetable/${sessionId}/done`, body);
export const noteSession = (classId: number, sessionId: number, note: string) =>
  api.post<ActivitySession>(`/api/classes/${classId}/timetable/${sessionId}/notes`, { note });
