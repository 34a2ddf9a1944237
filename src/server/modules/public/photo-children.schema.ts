/** Shapes of /api/public/photos/:id/children (which children a case photo shows), shared with the console. */
import { z } from 'zod';

const childRow = z.object({
  childId: z.number(),
  /** Only for those who may record (the city); null for other readers. */
  name: z.string().nullable(),
  /** A publicity consent (宣传同意) from the guardian is in force. */
  consent: z.boolean(),
  recorded: z.boolean(),
});
export const photoChildrenResponse = z.object({
  fileId: z.number(),
  /** The public site shows it now. */
  shownPublicly: z.boolean(),
  /**
   * Why not, first reason: `consent` (a recorded child has no publicity consent), `unrecorded` (marked as showing
   * children but none recorded), `unpublished` (the case is not published), `type` (not an image); null when shown.
   */
  hiddenBecause: z.enum(['consent', 'unrecorded', 'unpublished', 'type']).nullable(),
  /** The recorded children. */
  recorded: z.array(childRow),
  /** The class's children to pick from (recorded ones included); empty unless `canRecord`. */
  candidates: z.array(childRow),
  canRecord: z.boolean(),
});
export type PhotoChildrenDto = z.infer<typeof photoChildrenResponse>;
