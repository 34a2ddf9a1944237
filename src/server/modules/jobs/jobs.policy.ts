/** Who may see the background jobs: the city administrator (the platform's operator). */
import type { Actor } from '../../auth/actor.js';

export const jobsPolicy = {
  read: (a: Actor) => a.grants.some((g) => g.role === 'city_admin'),
};
