/**
 * Who may read or delete a family's data under PIPL: only a guardian of that family, for their own family (the
 * routes are `/me/`: no family id is ever taken from the caller). Staff have their own, scoped views elsewhere;
 * here they are refused like a stranger (404: not found and not allowed look alike).
 */
import type { Actor } from '../../auth/actor.js';

export interface GuardianRef {
  userId: number;
  familyId: number;
  phone: string | null;
}

export const privacyPolicy = {
  /** The guardian's own family: a copy of everything held about it. */
  export: (a: Actor, g: GuardianRef | undefined): g is GuardianRef => !!g && g.userId === a.userId,
  /** A deletion request: the guardian themself, confirmed by a code sent to their own phone. */
  requestDeletion: (a: Actor, g: GuardianRef | undefined): g is GuardianRef => !!g && g.userId === a.userId,
};
