/**
 * Documents around an application: the guardian's insurance policy file and the signed agreement as a PDF.
 */
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { renderPdf } from '../../documents/pdf.js';
import { notFound } from '../../errors.js';
import { IMAGE_KINDS } from '../../storage/contentType.js';
import type { FileStore } from '../../storage/fileStore.js';
import { checkUpload, type ReceivedUpload } from '../../storage/upload.js';
import { attachFile } from '../files/files.service.js';
import { enrolmentPolicy, enrolmentRef } from './enrolments.policy.js';
import type { EnrolmentRow } from './enrolments.repo.js';
import { latestSignature } from './enrolments.repo.js';
import { loadEnrolment } from './enrolments.service.js';

export const ENROLMENT_OWNER = 'enrolment';

const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);

/** Whether the actor may read an enrolment's files: its own family, or the class's administrators. */
export async function enrolmentVisible(db: Db, actor: Actor, id: number): Promise<boolean> {
  try {
    await loadEnrolment(db, actor, id);
    return true;
  } catch {
    return false;
  }
}

/** The application a guardian attaches a file to (404/403 otherwise): checked before the upload is read. */
export async function enrolmentForUpload(db: Db, actor: Actor, id: number): Promise<EnrolmentRow> {
  const loaded = await loadEnrolment(db, actor, id);
  authorize(enrolmentPolicy.uploadFile(actor, enrolmentRef(loaded)), true);
  return loaded;
}

/** Stores the insurance policy (a photo or PDF) as a file of the application (audited by the files module). */
export async function attachInsuranceFile(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  e: EnrolmentRow,
  received: ReceivedUpload,
) {
  const upload = checkUpload(received, [...IMAGE_KINDS, 'pdf']);
  const owner = { ownerType: ENROLMENT_OWNER, ownerId: e.e.id, orgId: e.classOrgId, orgPath: e.ownerPath };
  return attachFile(db, store, ctx, owner, 'insurance', upload);
}

/** The signed agreement with its signature record, in Chinese, for the family and the class's administrators. */
export async function signedAgreementPdf(db: Db, actor: Actor, id: number) {
  const { e } = await loadEnrolment(db, actor, id);
  const sig = await latestSignature(db, e.id);
  if (!sig) throw notFound();
  const signedAt = chinaTime(sig.s.signedAt);
  const pdf = await renderPdf(sig.t.title, [
    { lines: [`托管班：${sig.className}`, `托管儿童：${sig.childName}`] },
    // The exact text signed (filled with the class's facts); signatures from before it was kept show the template.
    { lines: (sig.s.body ?? sig.t.body).split('\n').filter((l) => l.trim()) },
    {
      heading: '签署记录',
      lines: [
        `监护人签名：${sig.s.typedName}`,
        `签署时间：${signedAt}（北京时间）`,
        `签署 IP：${sig.s.ip ?? '—'}`,
        `手机验证码核验：${sig.s.phoneVerifiedAt ? `已核验（${chinaTime(sig.s.phoneVerifiedAt)}）` : '无记录'}`,
        `协议版本：第 ${sig.t.version} 版`,
        `协议文本 SHA-256：${sig.s.textSha256}`,
      ],
    },
  ]);
  return { pdf, filename: `托管协议-${sig.childName}.pdf` };
}
