/**
 * Issue 18: the built UI leaves the server compressed (brotli or gzip copies written at build time) with a cache
 * policy per file — hashed assets immutable for a year, entry pages and service workers revalidated (304 on reload).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../bin/build-web.js';
import { cacheControlFor, IMMUTABLE, REVALIDATE } from '../../src/server/http/web-assets.js';
import { createTestApp, type TestApp } from '../support/app.js';

const big = (tag: string) => `/* ${tag} */\n${'console.log("爱心托管", 1234567890);\n'.repeat(200)}`;

describe('serving the built UI', () => {
  let t: TestApp;
  let dist: string;
  const files: Record<string, string> = {
    'index.html': `<!doctype html><html lang="zh-CN"><title>爱心托管服务平台</title>${'<!-- pad -->'.repeat(120)}</html>`,
    'm/index.html': `<!doctype html><title>家长端</title>${'<!-- pad -->'.repeat(120)}`,
    'door/index.html': `<!doctype html><title>签到门</title>${'<!-- pad -->'.repeat(120)}`,
    'door/sw.js': big('sw'),
    'assets/admin-Ab12Cd34.js': big('admin'),
    'assets/tiny-Zz99Yy88.js': 'export const x = 1;',
  };
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-web-'));
    for (const [name, body] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dist, name)), { recursive: true });
      fs.writeFileSync(path.join(dist, name), body);
    }
    fs.writeFileSync(path.join(dist, 'door/icon-192.png'), Buffer.alloc(4000, 7));
    precompress(dist);
    t = await createTestApp({ webDist: dist });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const decode = (res: { rawPayload: Buffer; headers: Record<string, unknown> }) => {
    const enc = res.headers['content-encoding'];
    if (enc === 'br') return zlib.brotliDecompressSync(res.rawPayload).toString();
    if (enc === 'gzip') return zlib.gunzipSync(res.rawPayload).toString();
    return res.rawPayload.toString();
  };

  it('the build writes brotli and gzip copies of text files of 1 KB or more, and of nothing else', () => {
    const js = path.join(dist, 'assets/admin-Ab12Cd34.js');
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${js}.br`)).toString()).toBe(files['assets/admin-Ab12Cd34.js']);
    expect(zlib.gunzipSync(fs.readFileSync(`${js}.gz`)).toString()).toBe(files['assets/admin-Ab12Cd34.js']);
    expect(fs.statSync(`${js}.br`).size).toBeLessThan(fs.statSync(js).size / 5);
    expect(fs.existsSync(path.join(dist, 'assets/tiny-Zz99Yy88.js.br'))).toBe(false);
    expect(fs.existsSync(path.join(dist, 'door/icon-192.png.br'))).toBe(false);
  });

  it('hashed assets go out compressed as the browser accepts, cached for a year', async () => {
    const url = '/assets/admin-Ab12Cd34.js';
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(decode(br)).toBe(files[url.slice(1)]);
    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz)).toBe(files[url.slice(1)]);
    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(files[url.slice(1)]);
  });

  it('entry pages — at their own path or as the fallback of a client-side route — are revalidated', async () => {
    for (const url of ['/', '/classes/5', '/login', '/m/', '/door/', '/door/today']) {
      const res = await get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe(REVALIDATE);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(decode(res), url).toMatch(/^<!doctype html>/);
    }
    expect(decode(await get('/door/today', { 'accept-encoding': 'br' }))).toContain('签到门');
    const first = await get('/classes/5');
    const again = await get('/classes/5', { 'if-modified-since': String(first.headers['last-modified']) });
    expect(again.statusCode).toBe(304);
    expect((await get('/door/sw.js')).headers['cache-control']).toBe(REVALIDATE);
    expect((await get('/door/icon-192.png')).headers['cache-control']).toBe('public, max-age=3600');
  });

  it('a missing asset is a 404, never the app page', async () => {
    expect((await get('/assets/gone-Ab12Cd34.js', { 'accept-encoding': 'br' })).statusCode).toBe(404);
  });

  it('the cache policy by path', () => {
    expect(cacheControlFor('/srv/dist/web/assets/index-B9x_1-aZ.js.br')).toBe(IMMUTABLE);
    expect(cacheControlFor('assets/phone-base-CVrGw_d1.css')).toBe(IMMUTABLE);
    expect(cacheControlFor('/srv/dist/web/m/index.html.gz')).toBe(REVALIDATE);
    expect(cacheControlFor('door/manifest.webmanifest')).toBe(REVALIDATE);
    expect(cacheControlFor('inspect/sw.js')).toBe(REVALIDATE);
    expect(cacheControlFor('/srv/dist/web/offline-shell.js.br')).toBe(REVALIDATE);
  });
});
