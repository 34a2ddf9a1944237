/**
 * Shapes the parents' app exchanges with the API. Family and child types are inferred from the server's zod
 * schemas (type-only imports: no server code reaches the bundle); the enrolment routes declare their schemas
 * inline, so those are restated here field for field from `src/server/modules/enrolments/enrolments.routes.ts`.
 */
import type { z } from 'zod';
import type { meResponse } from '../../../server/modules/auth/auth.schema';
import type {
  childBody,
  childResponse,
  familyResponse,
  updateChildBody,
} from '../../../server/modules/families/families.schema';

/** The JSON form of a server type: Dates travel as strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type Me = Wire<z.infer<typeof meResponse>>;
export type Family = Wire<z.infer<typeof familyResponse>>;
export type Guardian = Family['guardians'][number];
export type Child = z.infer<typeof childResponse>;
export type ChildInput = z.input<typeof childBody>;
export type ChildUpdate = z.input<typeof updateChildBody>;
export type Grade = Child['grade'];

export interface PrivacyNotice {
  version: string;
  title: string;
  body: string;
}

export interface Employer {
  id: number;
  name: string;
}

export interface OpenClass {
  id: number;
  name: string;
  orgName: string;
  startDate: string | null;
  endDate: string | null;
  dailyStart: string | null;
  dailyEnd: string | null;
  feeAmount: number;
  feeNote: string | null;
  meals: string;
  placesLeft: number;
  allocation: string;
  windowClosesAt: string | null;
  gradesOffered: (number | string)[];
  publicDescription: string | null;
}

export type EnrolmentStatus = 'applied' | 'offered' | 'accepted' | 'waitlisted' | 'withdrawn' | 'expired' | 'rejected';
export type InsuranceState = 'missing' | 'pending' | 'confirmed' | 'rejected';

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
}

/**
 * What "before the first day" still needs. Not (yet) part of GET /api/parent/enrolments — see the report on
 * issue 5: when the server adds these fields the app uses them; until then it asks the agreement endpoint and
 * remembers an insurance submission on this phone.
 */
export interface ReadinessFields {
  agreementSigned?: boolean;
  insurance?: InsuranceState;
  enrolled?: boolean;
  missing?: string[];
}

export interface ParentEnrolment extends Enrolment, ReadinessFields {
  className: string;
  childName: string;
  startDate: string | null;
  endDate: string | null;
}

export interface Agreement {
  id: number;
  version: number;
  title: string;
  body: string;
  sha256: string;
  signed: boolean;
}

export interface Lottery {
  seedHash?: string;
  seed?: string;
  drawnAt: string | null;
  entries?: { ref: string; priorityGroup: number; rank: number }[];
}

export interface InsuranceInput {
  insurer: string;
  policyNo: string;
  periodStart: string;
  periodEnd: string;
  fileId?: number | null;
}
