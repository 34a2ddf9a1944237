/**
 * The module registry (src/server/modules/index.ts): importing every module registers nothing by itself — an entry
 * point that forgot `installModules()` fails loudly instead of silently skipping derived data — and the registry
 * gathers every module's routes, subscriptions, file owners and jobs.
 */
import { describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/context.js';
import type { Db } from '../../src/server/db/client.js';
import { runSubscribers } from '../../src/server/events/audit.js';
import { fileOwnersOf, installModules, MODULES } from '../../src/server/modules/index.js';
import { createFileOwners } from '../../src/server/storage/owners.js';

describe('the module registry', () => {
  it('importing the modules installs no subscriber: writing before installModules() fails loudly', async () => {
    // This file has its own module state (Vitest isolates test files); nothing here has installed the registry.
    const ev = { action: 'venue.update', entity: 'venue', entityId: 1 };
    await expect(runSubscribers({} as Db, systemContext(), ev)).rejects.toThrow(/not installed/);
    installModules([]);
    await expect(runSubscribers({} as Db, systemContext(), ev)).resolves.toBeUndefined();
  });

  it('lists every module folder once, each with something to contribute', async () => {
    const fs = await import('node:fs');
    const folders = fs
      .readdirSync('src/server/modules', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(MODULES.map((m) => m.id).sort()).toEqual(folders);
    for (const m of MODULES)
      expect(
        (m.routes?.length ?? 0) + (m.subscriptions?.length ?? 0) + (m.jobs?.length ?? 0),
        `${m.id} contributes nothing`,
      ).toBeGreaterThan(0);
  });

  it('file owners come from the modules that own them; a type is registered once, an unknown one reads nothing', async () => {
    expect(fileOwnersOf().types().sort()).toEqual([
      'class',
      'class_daily',
      'class_ledger',
      'counterparty',
      'enrolment',
      'inspection_visit',
      'practice_case',
      'rectification_item',
      'report',
      'selection_application',
      'venue',
    ]);
    const owners = createFileOwners([{ type: 'x', canRead: async () => true }]);
    expect(() => owners.registerFileOwner('x', async () => true)).toThrow(/twice/);
    const actor = { userId: 1, username: 'a', displayName: 'a', grants: [] } as never;
    expect(await owners.canRead({} as Db, actor, 'x', 1)).toBe(true);
    expect(await owners.canRead({} as Db, actor, 'constructor', 1)).toBe(false);
  });

  it('the compliance module re-evaluates on the inputs of a verdict', () => {
    const compliance = MODULES.find((m) => m.id === 'compliance');
    expect(compliance?.subscriptions?.map((s) => s.entity).sort()).toEqual([
      'attendance',
      'campaign',
      'class',
      'counterparty',
      'enrolment',
      'ledger',
      'venue',
    ]);
  });
});
