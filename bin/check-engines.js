#!/usr/bin/env node
// Every installed package must run on the Node.js versions the README promises (package.json `engines.node`,
// today >= 20): `npm install` on Node 20 must not warn EBADENGINE. Reads package-lock.json, so it judges what CI
// installs whatever Node runs the check. Exits 1 naming each package whose own `engines.node` leaves out part of
// our range (and who pulls it in), so a dependency bump that drops Node 20 turns CI red.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const semver = require('semver');

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const ours = pkg.engines?.node;
if (!ours) {
  console.error('package.json has no engines.node');
  process.exit(1);
}
// The lowest version we promise, e.g. >=20 -> 20.0.0; a package is fine when that version and the current
// majors after it satisfy its range (a range like ">=20.19" would leave out 20.0-20.18).
const floor = semver.minVersion(ours);
const bad = [];
let checked = 0;
for (const [path, meta] of Object.entries(lock.packages ?? {})) {
  if (!path || !meta.engines) continue;
  const wants = typeof meta.engines === 'object' && !Array.isArray(meta.engines) ? meta.engines.node : undefined;
  if (!wants) continue;
  checked++;
  if (meta.optional && meta.os) continue; // platform-specific binaries npm skips elsewhere
  if (!semver.satisfies(floor, wants, { includePrerelease: false }))
    bad.push(
      `${path.replace(/^.*node_modules\//, '')}@${meta.version} wants node ${wants}${meta.dev ? ' (dev)' : ''} — at ${path}`,
    );
}
if (bad.length) {
  console.error(`engines: ${bad.length} package(s) do not run on node ${ours} (from ${floor}):`);
  for (const b of bad) console.error(`  ${b}`);
  process.exit(1);
}
console.log(`engines: ${checked} packages declare engines.node; all accept node ${floor} (package.json: ${ours})`);
