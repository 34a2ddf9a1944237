/**
 * Shapes the parents' app exchanges with the API, inferred from the server's zod schemas (type-only imports: no
 * server code reaches the bundle).
 */
import type { z } from 'zod';
import type { meResponse } from '../../../server/modules/auth/auth.schema';
import type {
  enrolmentAgreementResponse,
  enrolmentResponse,
  enrolmentStatus,
  insuranceBody,
  insuranceState,
  lotteryResponse,
  openClassResponse,
  parentEnrolmentResponse,
} from '../../../server/modules/enrolments/enrolments.schema';
import type {
  childBody,
  childResponse,
  employerListResponse,
  familyResponse,
  privacyNoticeResponse,
  registerBody,
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

export type PrivacyNotice = z.infer<typeof privacyNoticeResponse>;
export type Employer = z.infer<typeof employerListResponse>['items'][number];
export type RegisterInput = z.input<typeof registerBody>;

export type OpenClass = Wire<z.infer<typeof openClassResponse>>;
export type EnrolmentStatus = z.infer<typeof enrolmentStatus>;
export type InsuranceState = z.infer<typeof insuranceState>;
/** An application as the server sends it, with the caller's `abilities`. */
export type Enrolment = Wire<z.infer<typeof enrolmentResponse>>;
/** The family's own application; for a held place also what is in place before the first day and what is not. */
export type ParentEnrolment = Wire<z.infer<typeof parentEnrolmentResponse>>;
export type Agreement = z.infer<typeof enrolmentAgreementResponse>;
export type Lottery = Wire<z.infer<typeof lotteryResponse>>;
export type InsuranceInput = z.input<typeof insuranceBody>;
