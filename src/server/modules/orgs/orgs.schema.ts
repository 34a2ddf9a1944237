/** Shapes of the organisation API. Field rules match the import's, so both refuse the same data. */
import { z } from 'zod';
import { isValidCreditCode, normalizeCreditCode } from '../../../domain/org/creditCode.js';
import { isValidDivisionCode, ORG_KINDS, UNIT_TYPES } from '../../../domain/org/orgKinds.js';
import { normalizeMobile } from '../../../domain/people/mask.js';
import { ROLES } from '../../../domain/people/roles.js';

export const creditCodeField = z
  .string()
  .transform(normalizeCreditCode)
  .refine(isValidCreditCode, { message: 'i18n:creditCode' });
export const divisionCodeField = z.string().trim().refine(isValidDivisionCode, { message: 'i18n:divisionCode' });
export const phoneField = z
  .string()
  .trim()
  .refine((v) => normalizeMobile(v) !== null || /^0\d{2,3}-?\d{7,8}$/.test(v), { message: 'i18n:mobile' })
  .transform((v) => normalizeMobile(v) ?? v);

const optional = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' ? null : v), t.nullable().optional());

export const orgFields = {
  name: z.string().trim().min(2).max(100),
  unitType: optional(z.enum(UNIT_TYPES)),
  creditCode: optional(creditCodeField),
  divisionCode: optional(divisionCodeField),
  address: optional(z.string().trim().max(200)),
  contactName: optional(z.string().trim().max(50)),
  contactPhone: optional(phoneField),
};

export const createOrgBody = z.object({
  parentId: z.number().int().positive(),
  kind: z.enum(ORG_KINDS),
  ...orgFields,
});
export type CreateOrgInput = z.infer<typeof createOrgBody>;

export const updateOrgBody = z
  .object({ ...orgFields, name: orgFields.name.optional(), version: z.number().int().positive() })
  .strict();
export type UpdateOrgInput = z.infer<typeof updateOrgBody>;

export const moveOrgBody = z.object({ newParentId: z.number().int().positive() });
export const deactivateBody = z.object({ reason: z.string().trim().min(2).max(500) });

export const orgAbilities = z.object({
  update: z.boolean(),
  createChild: z.boolean(),
  move: z.boolean(),
  deactivate: z.boolean(),
  reactivate: z.boolean(),
  grantableRoles: z.array(z.enum(ROLES)),
});

export const orgResponse = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  path: z.string(),
  kind: z.enum(ORG_KINDS),
  unitType: z.enum(UNIT_TYPES).nullable(),
  name: z.string(),
  creditCode: z.string().nullable(),
  divisionCode: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  abilities: orgAbilities,
});
export type OrgDto = z.infer<typeof orgResponse>;

export const listOrgsQuery = z.object({
  parentId: z.coerce.number().int().positive().optional(),
  /** Search the whole visible subtree under this node (inclusive). */
  under: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  kind: z.enum(ORG_KINDS).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

export const orgListResponse = z.object({ items: z.array(orgResponse), total: z.number() });

export const treeResponse = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      parentId: z.number().nullable(),
      name: z.string(),
      kind: z.enum(ORG_KINDS),
      active: z.boolean(),
      createChild: z.boolean(),
    }),
  ),
});

export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const importResult = z.object({ imported: z.number(), ids: z.array(z.number()) });
