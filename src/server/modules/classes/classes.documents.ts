/**
 * A class's written rules (P-S 明确风险防控措施和责任, P-R6 建立健全各项规章制度, P-R7 谁管理谁负责): the documents its
 * campaign lists (`management.documents`: by default 安全管理制度, 应急预案 naming who answers for each risk, 值班表)
 * kept as files of the class (owner type `class`, purpose `doc_<kind>`). A class uploads its own (PDF, Word, photo)
 * or writes one from the template: the template text is downloadable, and text written from it on the class page
 * is kept as a PDF. Adding a document is a `class.update` event, so the class's verdict follows at once.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { type Campaign, type ManagementDocument, MANAGEMENT_DOCUMENTS } from '../../../domain/campaign/index.js';
import { DOCUMENT_NAMES, requiredDocuments } from '../../../domain/rules/index.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { files } from '../../db/schema.js';
import { renderPdf } from '../../documents/pdf.js';
import { invalid } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { FileStore } from '../../storage/fileStore.js';
import { IMAGE_KINDS } from '../../storage/contentType.js';
import { checkUpload, type ReceivedUpload } from '../../storage/upload.js';
import type { FileRow } from '../files/files.repo.js';
import { attachFile, presentFile } from '../files/files.service.js';
import type { ClassRow } from './classes.repo.js';
import { classPolicy } from './classes.policy.js';
import { campaignOf, loadClass } from './classes.service.js';

export const CLASS_OWNER = 'class';
const PURPOSE_PREFIX = 'doc_';
export const documentPurpose = (kind: ManagementDocument) => `${PURPOSE_PREFIX}${kind}`;
const kindOfPurpose = (purpose: string): ManagementDocument | undefined => {
  const k = purpose.startsWith(PURPOSE_PREFIX) ? purpose.slice(PURPOSE_PREFIX.length) : '';
  return (MANAGEMENT_DOCUMENTS as readonly string[]).includes(k) ? (k as ManagementDocument) : undefined;
};

/** The kinds of document each class holds (at least one file of the kind). */
export async function documentsHeld(db: Db, classIds: number[]): Promise<Map<number, ManagementDocument[]>> {
  const out = new Map<number, ManagementDocument[]>(classIds.map((id) => [id, []]));
  if (classIds.length === 0) return out;
  const rows = await db
    .select({ ownerId: files.ownerId, purpose: files.purpose })
    .from(files)
    .where(and(eq(files.ownerType, CLASS_OWNER), inArray(files.ownerId, classIds)));
  for (const r of rows) {
    const kind = kindOfPurpose(r.purpose);
    const held = out.get(r.ownerId);
    if (kind && held && !held.includes(kind)) held.push(kind);
  }
  for (const [id, held] of out)
    out.set(
      id,
      MANAGEMENT_DOCUMENTS.filter((k) => held.includes(k)),
    );
  return out;
}

/** One kind of document as the class page lists it: its name, whether the campaign requires it, and its files. */
export async function classDocuments(db: Db, row: ClassRow, campaign: Campaign | undefined) {
  const required = campaign ? requiredDocuments(campaign) : [];
  const all = await db
    .select()
    .from(files)
    .where(and(eq(files.ownerType, CLASS_OWNER), eq(files.ownerId, row.id)));
  const byKind = new Map<ManagementDocument, FileRow[]>();
  for (const f of all) {
    const k = kindOfPurpose(f.purpose);
    if (k) byKind.set(k, [...(byKind.get(k) ?? []), f]);
  }
  // Required kinds first, then any other kind the class keeps anyway.
  const kinds = MANAGEMENT_DOCUMENTS.filter((k) => required.includes(k) || byKind.has(k));
  return {
    required: [...required],
    items: kinds.map((kind) => ({
      kind,
      name: DOCUMENT_NAMES[kind],
      required: required.includes(kind),
      files: (byKind.get(kind) ?? []).sort((a, b) => b.id - a.id).map(presentFile),
    })),
  };
}

