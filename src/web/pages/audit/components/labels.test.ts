/**
 * Issue 18: every action and entity the server can write to the audit log has a label in Chinese and English. The
 * actions are read from the server's source (`action: '…'` in recordEvent calls); an action built from a template
 * (`class.${action}`) must be listed in TEMPLATES with the values it takes, so a new one fails here until named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASS_ACTIONS } from '../../../../domain/classes/lifecycle';
import { ACTIONS, ENTITIES } from './labels';

const TEMPLATES: Record<string, readonly string[]> = {
  'class.${action}': CLASS_ACTIONS,
  'guardian.${decision}': ['approve', 'reject'],
  'incident.${kind}': ['note', 'update', 'guardian_notified', 'close', 'reopen'],
  'news.${action}': ['create', 'edit', 'submit', 'publish', 'return', 'withdraw'],
  'selection.${action}': ['apply', 'submit', 'update', 'withdraw'],
};

function serverSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return serverSources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const sources = serverSources(path.resolve(__dirname, '../../../../server')).map((f) => fs.readFileSync(f, 'utf8'));

function written(kind: 'action' | 'entity'): string[] {
  const found = new Set<string>();
  const re = new RegExp(`${kind}: *(['\`])([A-Za-z_.]+(?:\\$\\{[a-z]+\\})?)\\1`, 'g');
  for (const src of sources) {
    for (const m of src.matchAll(re)) {
      const v = m[2] as string;
      if (kind === 'action' && !v.includes('.')) continue; // steps of a news post's history, not audit actions
      if (v.includes('${')) {
        const values = TEMPLATES[v];
        if (!values) found.add(`unlisted template ${v}`);
        else for (const x of values) found.add(v.replace(/\$\{[a-z]+\}/, x));
      } else found.add(v);
    }
  }
  return [...found].sort();
}

describe('audit labels', () => {
  it('finds the actions the server writes', () => {
    expect(written('action').length).toBeGreaterThan(100);
  });
  it('every action the server writes has a Chinese and an English label', () => {
    expect(written('action').filter((a) => !ACTIONS[a]?.zh || !ACTIONS[a]?.en)).toEqual([]);
  });
  it('every entity the server writes has a Chinese and an English label', () => {
    expect(written('entity').filter((e) => !ENTITIES[e]?.zh || !ENTITIES[e]?.en)).toEqual([]);
  });
});
