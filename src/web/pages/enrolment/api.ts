/**
 * Calls of the enrolment side of a class (issue 5): applications, readiness ("who is missing what"), settings,
 * the verifiable lottery, fees, insurance review, reminders, children's records and the custody agreement. The
 * shapes are the server's (enrolments.schema.ts), inferred with type-only imports.
 */
import type { z } from 'zod';
import type {
  classEnrolmentsResponse,
  enrolmentSettingsBody,
  enrolmentStatus,
  INSURANCE_STATES,
  lotteryResponse,
  publishedAgreementResponse,
  READINESS_ITEMS,
} from '../../../server/modules/enrolments/enrolments.schema';
import { api } from '../../app/api/client';
import type { Child, Wire } from '../../app/api/types';

export type EnrolmentStatus = z.infer<typeof enrolmentStatus>;
export type FeeStatus = 'none' | 'due' | 'paid' | 'waived';
export type InsuranceState = (typeof INSURANCE_STATES)[number];
export type Missing = (typeof READINESS_ITEMS)[number];

type ClassEnrolments = Wire<z.infer<typeof classEnrolmentsResponse>>;
/** One application in the class's list, with the caller's abilities on it. */
export type Enrolment = ClassEnrolments['items'][number];
export type Readiness = ClassEnrolments['readiness'][number];
export type ClassEnrolmentAbilities = ClassEnrolments['abilities'];
export type LotteryPublication = Wire<z.infer<typeof lotteryResponse>>;
export type EnrolmentSettings = Wire<z.infer<typeof enrolmentSettingsBody>>;

export const enrolmentsKey = (classId: number) => ['classes', classId, 'enrolments'] as const;
export const lotteryKey = (classId: number) => ['classes', classId, 'lottery'] as const;
/** The settings last saved from this browser: the API has no read route for them yet. */
export const settingsKey = (classId: number) => ['classes', classId, 'enrolment-settings'] as const;

export const fetchEnrolments = (classId: number) => api.get<ClassEnrolments>(`/api/classes/${classId}/enrolments`);
export const saveSettings = (classId: number, s: EnrolmentSettings) =>
  api.put<{ ok: true }>(`/api/classes/${classId}/enrolment-settings`, s);
export const fetchLottery = (classId: number) => api.get<LotteryPublication>(`/api/classes/${classId}/lottery`);
export const drawLottery = (classId: number) => api.post<{ entries: number }>(`/api/classes/${classId}/lottery/draw`);
export const sendReminders = (classId: number) => api.post<{ sent: number }>(`/api/classes/${classId}/reminders`);
export const recordFee = (enrolmentId: number, status: 'paid' | 'waived', receipt: string | null) =>
  api.post<{ ok: true }>(`/api/enrolments/${enrolmentId}/fee`, { status, receipt });
export const reviewInsurance = (proofId: number, decision: 'confirmed' | 'rejected', note?: string) =>
  api.post<{ ok: true }>(`/api/insurance/${proofId}/review`, { decision, ...(note ? { note } : {}) });
export const fetchChild = (id: number) => api.get<Child>(`/api/children/${id}`);
/** Audited on the server: every reveal is a row in the audit log. */
export const revealChildId = (id: number) => api.post<{ idNumber: string }>(`/api/children/${id}/reveal-id`);
export const fetchAgreementTemplate = () => api.get<{ body: string }>('/api/agreements/template').then((r) => r.body);
export const publishAgreement = (orgId: number, title: string, body: string) =>
  api.post<z.infer<typeof publishedAgreementResponse>>(`/api/orgs/${orgId}/agreements`, { title, body });
