/** Request and response shapes of the sign-in API (shared with the web client through z.infer). */
import { z } from 'zod';
import { ROLES } from '../../../domain/people/roles.js';
import { ORG_KINDS } from '../../../domain/org/orgKinds.js';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z.string().trim().max(10).optional(),
});

export const meResponse = z.object({
  user: z.object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    phone: z.string().nullable(),
    mustChangePassword: z.boolean(),
    totpEnabled: z.boolean(),
  }),
  grants: z.array(
    z.object({
      role: z.enum(ROLES),
      orgId: z.number(),
      orgName: z.string(),
      orgKind: z.enum(ORG_KINDS),
      orgPath: z.string(),
    }),
  ),
  csrfToken: z.string(),
  totpEnrollmentRequired: z.boolean(),
  abilities: z.object({
    manageOrgs: z.boolean(),
    /** Inspectors, reviewers and auditors read the tree and the people in it without changing them. */
    readOrgs: z.boolean(),
    readUsers: z.boolean(),
    manageUsers: z.boolean(),
    readAudit: z.boolean(),
    manageSettings: z.boolean(),
  }),
});
export type MeResponse = z.infer<typeof meResponse>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const totpSetupResponse = z.object({ secret: z.string(), uri: z.string() });
export const totpCodeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export const okResponse = z.object({ ok: z.literal(true) });
