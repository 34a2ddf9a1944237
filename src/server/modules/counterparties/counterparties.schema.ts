/**
 * Shapes of the counterparty API: caterers (配餐企业), partner institutions (合作机构) and third-party providers
 * (第三方服务机构). One table, one module; fields that belong to one kind are refused on the others.
 */
import { z } from 'zod';
import { isoDateSchema } from '../../../domain/campaign/schema.js';
import { creditCodeField, phoneField } from '../orgs/orgs.schema.js';

export const COUNTERPARTY_KINDS = ['caterer', 'partner', 'provider'] as const;
export type CounterpartyKind = (typeof COUNTERPARTY_KINDS)[number];
export const PARTNER_TYPES = ['school', 'institution', 'other'] as const;
export const REVIEW_RESULTS = ['pending', 'passed', 'failed'] as const;

export const COUNTERPARTY_FILE_PURPOSES = [
  'licence',
  'catering_agreement',
  'partner_agreement',
  'qualification',
  'other',
] as const;
export type CounterpartyFilePurpose = (typeof COUNTERPARTY_FILE_PURPOSES)[number];

/** Which evidence each kind keeps: a caterer's licence and catering agreement, a partner's agreement, a provider's qualifications. */
export const PURPOSES_BY_KIND: Record<CounterpartyKind, readonly CounterpartyFilePurpose[]> = {
  caterer: ['licence', 'catering_agreement', 'other'],
  partner: ['partner_agreement', 'other'],
  provider: ['qualification', 'other'],
};

/** Fields only some kinds have; the service refuses them on the others. */
export const KIND_FIELDS: Record<CounterpartyKind, readonly string[]> = {
  caterer: ['licenceNo', 'licenceExpiry', 'agreementStart', 'agreementEnd'],
  partner: ['partnerType', 'agreementStart', 'agreementEnd'],
  provider: [],
};

const blankToNull = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' ? null : v), t.nullable().optional());

const common = {
  name: z.string().trim().min(2).max(100),
  creditCode: blankToNull(creditCodeField),
  contactName: blankToNull(z.string().trim().max(50)),
  contactPhone: blankToNull(phoneField),
};
const optionalFields = {
  /** 食品经营许可证 / 餐饮服务许可证编号. */
  licenceNo: blankToNull(z.string().trim().min(4).max(50)),
  licenceExpiry: blankToNull(isoDateSchema),
  agreementStart: blankToNull(isoDateSchema),
  agreementEnd: blankToNull(isoDateSchema),
  partnerType: blankToNull(z.enum(PARTNER_TYPES)),
};

const orgId = z.number().int().positive();
export const createCounterpartyBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('caterer'),
    orgId,
    ...common,
    licenceNo: optionalFields.licenceNo,
    licenceExpiry: optionalFields.licenceExpiry,
    agreementStart: optionalFields.agreementStart,
    agreementEnd: optionalFields.agreementEnd,
  }),
  z.strictObject({
    kind: z.literal('partner'),
    orgId,
    ...common,
    partnerType: z.enum(PARTNER_TYPES),
    agreementStart: optionalFields.agreementStart,
    agreementEnd: optionalFields.agreementEnd,
  }),
  z.strictObject({ kind: z.literal('provider'), orgId, ...common }),
]);
export type CreateCounterpartyInput = z.infer<typeof createCounterpartyBody>;

export const updateCounterpartyBody = z.strictObject({
  name: common.name.optional(),
  creditCode: common.creditCode,
  contactName: common.contactName,
  contactPhone: common.contactPhone,
  ...optionalFields,
  version: z.number().int().positive(),
});
export type UpdateCounterpartyInput = z.infer<typeof updateCounterpartyBody>;

export const reviewBody = z.strictObject({
  result: z.enum(REVIEW_RESULTS),
  note: blankToNull(z.string().trim().max(1000)),
  version: z.number().int().positive(),
});
export type ReviewInput = z.infer<typeof reviewBody>;

export const reasonBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const listCounterpartiesQuery = z.object({
  kind: z.enum(COUNTERPARTY_KINDS).optional(),
  /** Counterparties of this organisation's subtree (a unit: its own). */
  orgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const counterpartyIdParams = z.object({ id: z.coerce.number().int().positive() });

export const counterpartyResponse = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.enum(COUNTERPARTY_KINDS),
  name: z.string(),
  creditCode: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  licenceNo: z.string().nullable(),
  licenceExpiry: z.string().nullable(),
  agreementStart: z.string().nullable(),
  agreementEnd: z.string().nullable(),
  partnerType: z.enum(PARTNER_TYPES).nullable(),
  /** Provider qualification review (资质审核); null until someone records a result. */
  review: z
    .object({
      result: z.enum(REVIEW_RESULTS),
      note: z.string().nullable(),
      byId: z.number().nullable(),
      byName: z.string().nullable(),
      at: z.date().nullable(),
    })
    .nullable(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  abilities: z.object({
    update: z.boolean(),
    deactivate: z.boolean(),
    reactivate: z.boolean(),
    upload: z.boolean(),
    review: z.boolean(),
  }),
});
export type CounterpartyDto = z.infer<typeof counterpartyResponse>;

export const counterpartyListResponse = z.object({ items: z.array(counterpartyResponse), total: z.number() });
