/** Shapes of stored-file metadata as it leaves the server (never the storage key: that stays inside). */
import { z } from 'zod';

export const fileResponse = z.object({
  id: z.number(),
  ownerType: z.string(),
  ownerId: z.number(),
  purpose: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.number().nullable(),
  createdAt: z.date(),
  /** Where to download it (GET, same session). */
  url: z.string(),
});
export type FileDto = z.infer<typeof fileResponse>;

export const fileListResponse = z.object({ items: z.array(fileResponse) });

export const fileIdParams = z.object({ id: z.coerce.number().int().positive() });
