/**
 * The public site's frame (issue 17): /public/ answers without a session, in zh-CN, with the share meta and a link
 * to every public page; the stylesheet is cached for a year; pages carry an ETag and answer 304 when unchanged;
 * interpolated text is escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, html, PUBLIC_NAV, raw, renderPublicPage } from '../../src/server/modules/public/layout.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe('the public site frame', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('html escapes every value unless it is already markup', () => {
    const name = '<script>alert("x")</script>&';
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;</p>');
    expect(html`<ul>${['a', 'b'].map((s) => html`<li>${s}</li>`)}</ul>`.value).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(html`${null}${undefined}${false}${0}${raw('<br>')}`.value).toBe('0<br>');
    expect(escapeHtml("'")).toBe('&#39;');
    const doc = renderPublicPage({ title: '<b>', description: '"d"', path: '/public/x', body: '<i>' });
    expect(doc).toContain('<title>&lt;b&gt; - ');
    expect(doc).toContain('content="&quot;d&quot;"');
    expect(doc).toContain('&lt;i&gt;');
  });

  it('/public/ needs no session, is zh-CN with share meta, and links every public page', async () => {
    const res = await t.anonymous().get('/public/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const body = res.body;
    expect(body).toContain('<html lang="zh-CN">');
    expect(body).toContain('name="viewport"');
    for (const p of ['og:title', 'og:description', 'og:image', 'og:url']) expect(body).toContain(`property="${p}"`);
    expect(body).toMatch(/itemprop="image" content="http:\/\/[^"]+\/public\/assets\/share\.png"/);
    // This module's pages always; the other modules' (公示, showcase, volunteers) once they answer.
    for (const p of ['/public/programme', '/public/classes', '/public/cases', '/public/news'])
      expect(body).toContain(`href="${p}"`);
    for (const n of PUBLIC_NAV)
      expect(body.includes(`href="${n.path}"`)).toBe(t.app.hasRoute({ method: 'GET', url: n.path }));
    expect(body).toContain('href="/m/"');
    expect(body).not.toContain('<script');
    expect(res.headers['cache-control']).toMatch(/must-revalidate/);
    expect(res.headers.etag).toBeTruthy();
    const again = await t.app.inject({ url: '/public/', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect((await t.anonymous().get('/public')).statusCode).toBe(302);
  });

  it('the stylesheet and the share image are cached', async () => {
    const home = (await t.anonymous().get('/public/')).body;
    const href = /href="(\/public\/assets\/site\.css\?v=[0-9a-f]+)"/.exec(home)?.[1];
    expect(href).toBeTruthy();
    const css = await t.anonymous().get(String(href));
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    expect(css.headers['cache-control']).toContain('immutable');
    expect(Buffer.byteLength(home) + Buffer.byteLength(css.body)).toBeLessThan(100 * 1024);
    const png = await t.anonymous().get('/public/assets/share.png');
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
  });
});