function parseKind(kind: string | undefined, path: string): ManagementDocument {
  if (!kind || !(MANAGEMENT_DOCUMENTS as readonly string[]).includes(kind))
    throw invalid(
      `文件类别须为 ${MANAGEMENT_DOCUMENTS.join('、')} 之一`,
      `The document kind must be one of ${MANAGEMENT_DOCUMENTS.join(', ')}`,
      path,
    );
  return kind as ManagementDocument;
}

async function keep(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  row: ClassRow,
  ownerPath: string,
  kind: ManagementDocument,
  upload: ReturnType<typeof checkUpload>,
  how: 'upload' | 'template',
): Promise<FileRow> {
  const file = await attachFile(
    db,
    store,
    ctx,
    { ownerType: CLASS_OWNER, ownerId: row.id, orgId: row.orgId, orgPath: ownerPath },
    documentPurpose(kind),
    upload,
  );
  // The class's record changed (it now holds the document): a class.update, so its verdict is recomputed.
  await db.transaction((tx) =>
    recordEvent(tx, ctx, {
      action: 'class.update',
      entity: 'class',
      entityId: row.id,
      orgPath: ownerPath,
      after: { document: { kind, fileId: file.id, filename: file.filename, how } },
    }),
  );
  return file;
}

async function loadForDocuments(db: Db, actor: Actor, classId: number) {
  const { row, ref } = await loadClass(db, actor, classId);
  authorize(classPolicy.manageDocuments(actor, ref), true);
  const ownerPath = ref.units.find((u) => u.isOwner)?.path ?? '';
  return { row, ownerPath };
}

/** An uploaded document (PDF, Word or a photo of the signed paper). */
export async function uploadClassDocument(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  actor: Actor,
  classId: number,
  received: ReceivedUpload,
): Promise<FileRow> {
  const { row, ownerPath } = await loadForDocuments(db, actor, classId);
  const kind = parseKind(received.fields.kind, 'body.kind');
  const upload = checkUpload(received, [...IMAGE_KINDS, 'pdf', 'docx']);
  return keep(db, store, ctx, row, ownerPath, kind, upload, 'upload');
}

/** A document written on the class page from the template, kept as a PDF. */
export async function writeClassDocument(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  actor: Actor,
  classId: number,
  kindParam: string,
  text: string,
): Promise<FileRow> {
  const { row, ownerPath } = await loadForDocuments(db, actor, classId);
  const kind = parseKind(kindParam, 'params.kind');
  const lines = text.split('\n').map((l) => l.trimEnd());
  if (lines.filter((l) => l.trim()).length < 3)
    throw invalid('内容过短，请按模板填写完整', 'Too short: fill in the template', 'body.text');
  const title = `${row.name} ${DOCUMENT_NAMES[kind].zh.replace(/（.*）$/, '')}`;
  const pdf = await renderPdf(title, [{ lines: lines.length ? lines : [''] }], { subject: DOCUMENT_NAMES[kind].zh });
  const upload = checkUpload({ bytes: pdf, clientFilename: `${title}.pdf`, fields: {} }, ['pdf']);
  return keep(db, store, ctx, row, ownerPath, kind, upload, 'template');
}

/** The template of one kind, filled with what the class already knows; the blanks are for the class to fill. */
export async function documentTemplate(
  db: Db,
  actor: Actor,
  classId: number,
  kindParam: string,
): Promise<{ kind: ManagementDocument; text: string; filename: string }> {
  const { row } = await loadClass(db, actor, classId);
  const kind = parseKind(kindParam, 'params.kind');
  const campaign = await campaignOf(db, row.campaignId);
  const name = DOCUMENT_NAMES[kind].zh.replace(/（.*）$/, '');
  const header = [
    `托管班：${row.name}`,
    `项目：${campaign?.name ?? ''}`,
    `托管时间：${row.startDate ?? '____'} 至 ${row.endDate ?? '____'}，每日 ${row.dailyStart ?? '__:__'}–${row.dailyEnd ?? '__:__'}`,
    '',
  ];
  return { kind, text: [...header, ...TEMPLATES[kind]].join('\n'), filename: `${row.name}-${name}（模板）.txt` };
}

