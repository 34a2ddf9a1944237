/**
 * The public site's pages (issue 17) and the news review behind them: /api/news refuses strangers (401), anyone
 * but a city administrator (403) and bad input (400); a post reaches the site only when a second person publishes
 * it; the programme, the finder with its filters, a class page (public classes only), the cases and the news; the
 * photo rule: a "no children" photo shows, a photo of recorded children shows only while every one of them has a
 * publicity consent in force, and leaves the site when one guardian withdraws it; an unrecorded one never shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { PASSWORD } from '../support/factories.js';
import { buildPublicWorld, type PublicWorld } from '../support/public-world.js';

describe('the public site', () => {
  let t: TestApp;
  let w: PublicWorld;
  const get = (url: string) => t.anonymous().get(url);

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildPublicWorld(t);
  }, 120_000);
  afterAll(async () => t.close());

  it('/api/news: 401 without a session, 403 for a unit administrator, 400 on a bad body', async () => {
    expect((await get('/api/news')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/news', { title: 'x', body: 'y' })).statusCode).toBe(401);
    const unit = w.rc.unitAdmin.agent;
    expect((await unit.post('/api/news', { title: 'x', body: 'y' })).statusCode).toBe(403);
    expect((await unit.get('/api/news')).json().items).toEqual([]);
    expect((await unit.get(`/api/news/${w.newsPublished}`)).statusCode).toBe(404);
    const bad = await w.cityA.post('/api/news', { title: '', body: 'y' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('body.title');
    expect((await w.cityA.post(`/api/news/${w.newsSubmitted}/return`, { version: 2 })).statusCode).toBe(400);
  });

  it('news: the author cannot publish their own post; a second administrator publishes or returns it', async () => {
    const post = (await w.cityA.get(`/api/news/${w.newsSubmitted}`)).json();
    expect(post.status).toBe('submitted');
    expect(post.abilities.publish).toBe(false);
    expect((await w.cityA.post(`/api/news/${post.id}/publish`, { version: post.version })).statusCode).toBe(403);
    const asB = (await w.cityB.get(`/api/news/${post.id}`)).json();
    expect(asB.abilities).toMatchObject({ publish: true, return: true, edit: false });
    const ret = await w.cityB.post(`/api/news/${post.id}/return`, { version: post.version, reason: '标题再具体些' });
    expect(ret.statusCode).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', reason: '标题再具体些' });
    expect(ret.json().history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'return']);
    // Stale version
    expect((await w.cityA.patch(`/api/news/${post.id}`, { title: '新标题', version: 1 })).statusCode).toBe(409);
    const ed = await w.cityA.patch(`/api/news/${post.id}`, {
      title: '审核中的稿件（修改）',
      version: ret.json().version,
    });
    expect(ed.statusCode).toBe(200);
    await w.cityA.post(`/api/news/${post.id}/submit`, { version: ed.json().version });
    expect((await get('/public/news')).body).not.toContain('审核中的稿件');
    const pub = await w.cityB.post(`/api/news/${post.id}/publish`, { version: ed.json().version + 1 });
    expect(pub.statusCode).toBe(200);
    const list = (await get('/public/news')).body;
    expect(list).toContain('审核中的稿件（修改）');
    expect(list).not.toContain('草稿稿件');
    expect((await get(`/public/news/${w.newsDraft}`)).statusCode).toBe(404);
    // Withdrawn: off the site.
    const wd = await w.cityA.post(`/api/news/${post.id}/withdraw`, { version: pub.json().version, reason: '活动延期' });
    expect(wd.statusCode).toBe(200);
    expect((await get(`/public/news/${post.id}`)).statusCode).toBe(404);
    const page = await get(`/public/news/${w.newsPublished}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('全市爱心托管班陆续开班正文。');
    expect((await w.cityA.get('/api/news')).json().canWrite).toBe(true);
    expect((await w.cityA.get('/api/auth/me')).json().abilities.news).toBe(true);
  });

  it('recording the children a photo shows: 401, 403 but for the city, 400 for a child not in the class', async () => {
    const url = `/api/public/photos/${w.photos.unrecorded}/children`;
    const kid = w.rc.children[2]?.id ?? 0;
    expect((await t.anonymous().post(url, { childIds: [kid] })).statusCode).toBe(401);
    expect((await (await w.rc.districtAdmin.login()).post(url, { childIds: [kid] })).statusCode).toBe(403);
    expect((await w.cityA.post(url, { childIds: [] })).statusCode).toBe(400);
    const stranger = await w.cityA.post(url, { childIds: [kid, 99999999] });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().details[0].path).toBe('childIds');
    const ok = await w.cityA.post(url, { childIds: [kid, kid] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().childIds).toEqual([kid]);
    // Recorded, but the family has not consented: still off the site.
    expect((await get(`/public/photos/${w.photos.unrecorded}`)).statusCode).toBe(404);
  });

  it('the programme shows the campaign, its rules and class-level progress', async () => {
    const res = await get('/public/programme');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('目标与进度');
    expect(res.body).toContain('开展托管的单位');
    expect(res.body).toMatch(/<b>2<\/b><span>托管班<\/span>/); // running + open; the draft is not counted
  });

  it('the finder lists public classes only and filters by area, grade, dates, places and address', async () => {
    const all = await get('/public/classes');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain(`/public/classes/${w.rc.classId}`);
    expect(all.body).toContain(`/public/classes/${w.openClassId}`);
    expect(all.body).not.toContain('尚未审批的草稿班');
    const byAddr = (await get(`/public/classes?q=${encodeURIComponent('建设路')}`)).body;
    expect(byAddr).toContain(`/public/classes/${w.rc.classId}"`);
    expect(byAddr).not.toContain(`/public/classes/${w.openClassId}"`);
    const byGrade = (await get('/public/classes?grade=K')).body;
    expect(byGrade).toContain(`/public/classes/${w.openClassId}"`);
    expect(byGrade).not.toContain(`/public/classes/${w.rc.classId}"`);
    const late = (await get('/public/classes?from=2026-08-01')).body;
    expect(late).toContain(`/public/classes/${w.openClassId}"`);
    const area = (await get(`/public/classes?area=${w.rc.districtId}&places=1`)).body;
    expect(area).toContain(`/public/classes/${w.openClassId}"`);
    expect(area).toContain('余 19 个名额');
    const none = await get('/public/classes?q=%25%25nothing&grade=zz&from=bad&page=-3');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('没有符合条件的托管班');
  });

  it('a class page shows class-level facts; a draft or unknown class is 404', async () => {
    const res = await get(`/public/classes/${w.rc.classId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('建设路 88 号');
    expect(res.body).toContain('跳绳与篮球');
    expect(res.body).toContain(w.rc.unitName);
    const open = await get(`/public/classes/${w.openClassId}`);
    expect(open.body).toContain(`href="/m/#/classes/${w.openClassId}/apply"`);
    expect((await get(`/public/classes/${w.draftClassId}`)).statusCode).toBe(404);
    expect((await get('/public/classes/abc')).statusCode).toBe(404);
    expect((await get('/public/classes/99999999')).statusCode).toBe(404);
  });

  it('photos: only those passing the publicity rule, and a withdrawal takes one off the site at once', async () => {
    const photo = (id: number) => `/public/photos/${id}`;
    const casePage = async () => (await get(`/public/cases/${w.caseId}`)).body;
    // No publicity consent yet: only the "no children" photo.
    let body = await casePage();
    expect(body).toContain(photo(w.photos.noChildren));
    expect(body).not.toContain(photo(w.photos.recorded));
    expect(body).not.toContain(photo(w.photos.unrecorded));
    expect((await get(photo(w.photos.recorded))).statusCode).toBe(404);
    // Both guardians consent: the photo of their children shows.
    const guardians = w.rc.children.slice(0, 2).map((c) => ({ c, login: () => t.agent(c.guardianUsername, PASSWORD) }));
    for (const g of guardians) {
      const r = await (await g.login()).post('/api/family/consents/grant', {
        childId: g.c.id,
        kind: 'publicity',
        privacyNoticeVersion: '2026-1',
      });
      expect(r.statusCode).toBe(200);
    }
    body = await casePage();
    expect(body).toContain(photo(w.photos.recorded));
    expect(body).not.toContain(photo(w.photos.unrecorded));
    const ok = await get(photo(w.photos.recorded));
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/png');
    expect(ok.headers['content-disposition']).toBeUndefined();
    expect(ok.headers['cache-control']).toBe('no-cache');
    expect((await get(`/public/classes/${w.rc.classId}`)).body).toContain(photo(w.photos.recorded));
    // One guardian withdraws in the parents' app: the photo leaves the pages and its address at once.
    const first = guardians[0];
    if (!first) throw new Error('guardian');
    const wd = await (await first.login()).post('/api/family/consents/withdraw', {
      childId: first.c.id,
      kind: 'publicity',
    });
    expect(wd.statusCode).toBe(200);
    expect(await casePage()).not.toContain(photo(w.photos.recorded));
    expect((await get('/public/cases')).body).not.toContain(photo(w.photos.recorded));
    expect((await get(photo(w.photos.recorded))).statusCode).toBe(404);
    expect((await get(photo(w.photos.noChildren))).statusCode).toBe(200);
    // An unpublished case takes its photos with it.
    await w.cityA.post(`/api/supervision/cases/${w.caseId}/publish`, { published: false });
    expect((await get(photo(w.photos.noChildren))).statusCode).toBe(404);
    expect((await get(`/public/cases/${w.caseId}`)).statusCode).toBe(404);
    await w.cityA.post(`/api/supervision/cases/${w.caseId}/publish`, { published: true });
  });
});
