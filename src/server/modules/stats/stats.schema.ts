/**
 * Shapes of the statistics API: one organisation's figures for a campaign as of a day, each with its label, unit and
 * definition (docs/FIGURES.md) — the shape a report freezes. Family and child ids never leave the server.
 */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';

export const figuresQuery = z.object({
  campaignId: z.coerce.number().int().positive(),
  orgId: z.coerce.number().int().positive(),
  /** The last day counted, inclusive (China time); today by default. */
  asOf: boundedIsoDate.optional(),
});
export type FiguresQueryInput = z.infer<typeof figuresQuery>;

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const figureResponse = z.object({
  key: z.string(),
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  label: bilingual,
  unit: z.enum(['count', 'percent', 'days', 'yuan']),
  definition: bilingual,
  asOf: z.string(),
});

export const figuresResponse = z.object({
  campaignId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgKind: z.string(),
  asOf: z.string(),
  figures: z.array(figureResponse),
});
export type FiguresDto = z.infer<typeof figuresResponse>;
