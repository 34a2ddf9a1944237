import type { ModuleDefinition } from '../module.js';
import { findVisibleClass, unitsOf } from '../classes/classes.repo.js';
import { fundingPolicy } from './funding.policy.js';
import { fundingRoutes } from './funding.routes.js';
import { LEDGER_RECEIPT_OWNER } from './funding.service.js';
import { fundingSubscriptions } from './funding.subscriptions.js';

/** A class's money (经费): budget, ledger with reversals and receipts, parents' fees from enrolment (#16). */
export const fundingModule: ModuleDefinition = {
  id: 'funding',
  routes: [fundingRoutes],
  subscriptions: fundingSubscriptions,
  // A receipt is readable by whoever may read its class's money.
  fileOwners: [
    {
      type: LEDGER_RECEIPT_OWNER,
      canRead: async (db, actor, id) => {
        const row = await findVisibleClass(db, actor, id);
        if (!row) return false;
        const units = (await unitsOf(db, [row.id])).get(row.id) ?? [];
        return fundingPolicy.read(actor, { status: row.status as 'draft', units });
      },
    },
  ],
};
