/** Shapes of /api/news: the city's news posts for the public site and their review. */
import { z } from 'zod';

export const NEWS_STATUSES = ['draft', 'submitted', 'published', 'returned', 'withdrawn'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const newsBody = z.strictObject({
  title: text(80),
  summary: z.string().trim().max(200).default(''),
  body: text(20_000),
});
export const updateNewsBody = newsBody.partial().extend({ version: z.number().int().positive() }).strict();
export const versionBody = z.strictObject({ version: z.number().int().positive() });
export const reasonBody = z.strictObject({
  version: z.number().int().positive(),
  reason: z.string().trim().min(2).max(500),
});
export const newsIdParams = z.object({ id: z.coerce.number().int().positive() });
export const listNewsQuery = z.object({ status: z.enum(NEWS_STATUSES).optional() });

const abilities = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  publish: z.boolean(),
  return: z.boolean(),
  withdraw: z.boolean(),
});

export const newsSummary = z.object({
  id: z.number(),
  title: z.string(),
  summary: z.string(),
  status: z.enum(NEWS_STATUSES),
  authorName: z.string(),
  reviewerName: z.string().nullable(),
  reason: z.string().nullable(),
  submittedAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  updatedAt: z.date(),
  version: z.number(),
  abilities,
});
export const newsDetail = newsSummary.extend({
  body: z.string(),
  history: z.array(
    z.object({
      id: z.number(),
      action: z.string(),
      status: z.string(),
      actorName: z.string(),
      reason: z.string().nullable(),
      at: z.date(),
    }),
  ),
});
export const newsListResponse = z.object({ items: z.array(newsSummary), canWrite: z.boolean() });
export type NewsSummary = z.infer<typeof newsSummary>;
export type NewsDetail = z.infer<typeof newsDetail>;
