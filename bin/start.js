#!/usr/bin/env node
// `npm start`: builds the web UI when it is missing or older than its sources, then starts the server.
import { register } from 'tsx/esm/api';
import { buildWeb } from './build-web.js';

if (process.env.SKIP_WEB_BUILD !== 'true') {
  const status = buildWeb();
  if (status !== 0) process.exit(status);
}
register();
await import('../src/server/main.ts');
