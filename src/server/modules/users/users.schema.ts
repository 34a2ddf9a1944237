/** Shapes of the people-and-roles API. Phones leave the server masked; revealing one is a separate, audited call. */
import { z } from 'zod';
import { ORG_KINDS } from '../../../domain/org/orgKinds.js';
import { ROLES } from '../../../domain/people/roles.js';
import { phoneField } from '../orgs/orgs.schema.js';

export const usernameField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, { message: 'i18n:username' });

export const createUserBody = z.object({
  username: usernameField,
  displayName: z.string().trim().min(1).max(50),
  phone: z.preprocess((v) => (v === '' ? null : v), phoneField.nullable().optional()),
  role: z.enum(ROLES),
  orgId: z.number().int().positive(),
  /** Optional: without it a random initial password is generated and shown once. */
  password: z.string().min(1).max(128).optional(),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(50).optional(),
    phone: z.preprocess((v) => (v === '' ? null : v), phoneField.nullable().optional()),
    version: z.number().int().positive(),
  })
  .strict();

export const grantBody = z.object({ role: z.enum(ROLES), orgId: z.number().int().positive() });
export const reasonBody = z.object({ reason: z.string().trim().min(2).max(500) });

export const grantResponse = z.object({
  id: z.number(),
  role: z.enum(ROLES),
  orgId: z.number(),
  orgName: z.string(),
  orgKind: z.enum(ORG_KINDS),
  orgActive: z.boolean(),
  revocable: z.boolean(),
});

export const userResponse = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
  version: z.number(),
  grants: z.array(grantResponse),
  abilities: z.object({ manage: z.boolean(), revealPhone: z.boolean() }),
});
export type UserDto = z.infer<typeof userResponse>;

export const userCreatedResponse = userResponse.extend({ initialPassword: z.string().nullable() });

export const listUsersQuery = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  role: z.enum(ROLES).optional(),
  q: z.string().trim().max(50).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const userIdParams = z.object({ id: z.coerce.number().int().positive() });
export const grantIdParams = z.object({
  id: z.coerce.number().int().positive(),
  grantId: z.coerce.number().int().positive(),
});
