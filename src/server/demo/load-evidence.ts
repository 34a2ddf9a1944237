/**
 * The demo's paper trail: each venue's fire-safety certificate (消防安全检查合格证明) and each class's written rules
 * (安全管理制度, 应急预案 naming who answers for each risk, 值班表), stored as PDF files exactly as an upload would be
 * (bytes in the file store, a `files` row naming them), uploaded by the unit administrator. Without them the venue
 * rule and `management.documents` would fail for every demo class, and approval would be refused: the demo obeys the
 * rules it loads. One PDF per kind of paper, written with the class's own facts.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/client.js';
import { files } from '../db/schema.js';
import { renderPdf } from '../documents/pdf.js';
import { type FileStore, newStorageKey } from '../storage/fileStore.js';

export interface EvidenceClass {
  id: number;
  orgId: number;
  name: string;
  startDate: string;
  endDate: string;
  venue: { id: number; name: string; address: string };
  head: string;
}

async function pdfFile(store: FileStore, now: Date, title: string, lines: string[], cache?: Map<string, Buffer>) {
  const cacheKey = JSON.stringify([title, lines]);
  const bytes = cache?.get(cacheKey) ?? (await renderPdf(title, [{ lines }], { subject: title }));
  cache?.set(cacheKey, bytes);
  const storageKey = newStorageKey(now);
  await store.put(storageKey, bytes);
  return {
    filename: `${title}.pdf`,
    contentType: 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storageKey,
  };
}

/** Stores the papers of every class and its venue; answers how many file rows it wrote. */
export async function loadEvidence(
  tx: Db,
  store: FileStore,
  now: Date,
  classes: EvidenceClass[],
  uploadedBy: number,
  /**
   * Given, papers in the city's model wording without the class's own facts: each rendered once into this cache
   * (shared across calls), every class its own stored copy.
   */
  cache?: Map<string, Buffer>,
): Promise<number> {
  const rows: (typeof files.$inferInsert)[] = [];
  const generic = cache !== undefined;
  for (const real of classes) {
    const c = generic
      ? {
          ...real,
          name: '职工子女爱心托管班',
          head: '托管班负责人',
          venue: { ...real.venue, name: '托管场所', address: '见托管班申报表' },
        }
      : real;
    const period = generic ? '托管期内工作日 08:00–17:30' : `${c.startDate} 至 ${c.endDate}，工作日 08:00–17:30`;
    const fire = await pdfFile(
      store,
      now,
      `${c.venue.name} 消防安全检查合格证明`,
      [
        `场所名称：${c.venue.name}`,
        `地址：${c.venue.address}`,
        '检查结论：消防通道畅通，安全出口、应急照明、疏散指示标志完好，灭火器配置符合要求，检查合格。',
        '检查单位：所在区消防救援大队（演示数据）',
        `检查日期：${c.startDate.slice(0, 4)}-05-20`,
      ],
      cache,
    );
    rows.push({ ...fire, orgId: c.orgId, ownerType: 'venue', ownerId: c.venue.id, purpose: 'fire_certificate' });
    const papers: [string, string, string[]][] = [
      [
        'doc_safety',
        '安全管理制度',
        [
          `托管班：${c.name}（${period}）`,
          `一、本托管班坚持"谁主办、谁管理、谁负责"，负责人 ${c.head} 为安全第一责任人。`,
          '二、每日开班前巡查场地、消防通道和消防器材，发现隐患立即整改并记录。',
          '三、工作人员和志愿者经培训上岗并持健康证明；外来人员登记后方可进入。',
          '四、儿童由监护人或其授权人员凭接送码接送，未经交接不得离开。',
          '五、餐食留样 48 小时，餐具每日消毒；外出活动须有两名以上工作人员随行。',
        ],
      ],
      [
        'doc_emergency',
        '应急预案',
        [
          `托管班：${c.name}（${period}）`,
          `一、总指挥：${c.head}；各岗位按下列分工负责（谁管理谁负责）。`,
          '二、火灾：由当班安全员组织疏散至室外集合点，拨打 119，清点人数。',
          '三、食物中毒：立即停止供餐、封存留样，送医并报告卫生健康部门。',
          '四、意外伤害：现场急救，拨打 120，通知监护人并报告单位工会。',
          '五、儿童走失：立即查看监控、分组寻找，30 分钟内未找到即报警。',
        ],
      ],
      [
        'doc_duty',
        '值班表',
        [
          `托管班：${c.name}（${period}）`,
          `周一至周五 07:45–17:45：负责人 ${c.head} 带班，工作人员两人、志愿者一人在岗。`,
          '早间 07:45–08:30 门口签到与晨检；午间 11:30–13:30 供餐与午休看护；17:00–17:45 离班交接。',
          '值班人员如有调整，提前一天报负责人并更新本表。',
        ],
      ],
    ];
    for (const [purpose, title, lines] of papers) {
      const f = await pdfFile(store, now, `${c.name} ${title}`, lines, cache);
      rows.push({ ...f, orgId: c.orgId, ownerType: 'class', ownerId: c.id, purpose });
    }
  }
  if (rows.length) await tx.insert(files).values(rows.map((r) => ({ ...r, uploadedBy, createdAt: now })));
  return rows.length;
}
