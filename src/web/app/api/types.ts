/**
 * Response and request types shared with the server: inferred from its zod schemas (type-only imports, so no
 * server code reaches the bundle). JSON turns Date fields into ISO strings, hence `Wire<…>`.
 */
import type { z } from 'zod';
import type { Campaign as CampaignParamsType } from '../../../domain/campaign/schema';
import type { MeResponse, totpSetupResponse } from '../../../server/modules/auth/auth.schema';
import type {
  campaignDetail,
  campaignSummary,
  createCampaignBody,
} from '../../../server/modules/campaigns/campaigns.schema';
import type {
  classDetail,
  classSummary,
  createClassBody,
  staffBody,
  staffResponse,
} from '../../../server/modules/classes/classes.schema';
import type {
  counterpartyResponse,
  createCounterpartyBody,
  updateCounterpartyBody,
} from '../../../server/modules/counterparties/counterparties.schema';
import type { childResponse, guardianResponse } from '../../../server/modules/families/families.schema';
import type { fileResponse } from '../../../server/modules/files/files.schema';
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
import type {
  checklistBody,
  createVenueBody,
  updateVenueBody,
  venueResponse,
} from '../../../server/modules/venues/venues.schema';

/** The JSON form of a server type: Dates travel as strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type Me = Wire<MeResponse>;
/** The areas and pages `me.abilities` opens (its yes/no entries); the server decides each, the console only reads them. */
export type Ability = {
  [K in keyof Me['abilities']]: Me['abilities'][K] extends boolean ? K : never;
}[keyof Me['abilities']];
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

// ── The care programme (issues 3–5) ──────────────────────────────────────────────────────────────────────────

export type CampaignSummary = Wire<z.infer<typeof campaignSummary>>;
/** `params` travels as a loose record; its real shape is the domain's parameter model. */
export type CampaignDetail = Omit<Wire<z.infer<typeof campaignDetail>>, 'params'> & { params: CampaignParams };
export type CampaignParams = CampaignParamsType;
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;

export type ClassSummary = Wire<z.infer<typeof classSummary>>;
export type ClassDetail = Wire<z.infer<typeof classDetail>>;
export type ClassAbilities = ClassSummary['abilities'];
export type RuleVerdict = NonNullable<ClassDetail['verdict']>['rules'][number];
export type CreateClassInput = z.infer<typeof createClassBody>;
export type ClassFieldsInput = Partial<Omit<CreateClassInput, 'campaignId' | 'orgId'>>;
export type ActivitySlot = ClassDetail['activityPlan'][number];
export type Staff = z.infer<typeof staffResponse>;
export type StaffInput = z.input<typeof staffBody>;

export type Venue = Wire<z.infer<typeof venueResponse>>;
export type CreateVenueInput = z.input<typeof createVenueBody>;
export type UpdateVenueInput = z.input<typeof updateVenueBody>;
export type ChecklistInput = z.input<typeof checklistBody>;

export type Counterparty = Wire<z.infer<typeof counterpartyResponse>>;
export type CounterpartyKind = Counterparty['kind'];
export type CreateCounterpartyInput = z.input<typeof createCounterpartyBody>;
export type UpdateCounterpartyInput = z.input<typeof updateCounterpartyBody>;

export type StoredFile = Wire<z.infer<typeof fileResponse>>;

export type Guardian = Wire<z.infer<typeof guardianResponse>>;
export type Child = z.infer<typeof childResponse>;
