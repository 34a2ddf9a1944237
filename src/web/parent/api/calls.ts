/** Every API call the parents' app makes, one function each (the contract is the server's route schemas). */
import { api } from './client';
import type {
  Agreement,
  Child,
  ChildInput,
  ChildUpdate,
  Employer,
  Enrolment,
  Family,
  InsuranceInput,
  Lottery,
  Me,
  OpenClass,
  ParentEnrolment,
  PrivacyNotice,
  RegisterInput,
} from './types';

export const getMe = () => api.get<Me>('/api/auth/me', { quiet401: true });
export const signIn = (phone: string, password: string) =>
  api.post<Me>('/api/auth/login', { username: phone, password }, { quiet401: true });
export const signOut = () => api.post<{ ok: true }>('/api/auth/logout');

export const getPrivacyNotice = () => api.get<PrivacyNotice>('/api/public/privacy-notice');
export const searchEmployers = (q: string) =>
  api.get<{ items: Employer[] }>(`/api/public/employers?q=${encodeURIComponent(q)}`);
export const sendPhoneCode = (phone: string) =>
  api.post<{ expiresInSeconds: number }>('/api/parents/phone-code', { phone });
export const register = (input: RegisterInput) => api.post<{ userId: number }>('/api/parents/register', input);

export const getFamily = () => api.get<Family>('/api/family');
export const createInvite = () => api.post<{ code: string }>('/api/family/invite');
export const addChild = (input: ChildInput) => api.post<Child>('/api/family/children', input);
export const updateChild = (id: number, input: ChildUpdate) => api.patch<Child>(`/api/family/children/${id}`, input);
export const withdrawConsent = (childId: number, kind: 'health' | 'photo' | 'publicity') =>
  api.post<{ ok: true }>('/api/family/consents/withdraw', { childId, kind });
export const grantConsent = (childId: number, kind: 'health' | 'photo' | 'publicity', privacyNoticeVersion: string) =>
  api.post<{ ok: true }>('/api/family/consents/grant', { childId, kind, privacyNoticeVersion });

export const listOpenClasses = () => api.get<{ items: OpenClass[] }>('/api/parent/classes');
export const listEnrolments = () => api.get<{ items: ParentEnrolment[] }>('/api/parent/enrolments');
export const applyForPlace = (classId: number, childId: number) =>
  api.post<Enrolment>('/api/enrolments', { classId, childId });
export const confirmOffer = (id: number) => api.post<{ ok: true }>(`/api/enrolments/${id}/confirm`);
export const withdrawEnrolment = (id: number, reason: string) =>
  api.post<{ ok: true }>(`/api/enrolments/${id}/withdraw`, { reason });
export const getAgreement = (id: number) => api.get<Agreement>(`/api/enrolments/${id}/agreement`);
export const signAgreement = (id: number, typedName: string, textSha256: string) =>
  api.post<{ ok: true }>(`/api/enrolments/${id}/sign`, { typedName, textSha256 });
export const uploadInsuranceFile = (id: number, file: Blob, filename: string) =>
  api.upload<{ id: number }>(`/api/enrolments/${id}/files`, file, filename);
export const submitInsurance = (id: number, input: InsuranceInput) =>
  api.post<{ proofId: number }>(`/api/enrolments/${id}/insurance`, input);
export const getLottery = (classId: number) => api.get<Lottery>(`/api/classes/${classId}/lottery`);
