/**
 * The family's data as a readable Chinese PDF (the same content as the JSON copy, section by section), rendered
 * like the signed agreement: pdfkit with the embedded CJK font (documents/pdf.ts).
 */
import { type PdfSection, renderPdf } from '../../documents/pdf.js';
import { KIND_ZH, SEVERITY_ZH } from '../incidents/incidents.alerts.js';
import type { FamilyExport } from './privacy.schema.js';

const t = (d: Date | null | undefined) =>
  d ? `${new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 16)}` : '—';
const v = (s: string | number | boolean | null | undefined) =>
  s === null || s === undefined || s === '' ? '—' : String(s);

const GRADE: Record<string, string> = {
  K: '幼儿园',
  '1': '一年级',
  '2': '二年级',
  '3': '三年级',
  '4': '四年级',
  '5': '五年级',
  '6': '六年级',
};
const KIND: Record<string, string> = {
  check_in: '入班',
  check_out: '接走',
  refused_check_out: '拒绝接走',
  absence: '请假',
  absence_cancel: '取消请假',
  correction: '更正',
};

/** Stored codes in the words a family reads (an unknown code shows as stored). */
const LABELS: Record<string, string> = {
  pending: '待审核',
  verified: '已通过',
  rejected: '未通过',
  confirmed: '已通过',
  applied: '待摇号',
  offered: '待确认名额',
  accepted: '已获名额',
  waitlisted: '候补中',
  withdrawn: '已退出',
  expired: '已过期',
  none: '无需缴费',
  due: '待缴费',
  paid: '已缴费',
  waived: '已减免',
  expected: '应到',
  present: '在班',
  left: '已接走',
  absent: '缺勤',
  sick: '病假',
  open: '处理中',
  closed: '已结案',
  waiting: '等待托管班结束后执行',
  processed: '已删除（凭证保留中）',
  purged: '凭证已匿名化',
};
const l = (code: string) => LABELS[code] ?? code;

function section(heading: string, lines: string[]): PdfSection {
  return { heading, lines: lines.length ? lines : ['（无）'] };
}

