/**
 * Shapes of the venue API (场地). The checklist answers the P-R4 items with the same names the rules engine reads
 * (`VenueSnapshot`): `nearHazard` is true when the site IS near a pollution or hazard source (the bad answer).
 * "Not a forbidden location" is not asked: it follows from `location` and `buildingUse`.
 */
import { z } from 'zod';
import { BUILDING_USES, VENUE_CHECKS, VENUE_LOCATIONS } from '../../../domain/campaign/schema.js';
import { fileResponse } from '../files/files.schema.js';
import { divisionCodeField } from '../orgs/orgs.schema.js';

const blankToNull = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' ? null : v), t.nullable().optional());
const answer = z.boolean().nullable();

/** Evidence kinds a venue keeps (fire inspection certificate, lease, photos). */
export const VENUE_FILE_PURPOSES = ['fire_certificate', 'lease', 'photo', 'other'] as const;
export type VenueFilePurpose = (typeof VENUE_FILE_PURPOSES)[number];

const perItem = <T extends z.ZodType>(t: T) => z.partialRecord(z.enum(VENUE_CHECKS), t).default({});

/** Replaced as a whole on every write: each answer is stated, null meaning "not yet checked". */
export const checklistBody = z.strictObject({
  independent: answer,
  nearHazard: answer,
  ventilationLighting: answer,
  fireSafety: answer,
  surveillance: answer,
  /** A short note per item (e.g. "消防验收合格，2025-03"). */
  notes: perItem(z.string().trim().max(500)),
  /** Files of this venue that prove an item (uploaded first, then referenced here). */
  evidence: perItem(z.array(z.number().int().positive()).max(20)),
});
export type ChecklistInput = z.infer<typeof checklistBody>;

export const EMPTY_CHECKLIST: ChecklistInput = {
  independent: null,
  nearHazard: null,
  ventilationLighting: null,
  fireSafety: null,
  surveillance: null,
  notes: {},
  evidence: {},
};

const venueFields = {
  name: z.string().trim().min(2).max(100),
  divisionCode: blankToNull(divisionCodeField),
  address: z.string().trim().min(2).max(200),
  location: z.enum(VENUE_LOCATIONS),
  floor: blankToNull(z.string().trim().max(20)),
  buildingUse: z.enum(BUILDING_USES),
  areaM2: blankToNull(z.number().int().min(1).max(1_000_000)),
  capacity: blankToNull(z.number().int().min(1).max(10_000)),
  checklist: checklistBody.optional(),
};

export const createVenueBody = z.strictObject({ orgId: z.number().int().positive(), ...venueFields });
export type CreateVenueInput = z.infer<typeof createVenueBody>;

export const updateVenueBody = z.strictObject({
  name: venueFields.name.optional(),
  divisionCode: venueFields.divisionCode,
  address: venueFields.address.optional(),
  location: venueFields.location.optional(),
  floor: venueFields.floor,
  buildingUse: venueFields.buildingUse.optional(),
  areaM2: venueFields.areaM2,
  capacity: venueFields.capacity,
  checklist: venueFields.checklist,
  version: z.number().int().positive(),
});
export type UpdateVenueInput = z.infer<typeof updateVenueBody>;

export const confirmChecklistBody = z.strictObject({
  /** The version the confirmer looked at: a checklist changed meanwhile is not confirmed blind (409). */
  version: z.number().int().positive(),
});
export const reasonBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const listVenuesQuery = z.object({
  /** Venues of this organisation's subtree (a unit: its own venues). */
  orgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const venueIdParams = z.object({ id: z.coerce.number().int().positive() });

const itemStatus = z.enum(['met', 'unmet', 'unknown']);

export const venueAbilitiesSchema = z.object({
  update: z.boolean(),
  deactivate: z.boolean(),
  reactivate: z.boolean(),
  upload: z.boolean(),
  confirmChecklist: z.boolean(),
});

export const venueResponse = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  divisionCode: z.string().nullable(),
  address: z.string(),
  location: z.enum(VENUE_LOCATIONS),
  floor: z.string().nullable(),
  buildingUse: z.enum(BUILDING_USES),
  areaM2: z.number().nullable(),
  capacity: z.number().nullable(),
  checklist: z.object({
    independent: answer,
    nearHazard: answer,
    ventilationLighting: answer,
    fireSafety: answer,
    surveillance: answer,
    notes: z.partialRecord(z.enum(VENUE_CHECKS), z.string()),
    evidence: z.partialRecord(z.enum(VENUE_CHECKS), z.array(z.number())),
  }),
  /**
   * Each P-R4 item judged from the answers, with the forbidden sites of the built-in template. A class is judged
   * by its own campaign's parameters (the rules panel); this is the venue library's at-a-glance view.
   */
  checklistStatus: z.record(z.enum(VENUE_CHECKS), itemStatus),
  checklistComplete: z.boolean(),
  /** 区县确认: who confirmed the checklist and when; null until confirmed, and again after any checklist edit. */
  confirmation: z.object({ byId: z.number(), byName: z.string().nullable(), at: z.date() }).nullable(),
  /**
   * Fire safety has its evidence file (a file cited for the item, or a fire certificate uploaded): campaigns require
   * it by default (`venue.fireEvidence`). Given on the single-venue read.
   */
  fireEvidence: z.boolean().optional(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  abilities: venueAbilitiesSchema,
});
export type VenueDto = z.infer<typeof venueResponse>;

export const venueListResponse = z.object({ items: z.array(venueResponse), total: z.number() });

export const uploadResponse = fileResponse;
