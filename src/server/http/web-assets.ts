/**
 * How the built UI (dist/web) leaves the server (issue 18): Vite names every script and stylesheet under /assets/
 * by its content hash, so those are cached for a year and never asked for again; the entry pages (index.html,
 * m/, door/, inspect/) and the service workers are revalidated on every load (ETag/Last-Modified → 304), so a new
 * release is seen at once. `bin/build-web.js` writes a brotli (.br) and a gzip (.gz) copy of every text file at
 * build time; the server sends the smallest copy the browser accepts, without compressing anything per request.
 */
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
const SHORT = 'public, max-age=3600';

/** The cache policy of one built file (its path inside dist/web, or an absolute path; a .br/.gz copy counts as
 * its original). */
export function cacheControlFor(filePath: string): string {
  const p = filePath.replace(/\\/g, '/').replace(/\.(br|gz)$/, '');
  // Service workers and the shell they import are checked for updates through the HTTP cache: always revalidated.
  if (/\.html$/.test(p) || /(^|\/)(sw|offline-shell)\.js$/.test(p) || /\.webmanifest$/.test(p)) return REVALIDATE;
  if (/(^|\/)assets\/[^/]+-[A-Za-z0-9_-]{6,}\.[a-z0-9]+$/.test(p)) return IMMUTABLE;
  return SHORT;
}

/** The precompressed copy to send for this request: brotli before gzip, only when the file exists. */
export function pickEncoding(
  acceptEncoding: string | string[] | undefined,
  absPath: string,
): { file: string; encoding: 'br' | 'gzip' | null } {
  const accepted = String(acceptEncoding ?? '')
    .split(',')
    .map((s) => s.trim().split(';'))
    .filter(([, q]) => q === undefined || !/^q=0(\.0*)?$/.test(q.trim()))
    .map(([name]) => name?.toLowerCase());
  if (accepted.includes('br') && fs.existsSync(`${absPath}.br`)) return { file: `${absPath}.br`, encoding: 'br' };
  if (accepted.includes('gzip') && fs.existsSync(`${absPath}.gz`)) return { file: `${absPath}.gz`, encoding: 'gzip' };
  return { file: absPath, encoding: null };
}

/**
 * Sends an entry page (the single-page apps answer every client-side route with their index.html): compressed when
 * the browser accepts it, revalidated with Last-Modified so a reload costs a 304.
 */
export function sendEntryHtml(req: FastifyRequest, reply: FastifyReply, absPath: string) {
  const stat = fs.statSync(absPath);
  const lastModified = stat.mtime.toUTCString();
  reply.header('cache-control', REVALIDATE).header('last-modified', lastModified).header('vary', 'accept-encoding');
  const since = req.headers['if-modified-since'];
  if (since && Date.parse(since) >= Math.floor(stat.mtimeMs / 1000) * 1000) return reply.code(304).send();
  const { file, encoding } = pickEncoding(req.headers['accept-encoding'], absPath);
  if (encoding) reply.header('content-encoding', encoding);
  return reply.type('text/html; charset=utf-8').send(fs.createReadStream(file));
}
