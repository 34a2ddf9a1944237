/** The shapes of the demo's organisations and people (generate.ts makes them, world.ts adds families). */
import type { UnitType } from '../../domain/org/orgKinds.js';
import type { Role } from '../../domain/people/roles.js';

export interface DemoOrg {
  key: string;
  parentKey: string | null;
  kind: 'district' | 'industry' | 'unit';
  unitType: UnitType | null;
  name: string;
  creditCode: string;
  divisionCode: string;
  address: string;
  contactName: string;
  contactPhone: string;
}

export interface DemoUser {
  username: string;
  displayName: string;
  phone: string | null;
  role: Role;
  orgKey: string;
}
