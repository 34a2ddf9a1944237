/**
 * The public site's privacy crawl (issue 17): in a world of real families — named children, guardians with phones,
 * a child with an ID number, photos whose file names name children — follow every same-origin link and image from
 * /public/ (this module's pages and the other modules' 公示, showcase and volunteer pages when they are there) and
 * assert that every page answers 200 and that none of them shows a phone number (whole or masked), an ID number,
 * or a child's or guardian's name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { children, guardians, users } from '../../src/server/db/schema.js';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { PASSWORD } from '../support/factories.js';
import { buildPublicWorld, CHILD_ID_NUMBER, type PublicWorld } from '../support/public-world.js';

const LINK = /(?:href|src)="([^"]+)"/g;

describe('the public site crawl', () => {
  let t: TestApp;
  let w: PublicWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildPublicWorld(t);
    // Every shown child consents, so the photo of recorded children is on the site too.
    for (const c of w.rc.children.slice(0, 2)) {
      const g = await t.agent(c.guardianUsername, PASSWORD);
      await g.post('/api/family/consents/grant', { childId: c.id, kind: 'publicity', privacyNoticeVersion: '2026-1' });
    }
  }, 120_000);
  afterAll(async () => t.close());

  it('every page linked from /public/ answers 200 and shows no phone, ID number or personal name', async () => {
    const db = t.database.db;
    const childNames = (await db.select({ name: children.name }).from(children)).map((r) => r.name);
    const guardianRows = await db
      .select({ name: users.displayName, phone: users.phone })
      .from(users)
      .innerJoin(guardians, eq(guardians.userId, users.id));
    const names = [...childNames, ...guardianRows.map((g) => g.name)].filter((n) => n.length >= 2);
    const phones = guardianRows.map((g) => g.phone).filter((p): p is string => !!p);
    expect(childNames).toContain(w.parentChildName);
    expect(phones).toContain(w.parentPhone);

    const seen = new Set<string>();
    const queue = ['/public/'];
    const pages: string[] = [];
    while (queue.length && seen.size < 400) {
      const url = queue.shift() as string;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await t.anonymous().get(url);
      expect(res.statusCode, url).toBe(200);
      if (!String(res.headers['content-type']).startsWith('text/html')) continue;
      pages.push(url);
      const body = res.body;
      // The stylesheet's content hash is the only long hex in a page; take it out before looking for digits.
      const text = body.replace(/site\.css\?v=[0-9a-f]+/g, '');
      expect(text, `${url}: phone`).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      expect(text, `${url}: masked phone`).not.toMatch(/\d{3}\*{4}\d{4}/);
      expect(text, `${url}: ID number`).not.toMatch(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/);
      expect(text, `${url}: ID digits`).not.toContain(CHILD_ID_NUMBER.slice(-8));
      for (const p of phones) expect(text, `${url}: a guardian's phone`).not.toContain(p.slice(-8));
      for (const n of names) expect(text, `${url}: the name ${n}`).not.toContain(n);
      for (const m of body.matchAll(LINK)) {
        const href = (m[1] ?? '').replace(/&amp;/g, '&').split('#')[0] ?? '';
        if (!href.startsWith('/public/')) continue; // other origins, the parents' app (/m/), the console
        if (!seen.has(href)) queue.push(href);
      }
    }
    // It reached every kind of page, and the photos passed the rule.
    for (const p of [
      '/public/programme',
      '/public/classes',
      `/public/classes/${w.rc.classId}`,
      `/public/classes/${w.openClassId}`,
      '/public/cases',
      `/public/cases/${w.caseId}`,
      '/public/news',
      `/public/news/${w.newsPublished}`,
    ])
      expect(pages, p).toContain(p);
    expect(seen).toContain(`/public/photos/${w.photos.recorded}`);
    expect(seen).toContain(`/public/photos/${w.photos.noChildren}`);
    expect(seen).not.toContain(`/public/photos/${w.photos.unrecorded}`);
    expect(pages).not.toContain(`/public/classes/${w.draftClassId}`);
    expect(pages).not.toContain(`/public/news/${w.newsSubmitted}`);
  });

  it('a first page is under 100 KB with its stylesheet, and photos load lazily', async () => {
    for (const url of ['/public/', '/public/classes', `/public/classes/${w.rc.classId}`, '/public/cases']) {
      const res = await t.anonymous().get(url);
      const css = /href="(\/public\/assets\/site\.css\?v=[0-9a-f]+)"/.exec(res.body)?.[1] ?? '';
      const sheet = await t.anonymous().get(css);
      expect(Buffer.byteLength(res.body) + Buffer.byteLength(sheet.body), url).toBeLessThan(100 * 1024);
      for (const img of res.body.match(/<img [^>]*>/g) ?? []) expect(img).toContain('loading="lazy"');
    }
  });
});
