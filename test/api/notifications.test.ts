import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notificationChannels, outbox } from '../../src/server/db/schema.js';
import { notify } from '../../src/server/modules/notifications/notify.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

interface Received {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** A local group-robot stand-in: records every POST and answers from a queue (default `{errcode:0}`). */
async function startReceiver() {
  const received: Received[] = [];
  const replies: { status: number; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      received.push({ path: u.pathname, query: u.searchParams, body: JSON.parse(data || '{}') });
      const r = replies.shift() ?? { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (p: string) => `http://127.0.0.1:${port}${p}`,
    received,
    replies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('notifications: inbox, channels, outbox dispatch', () => {
  let t: TestApp;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let districtId: number;
  let unitA: number;
  let unitB: number;
  let city: Agent;
  let adminA: Agent;
  let adminB: Agent;
  let district: Agent;
  let otherDistrict: Agent;
  let inspector: Agent;
  let adminAId: number;
  let adminBId: number;

  const login = async () => {
    city = await t.agent('ntf_city', PASSWORD);
    adminA = await t.agent('ntf_admin_a', PASSWORD);
    adminB = await t.agent('ntf_admin_b', PASSWORD);
    district = await t.agent('ntf_district', PASSWORD);
    otherDistrict = await t.agent('ntf_other_district', PASSWORD);
    inspector = await t.agent('ntf_inspector', PASSWORD);
  };

  beforeAll(async () => {
    // The local receiver stands for a relay on the deployment's own network (WEBHOOK_RELAY_HOSTS).
    t = await createTestApp({ webhookRelayHosts: ['127.0.0.1'] });
    rx = await startReceiver();
    const db = t.database.db;
    districtId = (await buildOrg(db, { parentId: t.rootId, name: '通知区总工会' })).id;
    const other = (await buildOrg(db, { parentId: t.rootId, name: '别的区总工会' })).id;
    unitA = (await buildOrg(db, { parentId: districtId, name: '甲单位' })).id;
    unitB = (await buildOrg(db, { parentId: districtId, name: '乙单位' })).id;
    adminAId = (await buildUser(db, { role: 'unit_admin', orgId: unitA, username: 'ntf_admin_a' })).id;
    adminBId = (await buildUser(db, { role: 'unit_admin', orgId: unitB, username: 'ntf_admin_b' })).id;
    await buildUser(db, { role: 'city_admin', orgId: t.rootId, username: 'ntf_city' });
    await buildUser(db, { role: 'district_admin', orgId: districtId, username: 'ntf_district' });
    await buildUser(db, { role: 'district_admin', orgId: other, username: 'ntf_other_district' });
    await buildUser(db, { role: 'inspector', orgId: districtId, username: 'ntf_inspector' });
    await login();
  });

  afterAll(async () => {
    await rx?.close();
    await t?.close();
  });

  const channelBody = (extra: Record<string, unknown> = {}) => ({
    kind: 'wecom',
    name: '甲单位企业微信群',
    url: rx.url('/wecom?key=abcdef0123456789'),
    ...extra,
  });

  describe('refusals first', () => {
    it('401 without a session', async () => {
      const anon = t.anonymous();
      expect((await anon.get('/api/inbox')).statusCode).toBe(401);
      expect((await anon.get('/api/inbox/unread-count')).statusCode).toBe(401);
      expect((await anon.post('/api/inbox/read-all')).statusCode).toBe(401);
      expect((await anon.get(`/api/orgs/${unitA}/notification-channels`)).statusCode).toBe(401);
      expect((await anon.post(`/api/orgs/${unitA}/notification-channels`, channelBody())).statusCode).toBe(401);
      expect((await anon.get('/api/outbox')).statusCode).toBe(401);
    });

    it('403 without CSRF, for a reader who is not an administrator, and for the send log', async () => {
      const noCsrf = await t.agent('ntf_admin_a', PASSWORD);
      noCsrf.csrf = null;
      expect((await noCsrf.post(`/api/orgs/${unitA}/notification-channels`, channelBody())).statusCode).toBe(403);
      expect((await noCsrf.post('/api/inbox/read-all')).statusCode).toBe(403);
      // The inspector sees the organisation but does not administer it.
      expect((await inspector.get(`/api/orgs/${unitA}/notification-channels`)).statusCode).toBe(403);
      expect((await inspector.post(`/api/orgs/${unitA}/notification-channels`, channelBody())).statusCode).toBe(403);
      expect((await inspector.get('/api/outbox')).statusCode).toBe(403);
    });

    it('404 for an organisation outside the caller’s view', async () => {
      expect((await adminB.post(`/api/orgs/${unitA}/notification-channels`, channelBody())).statusCode).toBe(404);
      expect((await otherDistrict.get(`/api/orgs/${unitA}/notification-channels`)).statusCode).toBe(404);
    });

    it('400 with what and where: http to another host, a secret for 企业微信, bad kind and filter', async () => {
      const http1 = await adminA.post(
        `/api/orgs/${unitA}/notification-channels`,
        channelBody({ url: 'http://example.com/hook' }),
      );
      expect(http1.statusCode).toBe(400);
      expect(http1.json().message).toMatch(/body\.url.*https/);
      const notUrl = await adminA.post(`/api/orgs/${unitA}/notification-channels`, channelBody({ url: 'hook' }));
      expect(notUrl.statusCode).toBe(400);
      const secret = await adminA.post(
        `/api/orgs/${unitA}/notification-channels`,
        channelBody({ secret: 'SEC0123456789' }),
      );
      expect(secret.statusCode).toBe(400);
      expect(secret.json().message).toMatch(/body\.secret/);
      const kind = await adminA.post(`/api/orgs/${unitA}/notification-channels`, channelBody({ kind: 'slack' }));
      expect(kind.statusCode).toBe(400);
      expect(kind.json().message).toMatch(/body\.kind/);
      const filter = await adminA.post(
        `/api/orgs/${unitA}/notification-channels`,
        channelBody({ filter: ['DROP TABLE'] }),
      );
      expect(filter.statusCode).toBe(400);
      expect(filter.json().message).toMatch(/body\.filter\.0/);
      adminA.lang = 'en';
      const en = await adminA.post(
        `/api/orgs/${unitA}/notification-channels`,
        channelBody({ url: 'ftp://example.com' }),
      );
      adminA.lang = 'zh-CN';
      expect(en.json().message).toMatch(/must be an https URL/);
      expect((await adminA.get('/api/inbox?limit=0')).statusCode).toBe(400);
      expect((await adminA.post('/api/inbox/abc/read')).statusCode).toBe(400);
      expect((await city.get('/api/outbox?status=lost')).statusCode).toBe(400);
    });
  });

  describe('inbox', () => {
    it('each person reads and marks only their own rows; unread counts follow', async () => {
      const db = t.database.db;
      await notify(db, t.clock.now, { userIds: [adminAId] }, { kind: 'test.one', title: '给甲', body: '第一条' });
      await notify(db, t.clock.now, { userIds: [adminAId] }, { kind: 'test.two', title: '给甲', body: '第二条' });
      await notify(db, t.clock.now, { userIds: [adminBId] }, { kind: 'test.one', title: '给乙', body: '只给乙' });
      const a = (await adminA.get('/api/inbox')).json();
      expect(a.items.map((i: { body: string }) => i.body)).toEqual(['第二条', '第一条']);
      expect(a.unread).toBe(2);
      const b = (await adminB.get('/api/inbox')).json();
      expect(b.items).toHaveLength(1);
      expect((await adminA.get('/api/inbox/unread-count')).json().unread).toBe(2);
      // A's attempt to read B's row is "not found", and B's row stays unread.
      const bId = b.items[0].id;
      expect((await adminA.post(`/api/inbox/${bId}/read`)).statusCode).toBe(404);
      expect((await adminB.get('/api/inbox/unread-count')).json().unread).toBe(1);
      const read = await adminA.post(`/api/inbox/${a.items[0].id}/read`);
      expect(read.statusCode).toBe(200);
      expect(read.json().readAt).toBeTruthy();
      expect((await adminA.get('/api/inbox/unread-count')).json().unread).toBe(1);
      const unread = (await adminA.get('/api/inbox?unreadOnly=true')).json();
      expect(unread.items.map((i: { body: string }) => i.body)).toEqual(['第一条']);
      // Paging: newest first with a cursor.
      const p1 = (await adminA.get('/api/inbox?limit=1')).json();
      expect(p1.items).toHaveLength(1);
      expect(p1.nextCursor).toBe(p1.items[0].id);
      const p2 = (await adminA.get(`/api/inbox?limit=1&cursor=${p1.nextCursor}`)).json();
      expect(p2.items[0].body).toBe('第一条');
      expect((await adminA.post('/api/inbox/read-all')).json().updated).toBe(1);
      expect((await adminA.get('/api/inbox/unread-count')).json().unread).toBe(0);
      expect((await adminB.get('/api/inbox/unread-count')).json().unread).toBe(1);
    });
  });

  describe('channels', () => {
    let wecomId: number;
    let dingId: number;

    it('the unit admin creates channels; the secret is sealed and never returned; changes are audited', async () => {
      const w = await adminA.post(`/api/orgs/${unitA}/notification-channels`, channelBody());
      expect(w.statusCode).toBe(201);
      wecomId = w.json().id;
      expect(w.json().urlMasked).not.toContain('abcdef0123456789');
      const d = await adminA.post(`/api/orgs/${unitA}/notification-channels`, {
        kind: 'dingtalk',
        name: '甲单位钉钉群',
        url: rx.url('/ding?access_token=token0123456789'),
        secret: 'SECtest-secret-123',
        filter: ['warning', 'incident.'],
      });
      expect(d.statusCode).toBe(201);
      dingId = d.json().id;
      expect(d.json()).toMatchObject({ hasSecret: true, filter: ['warning', 'incident.'], active: true });
      expect(d.body).not.toContain('SECtest-secret-123');
      const [row] = await t.database.db.select().from(notificationChannels).where(eq(notificationChannels.id, dingId));
      expect(row?.secretEnc).toBeTruthy();
      expect(row?.secretEnc).not.toContain('SECtest');
      const audits = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'notification_channel'), eq(auditLog.entityId, String(dingId))));
      expect(audits.map((a) => a.action)).toEqual(['notification_channel.create']);
      expect(JSON.stringify(audits)).not.toContain('SECtest');
      expect(JSON.stringify(audits)).not.toContain('token0123456789');
    });

    it('scope: the district and the city see them, the other unit and district do not', async () => {
      expect((await district.get(`/api/orgs/${unitA}/notification-channels`)).json().items).toHaveLength(2);
      expect((await city.get(`/api/orgs/${unitA}/notification-channels`)).json().items).toHaveLength(2);
      expect((await adminB.get(`/api/notification-channels/${wecomId}`)).statusCode).toBe(404);
      expect((await adminB.patch(`/api/notification-channels/${wecomId}`, { name: '改名' })).statusCode).toBe(404);
      expect((await otherDistrict.del(`/api/notification-channels/${wecomId}`)).statusCode).toBe(404);
      expect((await adminB.post(`/api/notification-channels/${wecomId}/test`)).statusCode).toBe(404);
      const renamed = await district.patch(`/api/notification-channels/${wecomId}`, { name: '甲单位值班群' });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().name).toBe('甲单位值班群');
      const bad = await district.patch(`/api/notification-channels/${wecomId}`, { url: 'http://10.0.0.1/x' });
      expect(bad.statusCode).toBe(400);
    });

    it('an alert reaches the local receiver in both robot formats, DingTalk signed', async () => {
      rx.received.length = 0;
      const r = await t.database.db.transaction((tx) =>
        notify(
          tx,
          t.clock.now,
          { orgs: [{ orgId: unitA, roles: ['unit_admin'] }] },
          {
            kind: 'attendance.arrival_missing',
            severity: 'warning',
            title: '未到园提醒',
            body: '张小明 09:30 仍未签到',
            link: '/classes/1',
          },
        ),
      );
      expect(r).toEqual({ inbox: 1, outbox: 2 });
      const d = await t.dispatch();
      expect(d).toEqual({ sent: 2, failed: 0, dead: 0 });
      const wecom = rx.received.find((x) => x.path === '/wecom');
      expect(wecom?.body).toEqual({
        msgtype: 'markdown',
        markdown: { content: expect.stringContaining('张小明 09:30 仍未签到') },
      });
      expect(wecom?.query.get('key')).toBe('abcdef0123456789');
      const ding = rx.received.find((x) => x.path === '/ding');
      expect(ding?.body).toEqual({
        msgtype: 'markdown',
        markdown: { title: '未到园提醒', text: expect.stringContaining('张小明 09:30 仍未签到') },
      });
      expect(ding?.query.get('access_token')).toBe('token0123456789');
      const ts = ding?.query.get('timestamp') ?? '';
      expect(Number(ts)).toBe(t.clock.now.getTime());
      const expected = createHmac('sha256', 'SECtest-secret-123').update(`${ts}\nSECtest-secret-123`).digest('base64');
      expect(ding?.query.get('sign')).toBe(expected);
      // An info notice does not go to channels with the default or a warning filter.
      const info = await notify(
        t.database.db,
        t.clock.now,
        { orgs: [{ orgId: unitA, roles: ['unit_admin'] }] },
        { kind: 'attendance.check_in', title: '签到', body: '已签到' },
      );
      expect(info.outbox).toBe(0);
    });

    it('a 500 and a non-zero errcode are failures retried after the back-off, then delivered', async () => {
      rx.received.length = 0;
      rx.replies.push({ status: 500, body: 'boom' });
      const test = await adminA.post(`/api/notification-channels/${wecomId}/test`);
      expect(test.statusCode).toBe(202);
      const id = test.json().outboxId;
      expect(await t.dispatch()).toEqual({ sent: 0, failed: 1, dead: 0 });
      let [row] = await t.database.db.select().from(outbox).where(eq(outbox.id, id));
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row?.lastError).toMatch(/HTTP 500/);
      // Not due again before the back-off has passed.
      expect(await t.dispatch()).toEqual({ sent: 0, failed: 0, dead: 0 });
      t.clock.advance(31_000);
      rx.replies.push({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
      expect(await t.dispatch()).toEqual({ sent: 0, failed: 1, dead: 0 });
      [row] = await t.database.db.select().from(outbox).where(eq(outbox.id, id));
      expect(row?.lastError).toMatch(/errcode 93000/);
      t.clock.advance(2 * 60_000 + 1000);
      expect(await t.dispatch()).toEqual({ sent: 1, failed: 0, dead: 0 });
      [row] = await t.database.db.select().from(outbox).where(eq(outbox.id, id));
      expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
      expect(row?.sentAt?.getTime()).toBe(t.clock.now.getTime());
      expect(rx.received).toHaveLength(3);
      expect(JSON.stringify(rx.received[2]?.body)).toContain('测试消息');
    });

    it('a dead channel after N failures does not stop other sends; phones go through the sender', async () => {
      await login();
      // A port nobody listens on (taken and released), so the connection is refused.
      const probe = http.createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const deadPort = (probe.address() as AddressInfo).port;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const broken = await adminA.post(
        `/api/orgs/${unitA}/notification-channels`,
        channelBody({ name: '坏掉的群', url: `http://127.0.0.1:${deadPort}/nothing-listens`, filter: ['info'] }),
      );
      expect(broken.statusCode).toBe(201);
      const brokenId = broken.json().id;
      rx.received.length = 0;
      await notify(
        t.database.db,
        t.clock.now,
        { orgs: [{ orgId: unitA, roles: [] }], phones: ['13912345678'] },
        {
          kind: 'incident.serious',
          severity: 'critical',
          title: '严重事件',
          body: '请立即处理',
          sms: '【爱心托管】严重事件',
        },
      );
      let r = await t.dispatch({ maxAttempts: 2 });
      expect(r).toEqual({ sent: 3, failed: 1, dead: 0 });
      expect(t.sender.lastTo('13912345678')?.text).toBe('【爱心托管】严重事件');
      expect(rx.received.map((x) => x.path).sort()).toEqual(['/ding', '/wecom']);
      t.clock.advance(31_000);
      r = await t.dispatch({ maxAttempts: 2 });
      expect(r).toEqual({ sent: 0, failed: 0, dead: 1 });
      const [dead] = await t.database.db.select().from(outbox).where(eq(outbox.channelId, brokenId));
      expect(dead).toMatchObject({ status: 'dead', attempts: 2 });
      expect(dead?.lastError).toBe('network error: ECONNREFUSED');
      const ch = (await adminA.get(`/api/notification-channels/${brokenId}`)).json();
      expect(ch).toMatchObject({ dead: 1, pending: 0 });
      // Deactivating the channel: DELETE keeps the row, inactive, and audits it.
      const del = await adminA.del(`/api/notification-channels/${brokenId}`);
      expect(del.statusCode).toBe(200);
      expect(del.json().active).toBe(false);
      const audits = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'notification_channel'), eq(auditLog.entityId, String(brokenId))));
      expect(audits.map((a) => a.action).sort()).toEqual([
        'notification_channel.create',
        'notification_channel.deactivate',
      ]);
      expect((await adminA.post(`/api/notification-channels/${brokenId}/test`)).statusCode).toBe(400);
    });

    it('a receiver that does not answer in time is a failure (timeout), retried later', async () => {
      const hang = http.createServer(() => {
        // never answers
      });
      await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
      const port = (hang.address() as AddressInfo).port;
      try {
        const c = await adminA.post(
          `/api/orgs/${unitA}/notification-channels`,
          channelBody({ name: '不回应的群', url: `http://127.0.0.1:${port}/slow` }),
        );
        const id = (await adminA.post(`/api/notification-channels/${c.json().id}/test`)).json().outboxId;
        expect(await t.dispatch({ timeoutMs: 200 })).toEqual({ sent: 0, failed: 1, dead: 0 });
        const [row] = await t.database.db.select().from(outbox).where(eq(outbox.id, id));
        expect(row).toMatchObject({ status: 'pending', lastError: 'timeout after 200 ms' });
        await adminA.del(`/api/notification-channels/${c.json().id}`);
      } finally {
        hang.closeAllConnections();
        await new Promise<void>((resolve) => hang.close(() => resolve()));
      }
    });

    it('two dispatchers at once send each row exactly once (SKIP LOCKED claims)', async () => {
      const phones = Array.from({ length: 30 }, (_, i) => `1370000${String(i).padStart(4, '0')}`);
      await notify(t.database.db, t.clock.now, { phones }, { kind: 'test.bulk', title: '群发', body: '一次' });
      const before = t.sender.sent.length;
      const [a, b] = await Promise.all([t.dispatch({ batchSize: 4 }), t.dispatch({ batchSize: 4 })]);
      expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(30);
      const got = t.sender.sent.slice(before).map((m) => m.phone);
      expect(got.sort()).toEqual([...phones].sort());
    });

    it('the send log: admins see their channels’ rows, the city sees everything with phones masked', async () => {
      const mine = (await adminA.get('/api/outbox')).json().items as { channel: string; target: string }[];
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((i) => i.channel === 'webhook')).toBe(true);
      expect(JSON.stringify(mine)).not.toContain('abcdef0123456789');
      expect((await adminB.get('/api/outbox')).json().items).toHaveLength(0);
      const all = (await city.get('/api/outbox')).json().items as { channel: string; target: string }[];
      const sms = all.filter((i) => i.channel === 'sms').map((i) => i.target);
      expect(sms).toContain('139****5678');
      expect(JSON.stringify(all)).not.toContain('13912345678');
      const dead = (await city.get('/api/outbox?status=dead')).json().items as { status: string }[];
      expect(dead.length).toBe(1);
      expect(dead.every((i) => i.status === 'dead')).toBe(true);
    });
  });
  describe('webhook targets (SSRF)', () => {
    it('SSRF: only the robots’ hosts, the city’s additions and relays; never a private address, never a body echoed', async () => {
      // Internal targets a unit admin could aim at: refused when saved, with the allowed hosts named.
      for (const url of [
        'https://10.0.0.5/hook',
        'https://169.254.169.254/latest/meta-data',
        'https://localhost/hook',
        'http://localhost:5432/',
        'https://[::1]/hook',
        'https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send',
        'https://evil.example.com/hook',
      ]) {
        const res = await adminA.post(`/api/orgs/${unitA}/notification-channels`, channelBody({ url }));
        expect(res.statusCode, url).toBe(400);
        expect(res.json().details[0].path).toBe('body.url');
      }
      const official = await adminA.post(
        `/api/orgs/${unitA}/notification-channels`,
        channelBody({ name: '官方机器人', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1' }),
      );
      expect(official.statusCode).toBe(201);
      await adminA.patch(`/api/notification-channels/${official.json().id}`, { active: false });
      // The city allows a host; a unit admin may not.
      expect(
        (await adminA.put('/api/settings', { webhookHosts: ['internal.example.test'] })).statusCode,
      ).toBeGreaterThanOrEqual(403);
      const bad = await city.put('/api/settings', { webhookHosts: ['http://x/'] });
      expect(bad.statusCode).toBe(400);
      const allowed = await city.put('/api/settings', { webhookHosts: ['localhost.example.test', 'LOCALHOST.'] });
      expect(allowed.statusCode).toBe(400);
      expect((await city.put('/api/settings', { webhookHosts: ['robot.example.test'] })).statusCode).toBe(200);
      const ok = await adminA.post(
        `/api/orgs/${unitA}/notification-channels`,
        channelBody({ name: '市里允许的机器人', url: 'https://robot.example.test/hook', filter: ['never.sent'] }),
      );
      expect(ok.statusCode).toBe(201);
      await adminA.patch(`/api/notification-channels/${ok.json().id}`, { active: false });
      await city.put('/api/settings', { webhookHosts: [] });
    });

    it('SSRF at send time: a host that resolves to a private address is not connected to', async () => {
      const { postJson, isPrivateAddress } = await import('../../src/server/modules/notifications/webhook.js');
      for (const ip of [
        '127.0.0.1',
        '10.1.2.3',
        '172.20.0.1',
        '192.168.1.1',
        '169.254.169.254',
        '100.64.0.1',
        '::1',
        'fe80::1',
        'fd00::1',
        '::ffff:127.0.0.1',
        '0.0.0.0',
      ])
        expect(isPrivateAddress(ip), ip).toBe(true);
      for (const ip of ['1.1.1.1', '101.226.129.166', '2408:8000::1']) expect(isPrivateAddress(ip), ip).toBe(false);
      // "localhost" allowed as a host name (as if the city had added it) still resolves to loopback: refused before
      // any connection, so the local receiver hears nothing.
      rx.received.length = 0;
      const port = new URL(rx.url('/')).port;
      await expect(
        postJson(`https://localhost:${port}/wecom`, { msgtype: 'text' }, 2000, {
          allowedHosts: ['localhost'],
          relayHosts: [],
        }),
      ).rejects.toThrow(/private address/);
      expect(rx.received).toHaveLength(0);
      // A relay's error body is not echoed into the log.
      rx.replies.push({ status: 500, body: 'SECRET-INTERNAL-PAGE' });
      const err = await postJson(rx.url('/wecom'), { msgtype: 'text' }, 2000, {
        allowedHosts: [],
        relayHosts: ['127.0.0.1'],
      }).catch((e: Error) => e);
      expect(String(err)).toMatch(/HTTP 500/);
      expect(String(err)).not.toMatch(/SECRET/);
    });
  });
});
