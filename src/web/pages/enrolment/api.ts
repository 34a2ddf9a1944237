/**
 * Calls of the enrolment side of a class (issue 5): applications, readiness ("who is missing what"), settings,
 * the verifiable lottery, fees, insurance review, reminders, children's records and the custody agreement.
 * These routes declare their zod shapes inline in enrolments.routes.ts (nothing exported to import types from),
 * so the shapes are written out here, field for field.
 */
import { api } from '../../app/api/client';
import type { Child } from '../../app/api/types';

export type EnrolmentStatus = 'applied' | 'offered' | 'accepted' | 'waitlisted' | 'withdrawn' | 'expired' | 'rejected';
export type FeeStatus = 'none' | 'due' | 'paid' | 'waived';
export type InsuranceState = 'missing' | 'pending' | 'confirmed' | 'rejected';
export type Missing = 'confirmation' | 'agreement' | 'insurance' | 'fee';

export interface Enrolment {
  id: number;
  classId: number;
  childId: number;
  status: EnrolmentStatus;
  reason: string | null;
  priorityGroup: number;
  lotteryRank: number | null;
  appliedAt: string;
  offerExpiresAt: string | null;
  feeStatus: string;
  childName: string;
  grade: string;
}

export interface Readiness {
  enrolmentId: number;
  childId: number;
  childName: string;
  grade: string;
  status: string;
  agreementSigned: boolean;
  insurance: InsuranceState;
  fee: string;
  enrolled: boolean;
  missing: string[];
  /**
   * The latest insurance proof to review. Not sent by the server yet (see the report: readiness rows need the
   * proof's id, insurer, policy number, period and file); the review button appears once it is.
   */
  insuranceProof?: {
    id: number;
    insurer: string;
    policyNo: string;
    periodStart: string;
    periodEnd: string;
    fileId: number | null;
  };
}

export interface LotteryPublication {
  seedHash?: string;
  seed?: string;
  drawnAt: string | null;
  entries?: { ref: string; priorityGroup: number; rank: number }[];
}

export interface EnrolmentSettings {
  allocation: 'fcfs' | 'lottery';
  windowOpensAt?: string | null;
  windowClosesAt?: string | null;
  openToAll?: boolean;
}

export const enrolmentsKey = (classId: number) => ['classes', classId, 'enrolments'] as const;
export const lotteryKey = (classId: number) => ['classes', classId, 'lottery'] as const;
/** The settings last saved from this browser: the API has no read route for them yet. */
export const settingsKey = (classId: number) => ['classes', classId, 'enrolment-settings'] as const;

export const fetchEnrolments = (classId: number) =>
  api.get<{ items: Enrolment[]; readiness: Readiness[] }>(`/api/classes/${classId}/enrolments`);
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
  api.post<{ id: number; version: number; sha256: string }>(`/api/orgs/${orgId}/agreements`, { title, body });
