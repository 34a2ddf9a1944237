/** Shapes of the campaign API. `params` is the full parameter set of src/domain/campaign (validated there). */
import { z } from 'zod';
import { HOLIDAY_TYPES } from '../../../domain/campaign/index.js';

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;

export const createCampaignBody = z.object({
  /** Start from the built-in 2021 policy, or from an earlier campaign (rolled over to `year`). */
  from: z.union([z.literal('template'), z.number().int().positive()]),
  year: z.number().int().min(2000).max(2100),
  name: z.string().trim().min(2).max(100),
  /** Any parameters to change at once, nested as in `params`. */
  overrides: z.record(z.string(), z.unknown()).optional(),
});

export const updateCampaignBody = z
  .object({
    name: z.string().trim().min(2).max(100).optional(),
    /** Nested partial parameters merged over the current ones; arrays replace whole. */
    params: z.record(z.string(), z.unknown()).optional(),
    reason: z.string().trim().min(2).max(500).optional(),
    version: z.number().int().positive(),
  })
  .strict();

export const statusBody = z.object({ status: z.enum(CAMPAIGN_STATUSES), reason: z.string().trim().min(2).max(500) });

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const campaignSummary = z.object({
  id: z.number(),
  name: z.string(),
  year: z.number(),
  holidayType: z.enum(HOLIDAY_TYPES),
  status: z.enum(CAMPAIGN_STATUSES),
  season: z.object({ start: z.string(), end: z.string() }),
  version: z.number(),
  updatedAt: z.date(),
  abilities: z.object({ update: z.boolean() }),
});

export const campaignDetail = campaignSummary.extend({
  params: z.record(z.string(), z.unknown()),
  rules: z.array(z.object({ id: z.string(), policyRefs: z.array(z.string()), zh: z.string(), en: z.string() })),
  deadlines: z.array(
    z.object({
      kind: z.string(),
      policyRef: z.string(),
      due: z.string(),
      month: z.string().optional(),
      title: bilingual,
    }),
  ),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;

export const campaignIdParams = z.object({ id: z.coerce.number().int().positive() });
