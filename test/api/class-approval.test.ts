/**
 * Issue 12, venue and paperwork before approval: a class is approved only with its venue checklist confirmed by the
 * district (or an inspector) and its written rules (安全管理制度, 应急预案, 值班表) on file; fire safety needs an
 * evidence file; a checklist changed after approval flags the class to the district.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { venues } from '../../src/server/db/schema.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { addDocuments, buildApprovableClass, buildReadyVenue, GOOD_CHECKLIST, uploadTo } from '../support/classes.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

type Rule = { id: string; status: string; message: { zh: string; en: string } };
type Blocker = { id: string; message: { zh: string; en: string } };

describe('approval needs a confirmed venue and the written rules (issue 12)', () => {
  let t: TestApp;
  let district: Agent;
  let inspector: Agent;
  let unitAdmin: Agent;
  let otherUnit: Agent;
  let unitAdminId: number;
  let campaignId: number;
  let unitId: number;
  const fields = (name: string) => ({
    campaignId,
    name,
    mode: 'standalone' as const,
    management: 'union' as const,
    startDate: '2026-07-06',
    endDate: '2026-08-14',
    capacity: 40,
    gradesOffered: [1, 2, 3, 4, 5, 6],
    meals: 'self' as const,
  });
  const rule = async (id: number, ruleId: string) =>
    ((await unitAdmin.get(`/api/classes/${id}`)).json().verdict.rules as Rule[]).find((r) => r.id === ruleId);
  const approve = (a: Agent, id: number) => a.post(`/api/classes/${id}/transition`, { action: 'approve' });

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    const districtId = (await buildOrg(db, { parentId: t.rootId })).id;
    unitId = (await buildOrg(db, { parentId: districtId })).id;
    const siblingId = (await buildOrg(db, { parentId: districtId })).id;
    district = await t.agent((await buildUser(db, { role: 'district_admin', orgId: districtId })).username, PASSWORD);
    inspector = await t.agent((await buildUser(db, { role: 'inspector', orgId: districtId })).username, PASSWORD);
    const ua = await buildUser(db, { role: 'unit_admin', orgId: unitId });
    unitAdminId = ua.id;
    unitAdmin = await t.agent(ua.username, PASSWORD);
    otherUnit = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: siblingId })).username, PASSWORD);
    campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '2026年暑期' })).json().id;
  });
  afterAll(() => t.close());

  it('fire safety without an evidence file fails venue.fireSafety and blocks submission; a fire certificate fixes it', async () => {
    const v = await buildReadyVenue(unitAdmin, unitId, { fireCertificate: false });
    const c = (
      await unitAdmin.post('/api/classes', { orgId: unitId, ...fields('无消防证明班'), venueId: v.id })
    ).json();
    const before = await rule(c.id, 'venue.fireSafety');
    expect(before?.status).toBe('fail');
    expect(before?.message.zh).toContain('未上传消防安全证明材料');
    const refused = await unitAdmin.post(`/api/classes/${c.id}/transition`, { action: 'submit' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details.map((d: { id: string }) => d.id)).toContain('venue.fireSafety');
    // The venue page says so too.
    expect((await unitAdmin.get(`/api/venues/${v.id}`)).json().fireEvidence).toBe(false);
    const up = await uploadTo(unitAdmin, `/api/venues/${v.id}/files`, { purpose: 'fire_certificate' });
    expect(up.statusCode).toBe(201);
    // The upload re-judges the classes the venue serves at once.
    expect((await rule(c.id, 'venue.fireSafety'))?.status).toBe('pass');
    expect((await unitAdmin.get(`/api/venues/${v.id}`)).json().fireEvidence).toBe(true);
  });

  it('a file cited for fire safety in the checklist is evidence as well', async () => {
    const v = await buildReadyVenue(unitAdmin, unitId, { fireCertificate: false });
    const c = (await unitAdmin.post('/api/classes', { orgId: unitId, ...fields('引用证明班'), venueId: v.id })).json();
    const photo = (await uploadTo(unitAdmin, `/api/venues/${v.id}/files`, { purpose: 'other' })).json();
    expect((await rule(c.id, 'venue.fireSafety'))?.status).toBe('fail');
    const cur = (await unitAdmin.get(`/api/venues/${v.id}`)).json();
    const r = await unitAdmin.patch(`/api/venues/${v.id}`, {
      checklist: { ...GOOD_CHECKLIST, notes: {}, evidence: { fireSafety: [photo.id] } },
      version: cur.version,
    });
    expect(r.statusCode).toBe(200);
    expect((await rule(c.id, 'venue.fireSafety'))?.status).toBe('pass');
  });

  it('approval is refused, with every reason in zh and en, until the venue is confirmed and the documents are on file', async () => {
    const v = await buildReadyVenue(unitAdmin, unitId);
    const c = (await unitAdmin.post('/api/classes', { orgId: unitId, ...fields('待审批班'), venueId: v.id })).json();
    expect(c.failingRules).toContain('management.documents');
    expect((await rule(c.id, 'management.documents'))?.message.zh).toContain('应急预案');
    // Documents are not needed to submit: the district sees what is missing at approval.
    const sub = await unitAdmin.post(`/api/classes/${c.id}/transition`, { action: 'submit' });
    expect(sub.statusCode).toBe(200);

    const page = (await district.get(`/api/classes/${c.id}`)).json();
    expect(page.abilities.approve).toBe(true);
    expect(page.approval.ready).toBe(false);
    expect(page.approval.blockers.map((b: Blocker) => b.id)).toEqual(['venue.unconfirmed', 'management.documents']);

    const zh = await approve(district, c.id);
    expect(zh.statusCode).toBe(409);
    expect(zh.json().message).toContain('不能批准');
    expect(zh.json().message).toContain('检查表尚未经区县工会或督导员确认');
    expect(zh.json().message).toContain('值班表');
    district.lang = 'en';
    const en = await approve(district, c.id);
    district.lang = 'zh-CN';
    expect(en.json().message).toContain('Cannot approve');
    expect(en.json().message).toContain('not confirmed by the district');
    expect((await district.get(`/api/classes/${c.id}`)).json().status).toBe('submitted');

    // An inspector over the unit may confirm (P-K3 on-site checks); the documents are still missing.
    const cur = (await inspector.get(`/api/venues/${v.id}`)).json();
    expect((await inspector.post(`/api/venues/${v.id}/confirm-checklist`, { version: cur.version })).statusCode).toBe(
      200,
    );
    const docsOnly = await approve(district, c.id);
    expect(docsOnly.statusCode).toBe(409);
    expect(docsOnly.json().message).not.toContain('检查表');
    expect(docsOnly.json().message).toContain('安全管理制度');

    await addDocuments(unitAdmin, c.id, ['safety', 'emergency']);
    expect((await approve(district, c.id)).json().message).toContain('值班表');
    await addDocuments(unitAdmin, c.id, ['duty']);
    const ready = (await district.get(`/api/classes/${c.id}`)).json();
    expect(ready.approval).toEqual({ ready: true, blockers: [] });
    const ok = await approve(district, c.id);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    expect(ok.json().venueUnconfirmed).toBe(false);
  });

  it('a confirmation written by someone without the right (the unit itself) does not count', async () => {
    const c = await buildApprovableClass({ unitAdmin, district, unitId }, fields('自行确认班'));
    // As the old demo did: the unit's own admin recorded as the confirmer.
    await t.database.db.update(venues).set({ checklistConfirmedBy: unitAdminId }).where(eq(venues.id, c.venueId));
    const r = await approve(district, c.id);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('无确认权限');
    // And through the API the unit cannot confirm its own venue.
    const v = (await unitAdmin.get(`/api/venues/${c.venueId}`)).json();
    expect(
      (await unitAdmin.post(`/api/venues/${c.venueId}/confirm-checklist`, { version: v.version })).statusCode,
    ).toBe(403);
  });

  it('a checklist changed after approval flags the class to the district, with an inbox notice, until re-confirmed', async () => {
    const c = await buildApprovableClass({ unitAdmin, district, unitId }, fields('批准后改场地班'));
    expect((await approve(district, c.id)).statusCode).toBe(200);
    const v = (await unitAdmin.get(`/api/venues/${c.venueId}`)).json();
    const edited = await unitAdmin.patch(`/api/venues/${c.venueId}`, {
      checklist: { ...GOOD_CHECKLIST, surveillance: false, notes: {}, evidence: {} },
      version: v.version,
    });
    expect(edited.json().confirmation).toBeNull();
    expect((await district.get(`/api/classes/${c.id}`)).json().venueUnconfirmed).toBe(true);
    const list = (await district.get('/api/classes?status=approved&pageSize=100')).json();
    const row = list.items.find((x: { id: number }) => x.id === c.id);
    expect(row.venueUnconfirmed).toBe(true);
    const inbox = (await district.get('/api/inbox')).json();
    const notice = inbox.items.find((n: { kind: string }) => n.kind === 'venue.checklist_changed');
    expect(notice?.body).toContain('批准后改场地班');
    expect(notice?.link).toBe(`/venues/${c.venueId}`);
    // Re-confirmed by the district: the flag goes away.
    const again = await district.post(`/api/venues/${c.venueId}/confirm-checklist`, { version: edited.json().version });
    expect(again.statusCode).toBe(200);
    expect((await district.get(`/api/classes/${c.id}`)).json().venueUnconfirmed).toBe(false);
  });

  it('documents: listed with links for the district, a template to download, text written from it kept as a PDF', async () => {
    const c = (await unitAdmin.post('/api/classes', { orgId: unitId, ...fields('制度材料班') })).json();
    const empty = (await district.get(`/api/classes/${c.id}`)).json().documents;
    expect(empty.required).toEqual(['safety', 'emergency', 'duty']);
    expect(empty.items.map((i: { kind: string; files: unknown[] }) => [i.kind, i.files.length])).toEqual([
      ['safety', 0],
      ['emergency', 0],
      ['duty', 0],
    ]);
    const tpl = await unitAdmin.get(`/api/classes/${c.id}/documents/emergency/template`);
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('text/plain');
    expect(tpl.body).toContain('制度材料班');
    expect(tpl.body).toContain('责任人');
    const written = await unitAdmin.post(`/api/classes/${c.id}/documents/emergency`, { text: tpl.body });
    expect(written.statusCode).toBe(201);
    expect(written.json()).toMatchObject({ purpose: 'doc_emergency', contentType: 'application/pdf' });
    await addDocuments(unitAdmin, c.id, ['safety']);
    const docs = (await district.get(`/api/classes/${c.id}/documents`)).json();
    const emergency = docs.items.find((i: { kind: string }) => i.kind === 'emergency');
    expect(emergency.files[0].url).toBe(`/api/files/${written.json().id}`);
    // The district opens it from the approval view; another unit cannot.
    expect((await district.get(emergency.files[0].url)).statusCode).toBe(200);
    expect((await otherUnit.get(emergency.files[0].url)).statusCode).toBe(404);
    expect((await rule(c.id, 'management.documents'))?.message.zh).toContain('值班表');
  });

  it('bad document input is refused naming the field; only the unit’s administrators add documents', async () => {
    const c = (await unitAdmin.post('/api/classes', { orgId: unitId, ...fields('材料校验班') })).json();
    const badKind = await uploadTo(unitAdmin, `/api/classes/${c.id}/documents`, { kind: 'manual' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().details.map((d: { path: string }) => d.path)).toContain('body.kind');
    const short = await unitAdmin.post(`/api/classes/${c.id}/documents/safety`, { text: '无' });
    expect(short.statusCode).toBe(400);
    expect((await uploadTo(district, `/api/classes/${c.id}/documents`, { kind: 'safety' })).statusCode).toBe(201);
    expect((await uploadTo(inspector, `/api/classes/${c.id}/documents`, { kind: 'safety' })).statusCode).toBe(403);
    expect((await uploadTo(otherUnit, `/api/classes/${c.id}/documents`, { kind: 'safety' })).statusCode).toBe(404);
  });
});
