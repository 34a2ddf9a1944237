/** Who is making a request: the signed-in person and their role grants with each grant's org path. */
import type { Role } from '../../domain/people/roles.js';

export interface Grant {
  role: Role;
  orgId: number;
  orgPath: string;
}

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  grants: Grant[];
  sessionId: string;
  totpEnabled: boolean;
  mustChangePassword: boolean;
}
