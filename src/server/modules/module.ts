/**
 * What a module declares about itself, as data: its routes, the domain events it reacts to, the file owner types
 * it serves, and its background jobs. The registry (index.ts) lists every module; the app, the CLI, the demo
 * loader, the benches and the test harness build from that list, and nothing registers itself by being imported.
 */
import type { App, Deps } from '../deps.js';
import type { Subscription } from '../events/audit.js';
import type { JobDefinition } from '../jobs/job.js';
import type { FileOwner } from '../storage/owners.js';

export type RouteRegistrar = (app: App, deps: Deps) => Promise<void>;

export interface ModuleDefinition {
  /** The module's folder name. */
  id: string;
  routes?: readonly RouteRegistrar[];
  /** Reactions to other modules' changes, run inside the change's transaction (events/audit.ts). */
  subscriptions?: readonly Subscription[];
  /** Owner types of stored files, with "may this actor read the owner?" through the module's scoped loader. */
  fileOwners?: readonly FileOwner[];
  jobs?: readonly JobDefinition[];
}
