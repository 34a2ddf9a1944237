/**
 * Texts of the pickup-code and absence screens (issue 6), kept beside them so that the shared message files stay
 * untouched; same rules as ../i18n: Chinese first, English second, `{name}` placeholders.
 */
import { Link } from 'react-router-dom';
import { useT } from '../i18n';

const zh = {
  'pickup.title': '接送人与接送码',
  'pickup.intro':
    '来接孩子的人在托管班门口出示自己的接送码（二维码或 8 位码）。每位接送人一个码，随时可以重新生成或作废；作废后旧码立即失效。',
  'pickup.noAdults': '还没有登记接送人。请在孩子资料中添加。',
  'pickup.editChild': '修改接送人',
  'pickup.noCode': '还没有接送码',
  'pickup.issue': '生成接送码',
  'pickup.reissue': '重新生成',
  'pickup.revoke': '作废',
  'pickup.confirmReissue': '重新生成后，旧的接送码立即失效。确定吗？',
  'pickup.confirmRevoke': '作废后，这位接送人将不能凭码接孩子。确定吗？',
  'pickup.issued': '接送码已生成，请发给 {name}',
  'pickup.revoked': '接送码已作废',
  'pickup.notAllowed': '禁止接送：托管班不会把孩子交给此人',
  'pickup.createdAt': '生成于 {time}',
  'pickup.qrAlt': '{name} 的接送二维码',
  'pickup.qrLoading': '正在生成二维码…',
  'pickup.codeHint': '到门口时把二维码给老师扫，或报出这 8 位码',
  'absence.title': '请假与出勤',
  'absence.noClass': '孩子还没有已确认入托的托管班，暂时不能请假。',
  'absence.class': '托管班',
  'absence.from': '从',
  'absence.to': '到',
  'absence.reason': '原因',
  'absence.sick': '病假',
  'absence.personal': '事假',
  'absence.note': '备注（选填）',
  'absence.notePlaceholder': '如：发烧，在家休息',
  'absence.submit': '提交请假',
  'absence.done': '已请假：{n} 天',
  'absence.dates': '请选择日期',
  'absence.order': '结束日期不能早于开始日期',
  'absence.days': '出勤记录',
  'absence.summary': '已出勤 {present} 天 · 请假 {absent} 天',
  'absence.cancel': '取消请假',
  'absence.cancelled': '已取消 {day} 的请假',
  'absence.confirmCancel': '取消 {day} 的请假？',
  'absence.in': '到 {time}',
  'absence.out': '离 {time}',
  'absence.by': '接走：{name}',
  'absence.none': '还没有托管日',
  'status.expected': '待出勤',
  'status.present': '在园',
  'status.left': '已离园',
  'status.absent': '事假',
  'status.sick': '病假',
  'status.missed': '缺勤',
  'link.pickup': '接送码',
  'link.absence': '请假 / 出勤',
};

export type PickupKey = keyof typeof zh;

const en: Record<PickupKey, string> = {
  'pickup.title': 'Pickup adults and codes',
  'pickup.intro':
    'Whoever picks your child up shows their own pickup code (QR or 8 characters) at the door. One code per adult; issue a new one or revoke it at any time, and the old code stops working at once.',
  'pickup.noAdults': 'No pickup adult yet. Add them in the child’s details.',
  'pickup.editChild': 'Edit pickup adults',
  'pickup.noCode': 'No pickup code yet',
  'pickup.issue': 'Issue a code',
  'pickup.reissue': 'New code',
  'pickup.revoke': 'Revoke',
  'pickup.confirmReissue': 'The old code stops working at once. Issue a new one?',
  'pickup.confirmRevoke': 'This adult will no longer be able to pick up with a code. Revoke?',
  'pickup.issued': 'Code issued; send it to {name}',
  'pickup.revoked': 'Code revoked',
  'pickup.notAllowed': 'Not allowed: the class will not hand the child to this person',
  'pickup.createdAt': 'Issued {time}',
  'pickup.qrAlt': 'Pickup QR code of {name}',
  'pickup.qrLoading': 'Drawing the QR code…',
  'pickup.codeHint': 'At the door, let the staff scan the QR or read out the 8 characters',
  'absence.title': 'Leave and attendance',
  'absence.noClass': 'Your child has no confirmed place in a class yet, so there is nothing to report leave for.',
  'absence.class': 'Class',
  'absence.from': 'From',
  'absence.to': 'To',
  'absence.reason': 'Reason',
  'absence.sick': 'Sick',
  'absence.personal': 'Personal',
  'absence.note': 'Note (optional)',
  'absence.notePlaceholder': 'e.g. fever, resting at home',
  'absence.submit': 'Report leave',
  'absence.done': 'Leave reported: {n} day(s)',
  'absence.dates': 'Choose the dates',
  'absence.order': 'The end date cannot be before the start date',
  'absence.days': 'Attendance',
  'absence.summary': '{present} day(s) attended · {absent} on leave',
  'absence.cancel': 'Cancel leave',
  'absence.cancelled': 'Leave on {day} cancelled',
  'absence.confirmCancel': 'Cancel the leave on {day}?',
  'absence.in': 'in {time}',
  'absence.out': 'out {time}',
  'absence.by': 'Picked up by {name}',
  'absence.none': 'No class days yet',
  'status.expected': 'Upcoming',
  'status.present': 'Here',
  'status.left': 'Went home',
  'status.absent': 'Personal leave',
  'status.sick': 'Sick leave',
  'status.missed': 'Absent',
  'link.pickup': 'Pickup codes',
  'link.absence': 'Leave / attendance',
};

export function usePickupT() {
  const { lang } = useT();
  return (key: PickupKey, params?: Record<string, string | number>) => {
    const template = (lang === 'en' ? en : zh)[key];
    return params ? template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : template;
  };
}

/** 'HH:MM' in China time. */
export function clock(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : new Intl.DateTimeFormat('zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }).format(d);
}

/** The child's pickup-code and leave/attendance screens, linked under the child on the home screen. */
export function ChildLinks({ childId }: { childId: number }) {
  const t = usePickupT();
  return (
    <div className="actions inline" style={{ margin: '6px 0 4px' }}>
      <Link to={`/children/${childId}/pickup`} className="btn small" data-testid="child-pickup">
        {t('link.pickup')}
      </Link>
      <Link to={`/children/${childId}/absence`} className="btn small" data-testid="child-absence">
        {t('link.absence')}
      </Link>
    </div>
  );
}
