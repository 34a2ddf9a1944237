/** Shapes of the selection API (申报 and 评审). */
import { z } from 'zod';

export const campaignParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

const text = (max: number) => z.string().trim().max(max);

export const createApplicationBody = z.strictObject({ classId: z.number().int().positive() });

export const updateApplicationBody = z.strictObject({
  practices: text(5000).optional(),
  outcomes: text(5000).optional(),
  photoIds: z.array(z.number().int().positive()).max(20).optional(),
  videoLinks: z
    .array(
      z
        .string()
        .trim()
        .url()
        .max(500)
        .regex(/^https?:\/\//),
    )
    .max(10)
    .optional(),
  version: z.number().int().positive(),
});

export const reasonBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const recommendBody = z.strictObject({ recommended: z.boolean(), reason: text(500).default('') });

export const settingsBody = z.strictObject({
  gate: z.strictObject({
    classFinished: z.boolean(),
    requiredRulesPassed: z.boolean(),
    noSeriousIncident: z.boolean(),
    rectificationsClosed: z.boolean(),
    summarySubmitted: z.boolean(),
    minAttendancePercent: z.number().int().min(0).max(100),
    narrativeGiven: z.boolean(),
  }),
  /** Checked by the domain's rubricSchema (weights sum to 100) in the service, with a message in words. */
  rubric: z.array(z.record(z.string(), z.unknown())).min(1).max(20),
  defaultQuota: z.number().int().min(0).max(100),
  quotas: z.record(z.string().regex(/^\d+$/), z.number().int().min(0).max(100)).default({}),
  blind: z.boolean(),
  threshold: z.strictObject({ range: z.number().int().min(1).max(100), stdDev: z.number().int().min(1).max(50) }),
  version: z.number().int().min(0),
});

export const panelBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const assignBody = z.strictObject({
  reviewerIds: z.array(z.number().int().positive()).min(1).max(50),
  applicationIds: z.array(z.number().int().positive()).min(1).max(500),
});

export const scoresBody = z.strictObject({
  scores: z
    .array(
      z.strictObject({
        criterion: z.string().trim().min(1).max(40),
        score: z.number().int().min(0).max(100),
        comment: text(1000).default(''),
      }),
    )
    .min(1)
    .max(20),
});

const abilities = z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), recommend: z.boolean() });

export const applicationResponse = z.object({
  id: z.number(),
  campaignId: z.number(),
  classId: z.number(),
  className: z.string(),
  classStatus: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  districtId: z.number(),
  districtName: z.string(),
  reportId: z.number().nullable(),
  status: z.string(),
  practices: z.string(),
  outcomes: z.string(),
  photoIds: z.array(z.number()),
  videoLinks: z.array(z.string()),
  submittedAt: z.date().nullable(),
  recommended: z.boolean().nullable(),
  version: z.number(),
  abilities,
});
export type ApplicationDto = z.infer<typeof applicationResponse>;

export const rankingResponse = z.object({
  items: z.array(
    z.object({
      applicationId: z.number(),
      classId: z.number(),
      className: z.string(),
      unitName: z.string(),
      districtName: z.string(),
      score: z.number().nullable(),
      rank: z.number(),
      recommended: z.boolean(),
      flagged: z.boolean(),
      reviewerPart: z.number().nullable(),
      reviewers: z.number(),
      criteria: z.array(
        z.object({
          key: z.string(),
          weight: z.number(),
          score: z.number().nullable(),
          aggregate: z
            .object({
              n: z.number(),
              mean: z.number().nullable(),
              trimmedMean: z.number().nullable(),
              value: z.number().nullable(),
              method: z.string(),
              range: z.number(),
              stdDev: z.number(),
              flagged: z.boolean(),
            })
            .optional(),
        }),
      ),
    }),
  ),
});
