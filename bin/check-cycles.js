#!/usr/bin/env node
/**
 * The import-cycle check CI runs (`npm run check:cycles`). It reads every .ts/.tsx file under the given roots
 * (default `src`), follows relative imports and re-exports (static, type-only and dynamic `import()` alike: a type
 * import is still a dependency of the design), and fails when
 *   - files import each other in a loop anywhere, or
 *   - the *parts* import each other in a loop: a part is one folder under src/server/modules, src/server, src/domain,
 *     src/web/pages, src/web/app or src/web, or a file lying directly in one of them (so `classes` → `attendance` → `classes` is a cycle even when no two files form one).
 * A part importing itself is fine. Exit 1 with every cycle listed (file → file), exit 0 with a one-line summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXTENSIONS = ['.ts', '.tsx'];
const IMPORT_RE =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function listFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') listFiles(p, out);
    } else if (EXTENSIONS.includes(path.extname(entry.name)) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function resolveImport(fromFile, spec, known) {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), spec);
  const stem = base.replace(/\.(js|jsx|ts|tsx|mjs)$/, '');
  for (const candidate of [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    path.join(stem, 'index.ts'),
    path.join(stem, 'index.tsx'),
  ])
    if (known.has(candidate)) return candidate;
  return null;
}

/**
 * The part a file belongs to: the first folder under the deepest grouping root that holds it; a file lying directly
 * in a grouping root (app.ts, errors.ts, App.tsx) is a part of its own.
 */
export function partOf(rel) {
  const parts = rel.split('/');
  const groups = [
    ['src', 'server', 'modules'],
    ['src', 'web', 'pages'],
    ['src', 'web', 'app'],
    ['src', 'server'],
    ['src', 'domain'],
    ['src', 'web'],
    ['src', 'cli'],
  ];
  for (const g of groups) {
    if (!g.every((seg, i) => parts[i] === seg)) continue;
    return parts.length > g.length + 1 ? parts.slice(0, g.length + 1).join('/') : rel;
  }
  return path.dirname(rel);
}

/** Tarjan's strongly connected components; returns the components of more than one node. */
function cyclesOf(nodes, edges) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of nodes) if (!idx.has(v)) visit(v);
  return out;
}

/** Reads the tree under `roots` (relative to `cwd`) and returns the file and part cycles with the imports behind each. */
export function findCycles(cwd, roots = ['src']) {
  const files = roots.flatMap((r) => (fs.existsSync(path.join(cwd, r)) ? listFiles(path.join(cwd, r)) : []));
  const known = new Set(files);
  const fileEdges = new Map();
  for (const f of files) {
    const text = stripComments(fs.readFileSync(f, 'utf8'));
    const targets = new Set();
    for (const m of text.matchAll(IMPORT_RE)) {
      const target = resolveImport(f, m[1] ?? m[2], known);
      if (target && target !== f) targets.add(target);
    }
    fileEdges.set(f, targets);
  }
  const rel = (f) => path.relative(cwd, f).split(path.sep).join('/');
  const fileCycles = cyclesOf(files, fileEdges).map((c) => c.map(rel));

  const partEdges = new Map();
  const why = new Map();
  for (const [f, targets] of fileEdges) {
    const a = partOf(rel(f));
    for (const t of targets) {
      const b = partOf(rel(t));
      if (a === b) continue;
      if (!partEdges.has(a)) partEdges.set(a, new Set());
      partEdges.get(a).add(b);
      const key = `${a} -> ${b}`;
      if (!why.has(key)) why.set(key, []);
      why.get(key).push(`${rel(f)} -> ${rel(t)}`);
    }
  }
  const parts = [...new Set(files.map((f) => partOf(rel(f))))];
  const partCycles = cyclesOf(parts, partEdges).map((comp) => {
    const inside = new Set(comp);
    const ties = [];
    for (const a of comp)
      for (const b of partEdges.get(a) ?? []) if (inside.has(b)) ties.push(...why.get(`${a} -> ${b}`));
    return { parts: comp, ties };
  });
  return { files: files.length, fileCycles, partCycles };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const roots = process.argv.slice(2);
  const r = findCycles(process.cwd(), roots.length ? roots : ['src']);
  for (const c of r.fileCycles) console.log(`file cycle: ${c.join(' ⇄ ')}`);
  for (const c of r.partCycles) {
    console.log(`part cycle: ${c.parts.join(' ⇄ ')}`);
    for (const t of c.ties) console.log(`    ${t}`);
  }
  const n = r.fileCycles.length + r.partCycles.length;
  console.log(
    `import cycles: ${r.files} files read, ${r.fileCycles.length} file cycles, ${r.partCycles.length} part cycles`,
  );
  process.exit(n === 0 ? 0 : 1);
}