/** The template texts (zh-CN: the documents are kept in Chinese). `____` marks what the class fills in. */
const TEMPLATES: Record<ManagementDocument, string[]> = {
  safety: [
    '一、总则：本托管班坚持“谁主办、谁管理、谁负责”，托管班负责人 ____ 为安全第一责任人。',
    '二、场地安全：每日开班前由 ____ 巡查场地、消防通道和消防器材，发现隐患立即整改并记录。',
    '三、人员管理：工作人员和志愿者须经培训上岗，持健康证明；外来人员须登记，未经允许不得进入。',
    '四、接送交接：儿童由监护人或其授权人员凭接送码接送，未经交接不得离开；交接由 ____ 负责。',
    '五、饮食卫生：餐食由 ____ 提供/自行配餐，留样 48 小时，餐具每日消毒，由 ____ 负责。',
    '六、活动安全：外出或体育活动须有 ____ 名以上工作人员随行，活动前检查器材。',
    '七、信息报告：发生安全事件时，现场人员立即报告负责人 ____（电话 ____），并按应急预案处置。',
    '八、本制度自 ____ 年 __ 月 __ 日起执行，由 ____ 负责解释。',
  ],
  emergency: [
    '一、应急组织：总指挥 ____（电话 ____）；副总指挥 ____（电话 ____）。',
    '二、各项风险及责任人（谁管理谁负责）：',
    '  1. 儿童走失：责任人 ____；处置：立即清点人数、通知监护人、分组寻找，30 分钟未找到即报警。',
    '  2. 意外伤害或突发疾病：责任人 ____；处置：现场急救、拨打 120、通知监护人、陪同就医。',
    '  3. 火灾：责任人 ____；处置：拨打 119、按疏散路线撤离、清点人数，疏散集合点 ____。',
    '  4. 食物中毒：责任人 ____；处置：停止供餐、封存留样、送医、报告卫生部门。',
    '  5. 传染病或疫情：责任人 ____；处置：隔离观察、通知监护人、按防控要求报告。',
    '  6. 自然灾害或恶劣天气：责任人 ____；处置：停止户外活动、组织避险、必要时停托并通知家长。',
    '三、联络方式：属地派出所 ____；最近医院 ____；上级工会联系人 ____。',
    '四、演练：开班前组织一次疏散演练，时间 ____，由 ____ 负责记录。',
  ],
  duty: [
    '值班表（每日至少一名负责人在岗；接送时段须有专人值守）',
    '日期 | 时段 | 值班负责人 | 联系电话 | 接送值守 | 巡查人',
    '____ | ____ | ____ | ____ | ____ | ____',
    '____ | ____ | ____ | ____ | ____ | ____',
    '____ | ____ | ____ | ____ | ____ | ____',
    '交接要求：值班人员下班前检查门窗水电，在台账上签字交接。',
  ],
  hygiene: [
    '一、场地每日清洁、通风不少于 ____ 次，由 ____ 负责。',
    '二、桌椅、玩具、门把手每日消毒，消毒剂 ____，记录在日常台账。',
    '三、餐具一人一用一消毒；饮用水每日检查。',
    '四、儿童每日入托晨检，发现异常通知监护人；责任人 ____。',
  ],
  pickup: [
    '一、接送时间：早 ____–____，晚 ____–____。',
    '二、儿童须由监护人或其在系统中登记的授权人员凭接送码接送。',
    '三、非登记人员接送须监护人电话确认并登记；无法确认的不得交接。',
    '四、闭班后 ____ 分钟未接的儿童，由 ____ 负责陪护并联系监护人。',
  ],
};
