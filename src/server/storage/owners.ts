/**
 * File owners: which module's records files hang on, and "may this actor read that record?" through the owning
 * module's own scoped loader. Modules register their owner types in the module registry; GET /api/files/:id asks
 * here, so the files module imports none of them. An unregistered owner type is readable by nobody.
 */
import type { Actor } from '../auth/actor.js';
import type { Db } from '../db/client.js';

export type FileOwnerCanRead = (db: Db, actor: Actor, ownerId: number) => Promise<boolean>;

export interface FileOwner {
  type: string;
  canRead: FileOwnerCanRead;
}

export interface FileOwners {
  registerFileOwner(type: string, canRead: FileOwnerCanRead): void;
  canRead(db: Db, actor: Actor, type: string, ownerId: number): Promise<boolean>;
  types(): string[];
}

export function createFileOwners(owners: readonly FileOwner[] = []): FileOwners {
  // A Map, not an object literal: a stored owner type such as `constructor` must find nothing, not Object's own.
  const byType = new Map<string, FileOwnerCanRead>();
  const registry: FileOwners = {
    registerFileOwner(type, canRead) {
      if (byType.has(type)) throw new Error(`file owner type ${type} registered twice`);
      byType.set(type, canRead);
    },
    async canRead(db, actor, type, ownerId) {
      const fn = byType.get(type);
      return fn ? fn(db, actor, ownerId) : false;
    },
    types: () => [...byType.keys()],
  };
  for (const o of owners) registry.registerFileOwner(o.type, o.canRead);
  return registry;
}
