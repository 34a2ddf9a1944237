/**
 * The door screen's HTTP client and the shapes of the attendance contract (docs: the attendance routes).
 * The session cookie travels by itself; the CSRF token from sign-in / `GET /api/auth/me` goes on writes.
 * Failures become `ApiError` with the server's code and translated message; code 'NETWORK' means offline.
 */
import { currentLang, translate } from './i18n';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const isNetworkError = (e: unknown) => e instanceof ApiError && e.code === 'NETWORK';

type Listener = (message: string) => void;
const signedOutListeners = new Set<Listener>();
export function onSignedOut(l: Listener): () => void {
  signedOutListeners.add(l);
  return () => signedOutListeners.delete(l);
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function hasCsrfToken(): boolean {
  return csrfToken !== null;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
  opts: { quiet401?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    'accept-language': currentLang() === 'en' ? 'en' : 'zh-CN',
    accept: 'application/json',
  };
  if (method !== 'GET') {
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (res.ok) return data as T;
  const b = (data && typeof data === 'object' ? data : {}) as { code?: string; message?: string };
  // A proxy or captive portal answering for a dead upstream is "offline" too.
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  const err = new ApiError(
    res.status,
    b.code ?? 'HTTP_ERROR',
    b.message ?? translate('error.http', { status: res.status }),
  );
  if (res.status === 401 && !opts.quiet401) for (const l of signedOutListeners) l(err.message);
  throw err;
}

// --- shapes -------------------------------------------------------------------------------------------------------

export interface Me {
  user: { id: number; username: string; displayName: string; mustChangePassword?: boolean };
  totpEnrollmentRequired?: boolean;
  csrfToken: string;
  grants?: { role: string; orgId: number }[];
}

export interface Counts {
  enrolled: number;
  present: number;
  left: number;
  absent: number;
  missing: number;
}

export interface DoorClass {
  id: number;
  name: string;
  orgName: string;
  status: string;
  dailyStart: string | null;
  dailyEnd: string | null;
  today: Counts;
}

export type DoorStatus = 'expected' | 'present' | 'left' | 'absent' | 'sick';

export interface PickupAdult {
  id: number;
  name: string;
  relation: string;
  allowed: boolean;
}

export interface DoorChild {
  childId: number;
  name: string;
  initials: string;
  grade: string | number | null;
  photoUrl: string | null;
  allergies: string | null;
  healthNotes: string | null;
  healthAcked: boolean;
  status: DoorStatus;
  checkInAt: string | null;
  checkOutAt: string | null;
  absenceNote: string | null;
  pickedUpBy: string | null;
  pickupAdults: PickupAdult[];
  /** The child's registered guardians: they may always pick the child up. */
  guardians?: { userId: number; name: string }[];
  /** What of the paperwork is missing today (the door does not check the child in until it is done). */
  paperworkMissing?: PaperworkGap[];
}

export interface DoorDay {
  class: {
    id: number;
    name: string;
    dailyStart: string | null;
    dailyEnd: string | null;
    arrivalAlertTime?: string;
    /** Today is a class day (absent from an older cached list). */
    classDay?: boolean;
  };
  day: string;
  serverTime: string;
  counts: Counts;
  children: DoorChild[];
}

export interface DoorEvent {
  clientId: string;
  classId: number;
  childId: number;
  kind: 'check_in' | 'check_out';
  occurredAt: string;
  pickupAdultId?: number;
  pickupCode?: string;
  /** A registered guardian of the child, who need not be on the pickup list. */
  pickupGuardianId?: number;
  /** The staff member confirmed a check-in outside the class's hours (else the server refuses OUTSIDE_HOURS). */
  confirmOutsideHours?: boolean;
  note?: string;
}

export type PaperworkGap = 'agreement' | 'insurance';

export interface EventResult {
  clientId: string;
  outcome: 'applied' | 'duplicate' | 'replayed' | 'refused';
  code?: string;
  message?: string;
  /** With code PAPERWORK_MISSING: what is missing. */
  missing?: PaperworkGap[];
  eventId?: number;
}

/** The signed-in person's own marks at the class door (到岗签到/离岗签退): volunteers and class staff alike. */
export interface StaffMark {
  clientId: string;
  classId: number;
  kind: 'in' | 'out';
  occurredAt: string;
}

/** A class on whose roster the signed-in person stands, with today's own marks there. */
export interface MyDoorClass {
  classId: number;
  className: string;
  role: string;
  marksToday: { kind: 'in' | 'out'; at: string }[];
}

export interface MarkResult {
  clientId: string;
  outcome: 'applied' | 'replayed' | 'refused';
  code?: string;
  message?: string;
}

// --- calls --------------------------------------------------------------------------------------------------------

export const getMe = () => request<Me>('GET', '/api/auth/me', undefined, { quiet401: true });
export const signIn = (username: string, password: string) =>
  request<Me>('POST', '/api/auth/login', { username, password }, { quiet401: true });
export const signOut = () => request<unknown>('POST', '/api/auth/logout', {});
export const listDoorClasses = () => request<{ items: DoorClass[] }>('GET', '/api/door/classes');
export const getDoorDay = (classId: number) => request<DoorDay>('GET', `/api/classes/${classId}/door`);
export const postEvents = (deviceId: string, events: DoorEvent[]) =>
  request<{ results: EventResult[]; children: DoorChild[] }>('POST', '/api/attendance/events', { deviceId, events });
export const postHealthAck = (classId: number, childId: number, day: string) =>
  request<unknown>('POST', `/api/classes/${classId}/door/health-ack`, { childId, day });
export const getMyDoorClasses = () => request<{ items: MyDoorClass[] }>('GET', '/api/volunteers/me/classes');
export const postMarks = (marks: StaffMark[]) =>
  request<{ results: MarkResult[]; items: MyDoorClass[] }>('POST', '/api/volunteers/me/marks', { marks });