export function exportSections(d: FamilyExport): PdfSection[] {
  const childName = (id: number) => d.children.find((c) => c.id === id)?.name ?? `#${id}`;
  return [
    {
      lines: [
        `导出时间：${t(d.exportedAt)}（北京时间）`,
        `家庭编号：${d.family.id}　建档时间：${t(d.family.createdAt)}`,
        '本文件是平台依《个人信息保护法》第四十五条为您提供的个人信息副本，内容与 JSON 文件一致。请妥善保管。',
      ],
    },
    section(
      '监护人',
      d.guardians.map(
        (g) =>
          `${g.displayName}${g.self ? '（本人）' : ''}　手机：${v(g.phone)}　单位：${g.employerName}　核验：${l(g.status)}${g.verifiedAt ? `（${t(g.verifiedAt)}）` : ''}${g.priorityFlags.length ? `　优先条件：${g.priorityFlags.join('、')}` : ''}`,
      ),
    ),
    section(
      '孩子',
      d.children.flatMap((c) => [
        `${c.name}　${c.gender === 'F' ? '女' : c.gender === 'M' ? '男' : '—'}　出生日期：${c.birthDate}　${GRADE[c.grade] ?? c.grade}　学校：${v(c.school)}`,
        `　身份证号：${v(c.idNumber)}　生活自理：${c.selfCare === null ? '—' : c.selfCare ? '是' : '否'}`,
        `　过敏史：${v(c.allergies)}　健康备注：${v(c.healthNotes)}`,
        ...c.emergencyContacts.map((e) => `　紧急联系人：${e.name}${e.relation ? `（${e.relation}）` : ''} ${e.phone}`),
      ]),
    ),
    section(
      '授权与同意',
      d.consents.map(
        (c) =>
          `${{ privacy: '个人信息处理', health: '健康信息', photo: '照片' }[c.kind] ?? c.kind}${c.childId ? `（${childName(c.childId)}）` : ''}　告知书版本 ${c.noticeVersion}　同意于 ${t(c.grantedAt)}${c.withdrawnAt ? `　撤回于 ${t(c.withdrawnAt)}` : ''}`,
      ),
    ),
    section(
      '接送人',
      d.pickupAdults.map(
        (a) =>
          `${childName(a.childId)}：${a.name}（${a.relation}）　${v(a.phone)}　${a.allowed ? '允许接送' : '禁止接送'}${a.revokedAt ? `　已撤销 ${t(a.revokedAt)}` : ''}`,
      ),
    ),
    section(
      '报名与费用',
      d.enrolments.flatMap((e) => {
        const fee = d.fees.find((f) => f.enrolmentId === e.id);
        return [
          `${childName(e.childId)}：${e.unitName} · ${e.className}（${v(e.startDate)} 至 ${v(e.endDate)}）　状态：${l(e.status)}　报名于 ${t(e.appliedAt)}`,
          `　费用：${fee ? `${fee.feeAmount} 元，${l(fee.feeStatus)}${fee.feeReceipt ? `，收据 ${fee.feeReceipt}` : ''}` : '—'}`,
          ...e.history.map((h) => `　${t(h.at)} ${h.action}`),
        ];
      }),
    ),
    section(
      '签署的托管协议',
      d.agreements.map(
        (a) =>
          `报名 #${a.enrolmentId}：《${a.title}》第 ${a.version} 版　签名：${a.typedName}　签署于 ${t(a.signedAt)}　文本 SHA-256：${a.textSha256}`,
      ),
    ),
    section(
      '保险凭证',
      d.insuranceProofs.map(
        (p) =>
          `报名 #${p.enrolmentId}：${p.insurer} 保单 ${p.policyNo}（${p.periodStart} 至 ${p.periodEnd}）　审核：${l(p.status)}${p.file ? `　文件：${p.file.filename}` : ''}`,
      ),
    ),
    section('出勤', [
      ...d.attendanceDays.map(
        (a) =>
          `${a.day} ${childName(a.childId)}：${l(a.status)}${a.checkInAt ? `　入班 ${t(a.checkInAt)}` : ''}${a.checkOutAt ? `　接走 ${t(a.checkOutAt)}` : ''}`,
      ),
      ...d.attendanceEvents.map(
        (e) =>
          `记录 #${e.id} ${e.day} ${childName(e.childId)}：${KIND[e.kind] ?? e.kind} ${t(e.occurredAt)}${e.reason ? `（${e.reason}）` : ''}`,
      ),
    ]),
    section(
      '涉及孩子的安全事件',
      d.incidents.map(
        (i) =>
          `${t(i.occurredAt)} ${i.className}：${KIND_ZH[i.kind as keyof typeof KIND_ZH] ?? i.kind}（${SEVERITY_ZH[i.severity as keyof typeof SEVERITY_ZH] ?? i.severity}）　状态：${l(i.status)}　告知监护人：${i.guardianNotifiedAt ? `${t(i.guardianNotifiedAt)} ${v(i.guardianNotifiedBy)}` : '—'}`,
      ),
    ),
    section('发给您的通知与短信', [
      ...d.notifications.map((n) => `${t(n.createdAt)} ${n.title}：${n.body}`),
      ...d.texts.map((s) => `${t(s.createdAt)} 短信至 ${s.to}：${s.text}`),
    ]),
    section(
      '删除申请',
      d.privacyRequests.map(
        (r) =>
          `${t(r.requestedAt)} ${l(r.status)}　原因：${r.reason}${r.keptUntil ? `　证据保留至 ${t(r.keptUntil)}` : ''}`,
      ),
    ),
    section('说明', d.notes),
  ];
}

export function exportPdf(d: FamilyExport): Promise<Buffer> {
  return renderPdf('家庭个人信息副本', exportSections(d), { subject: '个人信息副本（PIPL）' });
}
