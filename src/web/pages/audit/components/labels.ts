/** Names of the audit actions and entities as officials read them. Unknown ones show their code. */
import type { Lang } from '../../../app/i18n';

const ACTIONS: Record<string, { zh: string; en: string }> = {
  'auth.login': { zh: '登录', en: 'Sign-in' },
  'auth.login_failed': { zh: '登录失败', en: 'Failed sign-in' },
  'auth.logout': { zh: '退出登录', en: 'Sign-out' },
  'org.create': { zh: '新建组织', en: 'Organisation created' },
  'org.update': { zh: '修改组织', en: 'Organisation changed' },
  'org.move': { zh: '移动组织', en: 'Organisation moved' },
  'org.deactivate': { zh: '停用组织', en: 'Organisation deactivated' },
  'org.reactivate': { zh: '启用组织', en: 'Organisation reactivated' },
  'user.create': { zh: '新建人员', en: 'Person created' },
  'user.update': { zh: '修改人员', en: 'Person changed' },
  'user.grant': { zh: '授予角色', en: 'Role granted' },
  'user.revoke': { zh: '撤销角色', en: 'Role revoked' },
  'user.deactivate': { zh: '停用人员', en: 'Person deactivated' },
  'user.reactivate': { zh: '启用人员', en: 'Person reactivated' },
  'user.reset_password': { zh: '重置密码', en: 'Password reset' },
  'user.change_password': { zh: '修改密码', en: 'Password changed' },
  'user.reveal_phone': { zh: '查看完整手机号', en: 'Phone revealed' },
  'user.totp_setup': { zh: '开始设置双因素认证', en: 'Two-factor setup started' },
  'user.totp_enable': { zh: '启用双因素认证', en: 'Two-factor enabled' },
  'user.totp_disable': { zh: '关闭双因素认证', en: 'Two-factor disabled' },
  'settings.update': { zh: '修改系统设置', en: 'Settings changed' },
  'demo.load': { zh: '载入演示数据', en: 'Demo data loaded' },
};

const GROUPS: Record<string, { zh: string; en: string }> = {
  'auth.': { zh: '全部登录操作', en: 'All sign-in events' },
  'org.': { zh: '全部组织操作', en: 'All organisation changes' },
  'user.': { zh: '全部人员操作', en: 'All changes to people' },
  'settings.': { zh: '全部设置操作', en: 'All settings changes' },
};

export const ENTITIES: Record<string, { zh: string; en: string }> = {
  org: { zh: '组织', en: 'Organisation' },
  user: { zh: '人员', en: 'Person' },
  settings: { zh: '系统设置', en: 'Settings' },
  demo: { zh: '演示数据', en: 'Demo data' },
};

export const actionLabel = (a: string, lang: Lang) => ACTIONS[a]?.[lang] ?? a;
export const entityLabel = (e: string, lang: Lang) => ENTITIES[e]?.[lang] ?? e;

/** Options for the action filter: the groups (prefix match on the server) and then each action. */
export function actionOptions(lang: Lang) {
  return [
    {
      label: lang === 'en' ? 'Groups' : '分类',
      options: Object.entries(GROUPS).map(([v, l]) => ({ value: v, label: l[lang] })),
    },
    {
      label: lang === 'en' ? 'Actions' : '操作',
      options: Object.entries(ACTIONS).map(([v, l]) => ({ value: v, label: `${l[lang]}（${v}）` })),
    },
  ];
}
