import type { ModuleDefinition } from '../module.js';
import { findVisibleCounterparty } from './counterparties.repo.js';
import { counterpartyRoutes } from './counterparties.routes.js';
import { COUNTERPARTY_OWNER } from './counterparties.service.js';

/** Caterers, partner institutions and service providers with their licences and agreements. */
export const counterpartiesModule: ModuleDefinition = {
  id: 'counterparties',
  routes: [counterpartyRoutes],
  fileOwners: [
    { type: COUNTERPARTY_OWNER, canRead: async (db, actor, id) => !!(await findVisibleCounterparty(db, actor, id)) },
  ],
};
