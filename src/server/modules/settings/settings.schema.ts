/** Shape of the platform settings, shared with the web client. */
import { z } from 'zod';

export const settingsSchema = z.object({
  /** 市总 may require two-factor sign-in for every administrator role. */
  requireTotpForAdmins: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;
