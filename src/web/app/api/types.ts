/**
 * Response and request types shared with the server: inferred from its zod schemas (type-only imports, so no
 * server code reaches the bundle). JSON turns Date fields into ISO strings, hence `Wire<…>`.
 */
import type { z } from 'zod';
import type { meResponse, totpSetupResponse } from '../../../server/modules/auth/auth.schema';
import type {
  createOrgBody,
  importResult,
  orgListResponse,
  orgResponse,
  treeResponse,
  updateOrgBody,
} from '../../../server/modules/orgs/orgs.schema';
import type {
  createUserBody,
  grantBody,
  updateUserBody,
  userCreatedResponse,
  userResponse,
} from '../../../server/modules/users/users.schema';

/** The JSON form of a server type: Dates travel as strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type Me = Wire<z.infer<typeof meResponse>>;
export type TotpSetup = z.infer<typeof totpSetupResponse>;

export type Org = Wire<z.infer<typeof orgResponse>>;
export type OrgList = Wire<z.infer<typeof orgListResponse>>;
export type TreeNode = z.infer<typeof treeResponse>['nodes'][number];
export type CreateOrgInput = z.infer<typeof createOrgBody>;
export type UpdateOrgInput = z.infer<typeof updateOrgBody>;
export type ImportResult = z.infer<typeof importResult>;

export type User = Wire<z.infer<typeof userResponse>>;
export type UserCreated = Wire<z.infer<typeof userCreatedResponse>>;
export type Grant = User['grants'][number];
export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
export type GrantInput = z.infer<typeof grantBody>;

export interface Page<T> {
  items: T[];
  total: number;
}
