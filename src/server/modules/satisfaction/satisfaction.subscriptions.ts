/** When a class closes, its enrolled families are asked (in the same transaction as the closing). */
import type { Subscription } from '../../events/audit.js';
import { inviteClass } from './satisfaction.service.js';

export const satisfactionSubscriptions: readonly Subscription[] = [
  {
    entity: 'class',
    actions: ['class.close'],
    handle: async (tx, ctx, ev) => {
      const id = Number(ev.entityId);
      if (Number.isInteger(id)) await inviteClass(tx, ctx, id, 'final');
    },
  },
];
