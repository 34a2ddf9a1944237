/** 中文界面文字 of the campaign's agreement template card (托管协议范本). */
export const zhAgreementTemplate = {
  agreementTemplate: {
    title: '托管协议范本',
    hint: '各单位发布本单位托管协议时，以本项目的最新范本为起点；发布新版本不会改变各单位已发布、家长已签署的协议。',
    builtIn: '使用系统内置范本',
    current: '当前版本：第 {{version}} 版 · {{date}}',
    edit: '编辑并发布新版本',
    view: '查看全文',
    modalTitle: '发布新版本的托管协议范本',
    fieldTitle: '协议名称',
    fieldBody: '协议正文',
    fieldBodyHint:
      '可使用占位符：{unit} 单位、{class} 托管班、{startDate}/{endDate} 日期、{dailyHours} 每日时间、{fee} 费用、{venue} 场地，签署时自动填入托管班信息。',
    fieldNote: '修改说明',
    publish: '发布',
    published: '已发布第 {{version}} 版',
    versions: '历史版本',
    version: '第 {{version}} 版',
    noVersions: '尚未发布，使用系统内置范本',
  },
};
