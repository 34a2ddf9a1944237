// The entry of the workbook-reading worker thread (read.ts starts it). A worker does not inherit the TypeScript
// loader of the thread that starts it (bin/start.js, bin/tuoguan.js and vitest each load TypeScript their own way),
// so it registers tsx itself — the same call bin/start.js makes — before loading the reader.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
