/**
 * The public site's demo (issue 17), deterministic: the city's news — four posts published (written by the city's
 * publicity officer `press`, published by `city`: a second person), one in review (so `city` can publish or return
 * it), one draft — and good-practice cases curated by the city on finished and running classes, with photos:
 * scenes with no children (marked so by the uploader), one photo of two children whose guardians gave the
 * publicity consent (on the site), and one of two children where one guardian withdrew it (kept off the site).
 * The photos are drawn here (rooms, desks, books; no faces), so no real picture of anyone is shipped.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { addDays, todayInChina } from '../../domain/calendar/dates.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import {
  campaigns,
  careClasses,
  consents,
  enrolments,
  files,
  guardians,
  practiceCases,
  roleGrants,
  users,
} from '../db/schema.js';
import { newsPostEvents, newsPosts, publicPhotoChildren } from '../db/tables/public.js';
import { recordEvent } from '../events/audit.js';
import { type FileStore, newStorageKey } from '../storage/fileStore.js';

const NEWS = [
  {
    title: '全市职工子女暑期爱心托管班陆续开班',
    summary: '今年全市共有数十家单位开办爱心托管班，为职工解决假期“看护难”。',
    body: '7月上旬起，全市各级工会开办的职工子女暑期爱心托管班陆续开班。托管班以公益为主，提供作业辅导、阅读、体育和文艺活动。\n\n市总工会要求各托管班落实安全管理制度和应急预案，每日签到签退，由家长指定的人员接送。\n\n家长可通过家长端查找附近托管班并报名。',
    daysAgo: 20,
  },
  {
    title: '市总工会开展托管班安全督导',
    summary: '督导组分赴各区，检查场地消防、食品留样和接送交接。',
    body: '近日，市总工会组织督导组对各区托管班开展安全督导，重点检查场地消防、食品留样、接送交接和值班制度落实情况。\n\n对发现的问题，督导组现场反馈并形成整改清单，限期整改到位。',
    daysAgo: 12,
  },
  {
    title: '职工志愿者走进托管班',
    summary: '各单位职工利用业余时间到托管班辅导作业、带领阅读。',
    body: '暑期以来，不少单位职工报名成为托管班志愿者，利用业余时间辅导作业、带领阅读和开展体育活动。\n\n欢迎更多职工和社会志愿者在公开网站“志愿者”栏目查看各托管班的需求并报名。',
    daysAgo: 8,
  },
  {
    title: '家长满意度调查结果出炉',
    summary: '参与调查的家长普遍对托管班的安全管理和服务表示满意。',
    body: '市总工会近期组织了托管班家长满意度调查。参与调查的家长对托管班的安全管理、活动安排和工作人员的服务普遍表示满意，也对午餐和延时托管提出了建议。\n\n各托管班将根据家长意见改进服务。',
    daysAgo: 3,
  },
];

const CASES = [
  {
    title: '“四点半课堂”作业辅导有章法',
    body: '托管班按年级分组辅导作业，每组由一名教师或志愿者负责，先独立完成、再集中答疑。\n\n每天下午安排半小时阅读，孩子们在“阅读角”自选图书，养成了良好的学习习惯。',
    scenes: ['desks', 'books'],
  },
  {
    title: '食品留样和消毒台账一日一记',
    body: '托管班与有资质的配餐企业签订协议，每餐留样 48 小时，留样记录和消毒记录每日填写、负责人签字，督导检查时台账齐全清楚。',
    scenes: ['kitchen'],
  },
  {
    title: '体育活动安全有序',
    body: '托管班每天上午安排一小时体育活动，活动前检查场地和器材，教练全程看护，准备急救包，孩子们在安全的前提下尽情运动。',
    scenes: ['gym', 'children'],
  },
];

// ---- drawn photos --------------------------------------------------------------------------------------------

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

type Rgb = [number, number, number];
type Shape = { x: number; y: number; w: number; h: number; c: Rgb; round?: boolean };

/** A 480×360 PNG of flat shapes: a room with its furniture (and, for `children`, two figures seen from behind). */
export function drawScene(scene: string): Buffer {
  const W = 480;
  const H = 360;
  const palettes: Record<string, { wall: Rgb; floor: Rgb; shapes: Shape[] }> = {
    desks: {
      wall: [236, 228, 212],
      floor: [196, 164, 120],
      shapes: [
        { x: 40, y: 40, w: 160, h: 100, c: [170, 210, 235] },
        { x: 280, y: 50, w: 160, h: 90, c: [60, 110, 80] },
        ...[0, 1, 2].flatMap((i) => [
          { x: 40 + i * 150, y: 230, w: 110, h: 18, c: [150, 100, 60] as Rgb },
          { x: 50 + i * 150, y: 248, w: 10, h: 60, c: [110, 70, 40] as Rgb },
          { x: 130 + i * 150, y: 248, w: 10, h: 60, c: [110, 70, 40] as Rgb },
        ]),
      ],
    },
    books: {
      wall: [242, 236, 226],
      floor: [180, 150, 110],
      shapes: [
        { x: 60, y: 60, w: 360, h: 200, c: [140, 95, 60] },
        ...Array.from({ length: 14 }, (_, i) => ({
          x: 72 + i * 24,
          y: 80 + (i % 3) * 6,
          w: 18,
          h: 70 - (i % 3) * 6,
          c: ([
            [184, 49, 47],
            [60, 120, 180],
            [230, 180, 60],
            [80, 150, 90],
          ][i % 4] ?? [0, 0, 0]) as Rgb,
        })),
        ...Array.from({ length: 12 }, (_, i) => ({
          x: 76 + i * 28,
          y: 175,
          w: 22,
          h: 70,
          c: ([
            [90, 140, 200],
            [220, 120, 80],
            [120, 170, 100],
          ][i % 3] ?? [0, 0, 0]) as Rgb,
        })),
      ],
    },
    kitchen: {
      wall: [230, 238, 240],
      floor: [170, 180, 185],
      shapes: [
        { x: 30, y: 170, w: 420, h: 30, c: [200, 205, 210] },
        { x: 30, y: 200, w: 420, h: 90, c: [150, 160, 170] },
        ...Array.from({ length: 6 }, (_, i) => ({
          x: 50 + i * 68,
          y: 130,
          w: 50,
          h: 40,
          c: [245, 245, 245] as Rgb,
        })),
        { x: 340, y: 40, w: 100, h: 70, c: [255, 255, 255] },
      ],
    },
    gym: {
      wall: [225, 235, 245],
      floor: [205, 120, 70],
      shapes: [
        { x: 360, y: 60, w: 80, h: 60, c: [255, 255, 255] },
        { x: 395, y: 120, w: 10, h: 150, c: [120, 120, 120] },
        { x: 80, y: 240, w: 40, h: 40, c: [230, 120, 40], round: true },
        { x: 180, y: 255, w: 30, h: 30, c: [60, 120, 200], round: true },
      ],
    },
    children: {
      wall: [235, 232, 245],
      floor: [190, 160, 125],
      shapes: [
        { x: 150, y: 120, w: 60, h: 60, c: [60, 45, 40], round: true },
        { x: 135, y: 175, w: 90, h: 120, c: [184, 49, 47] },
        { x: 280, y: 130, w: 56, h: 56, c: [50, 40, 35], round: true },
        { x: 266, y: 182, w: 84, h: 110, c: [60, 110, 180] },
        { x: 40, y: 40, w: 120, h: 60, c: [255, 250, 220] },
      ],
    },
  };
  const p = palettes[scene] ?? palettes.desks;
  if (!p) throw new Error('scene');
  const raw = Buffer.alloc((W * 3 + 1) * H);
  for (let y = 0; y < H; y++) {
    raw[y * (W * 3 + 1)] = 0;
    for (let x = 0; x < W; x++) {
      let c: Rgb = y < 300 ? p.wall : p.floor;
      for (const s of p.shapes) {
        const inside = s.round
          ? (x - s.x - s.w / 2) ** 2 / (s.w / 2) ** 2 + (y - s.y - s.h / 2) ** 2 / (s.h / 2) ** 2 <= 1
          : x >= s.x && x < s.x + s.w && y >= s.y && y < s.y + s.h;
        if (inside) c = s.c;
      }
      const o = y * (W * 3 + 1) + 1 + x * 3;
      raw[o] = c[0];
      raw[o + 1] = c[1];
      raw[o + 2] = c[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- the loader ----------------------------------------------------------------------------------------------

export async function loadDemoPublic(
  tx: Db,
  ctx: RequestContext,
  o: { campaignName: string; cityId: number; cityPath: string; cityUserId: number; store?: FileStore | undefined },
): Promise<{ rows: number }> {
  const now = ctx.now;
  const today = todayInChina(now);
  const at = (daysAgo: number, hour: number) =>
    new Date(`${addDays(today, -daysAgo)}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  let rows = 0;

  // The city's publicity officer: a second city administrator (news needs two people), same demo password.
  const [cityUser] = await tx.select().from(users).where(eq(users.id, o.cityUserId));
  if (!cityUser) throw new Error('demo public: city user');
  const [press] = await tx
    .insert(users)
    .values({
      username: 'press',
      displayName: '周宣',
      passwordHash: cityUser.passwordHash,
      mustChangePassword: false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!press) throw new Error('demo public: press');
  await tx.insert(roleGrants).values({ userId: press.id, role: 'city_admin', orgId: o.cityId, createdAt: now });
  rows += 2;

  const addPost = async (
    n: { title: string; summary: string; body: string },
    status: 'published' | 'submitted' | 'draft',
    daysAgo: number,
    author: number,
  ) => {
    const written = at(daysAgo + 1, 10);
    const decided = at(daysAgo, 9);
    const [post] = await tx
      .insert(newsPosts)
      .values({
        orgId: o.cityId,
        ...n,
        status,
        authorId: author,
        submittedAt: status === 'draft' ? null : at(daysAgo + 1, 16),
        reviewedBy: status === 'published' ? o.cityUserId : null,
        reviewedAt: status === 'published' ? decided : null,
        publishedAt: status === 'published' ? decided : null,
        version: status === 'published' ? 3 : status === 'submitted' ? 2 : 1,
        createdAt: written,
        updatedAt: status === 'published' ? decided : written,
      })
      .returning();
    if (!post) throw new Error('demo public: news');
    const snapshot = { title: n.title, summary: n.summary, body: n.body };
    const steps: { action: string; status: string; actorId: number; at: Date }[] = [
      { action: 'create', status: 'draft', actorId: author, at: written },
    ];
    if (status !== 'draft')
      steps.push({ action: 'submit', status: 'submitted', actorId: author, at: at(daysAgo + 1, 16) });
    if (status === 'published')
      steps.push({ action: 'publish', status: 'published', actorId: o.cityUserId, at: decided });
    await tx.insert(newsPostEvents).values(steps.map((s) => ({ postId: post.id, ...s, snapshot })));
    rows += 1 + steps.length;
  };
  for (const n of NEWS) await addPost(n, 'published', n.daysAgo, press.id);
  await addPost(
    {
      title: '示范托管班评选工作启动',
      summary: '各区推荐、专家评审、公示后命名市级示范爱心托管班。',
      body: '市总工会启动年度市级示范爱心托管班评选。各托管班可通过平台申报，各区按名额推荐，评审组打分后在公开网站公示，公示期满无异议的予以命名。',
    },
    'submitted',
    1,
    press.id,
  );
  await addPost({ title: '（草稿）秋季托管工作安排', summary: '', body: '待补充。' }, 'draft', 0, o.cityUserId);

  // Curated cases with drawn photos.
  const [camp] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.name, o.campaignName));
  if (!camp) return { rows };
  const classes = await tx
    .select({ id: careClasses.id, orgId: careClasses.orgId })
    .from(careClasses)
    .where(and(eq(careClasses.campaignId, camp.id), inArray(careClasses.status, ['running', 'closed', 'archived'])))
    .orderBy(sql`CASE ${careClasses.status} WHEN 'closed' THEN 0 WHEN 'running' THEN 1 ELSE 2 END`, asc(careClasses.id))
    .limit(6);
  for (const [i, spec] of CASES.entries()) {
    const cls = classes[(i + 1) % Math.max(classes.length, 1)];
    if (!cls) break;
    const [pc] = await tx
      .insert(practiceCases)
      .values({
        campaignId: camp.id,
        classId: cls.id,
        orgId: cls.orgId,
        title: spec.title,
        body: spec.body,
        published: true,
        publishedAt: at(6 - i, 11),
        publishedBy: o.cityUserId,
        createdBy: o.cityUserId,
        createdAt: at(9 - i, 15),
        updatedAt: at(6 - i, 11),
      })
      .returning({ id: practiceCases.id });
    if (!pc) throw new Error('demo public: case');
    rows++;
    if (!o.store) continue;
    for (const scene of spec.scenes) {
      const withChildren = scene === 'children';
      const shots = withChildren ? [0, 1] : [0];
      for (const shot of shots) {
        const bytes = drawScene(scene);
        const key = newStorageKey(now);
        await o.store.put(key, bytes);
        const [f] = await tx
          .insert(files)
          .values({
            orgId: cls.orgId,
            ownerType: 'practice_case',
            ownerId: pc.id,
            purpose: withChildren ? 'photo_children_consented' : 'photo',
            filename: `${scene}-${shot + 1}.png`,
            contentType: 'image/png',
            size: bytes.length,
            sha256: createHash('sha256').update(bytes).digest('hex'),
            storageKey: key,
            uploadedBy: o.cityUserId,
            createdAt: at(8 - i, 10),
          })
          .returning({ id: files.id });
        if (!f) throw new Error('demo public: photo');
        rows++;
        if (!withChildren) continue;
        // Two children of the class are in the photo; their guardians gave the publicity consent, and for the
        // second photo one of them withdrew it since (so that photo is off the site).
        const kids = await tx
          .select({ childId: enrolments.childId, familyId: enrolments.familyId, guardian: guardians.userId })
          .from(enrolments)
          .innerJoin(guardians, eq(guardians.familyId, enrolments.familyId))
          .where(and(eq(enrolments.classId, cls.id), eq(enrolments.status, 'accepted')))
          .orderBy(asc(enrolments.id))
          .limit(16);
        const distinct = kids.filter((k, j) => kids.findIndex((x) => x.childId === k.childId) === j);
        const pair = distinct.slice(shot * 2, shot * 2 + 2);
        for (const [k, kid] of pair.entries()) {
          await tx.insert(consents).values({
            familyId: kid.familyId,
            childId: kid.childId,
            kind: 'publicity',
            noticeVersion: '2026-1',
            grantedBy: kid.guardian,
            grantedAt: at(10, 20),
            withdrawnAt: shot === 1 && k === 0 ? at(2, 21) : null,
          });
          await tx
            .insert(publicPhotoChildren)
            .values({ fileId: f.id, childId: kid.childId, recordedBy: o.cityUserId, recordedAt: at(8 - i, 10) });
          rows += 2;
        }
      }
    }
  }

  await recordEvent(tx, ctx, {
    action: 'demo.public',
    entity: 'demo',
    orgPath: o.cityPath,
    after: { news: NEWS.length + 2, cases: CASES.length },
  });
  return { rows };
}
