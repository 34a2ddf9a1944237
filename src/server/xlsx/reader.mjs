// The entry of the workbook-reader process (read.ts forks it, one per upload). A child process does not share the
// TypeScript loader of the process that forks it (bin/start.js, bin/tuoguan.js and vitest each load TypeScript
// their own way), so it registers tsx itself — the same call bin/start.js makes — before loading the reader.
import { register } from 'tsx/esm/api';

register();
await import('./reader.ts');
