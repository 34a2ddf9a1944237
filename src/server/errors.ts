/**
 * The one error family of the API. Every failure a client can see has a stable `code`, an HTTP status and a
 * message in zh-CN and English; the error handler (app.ts) turns it into `{code, message, requestId}`.
 */
import type { Bilingual, Lang } from './i18n/lang.js';

type Msg = { zh: string; en: string };

export const ERRORS = {
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  TOTP_REQUIRED: { status: 401, zh: '请输入动态验证码', en: 'Enter your authenticator code' },
  TOTP_INVALID: { status: 401, zh: '动态验证码错误', en: 'The authenticator code is wrong' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  CSRF_FAILED: {
    status: 403,
    zh: '请求校验失败，请刷新页面后重试',
    en: 'Request check failed; reload the page and try again',
  },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录须修改密码', en: 'You must change your password first' },
  TOTP_ENROLLMENT_REQUIRED: {
    status: 403,
    zh: '管理员须先启用双因素认证',
    en: 'Administrators must enable two-factor authentication first',
  },
  NOT_FOUND: { status: 404, zh: '记录不存在或无权查看', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  VALIDATION_FAILED: { status: 400, zh: '输入有误：{details}', en: 'Invalid input: {details}' },
  BAD_REQUEST: { status: 400, zh: '请求格式错误', en: 'Malformed request' },
  CONFLICT: { status: 409, zh: '{details}', en: '{details}' },
  STALE_VERSION: {
    status: 409,
    zh: '记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and retry',
  },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The upload is too large' },
  RATE_LIMITED: {
    status: 429,
    zh: '请求过于频繁，请 {seconds} 秒后再试',
    en: 'Too many attempts; try again in {seconds} s',
  },
  ACCOUNT_LOCKED: {
    status: 429,
    zh: '登录失败次数过多，账号已锁定，请 {seconds} 秒后再试',
    en: 'Too many failed sign-ins; the account is locked for {seconds} s',
  },
  WEAK_PASSWORD: { status: 400, zh: '{details}', en: '{details}' },
  IMPORT_INVALID: {
    status: 422,
    zh: '文件有 {count} 处错误，未导入任何数据',
    en: 'The file has {count} errors; nothing was imported',
  },
  IMPORT_BUSY: {
    status: 503,
    zh: '服务器正在处理其他表格导入，请 {seconds} 秒后重试',
    en: 'Other spreadsheet imports are being read; try again in {seconds} s',
  },
  CLASS_RULES_FAILING: {
    status: 409,
    zh: '有 {count} 条规则未通过，不能提交；请按提示修改后再提交',
    en: '{count} rules fail; fix them before submitting',
  },
  SURVEY_CLOSED: {
    status: 409,
    zh: '本次调研已结束，不再接受填写或修改',
    en: 'This survey has closed; answers can no longer be given or changed',
  },
  SURVEY_VERIFY_AGAIN: {
    status: 401,
    zh: '手机验证已失效，请重新获取验证码',
    en: 'Your phone verification has expired; ask for a new code',
  },
  /** P-R7: union money never pays for the children's accident insurance; the message is the rule's text. */
  UNION_FUNDS_FOR_INSURANCE: { status: 422, zh: '{details}', en: '{details}' },
  /** A demonstration-class application that does not meet the campaign's eligibility gate: every unmet condition. */
  SELECTION_GATE_UNMET: {
    status: 422,
    zh: '尚有 {count} 项申报条件未满足，暂不能提交：{details}',
    en: '{count} eligibility conditions are not met, so the application cannot be submitted: {details}',
  },
  /** A district recommending more applications than the city's quota allows. */
  SELECTION_QUOTA_EXCEEDED: {
    status: 422,
    zh: '推荐名额已用完（本区县名额 {quota} 个，已推荐 {used} 个）',
    en: 'The recommendation quota is used up ({used} of {quota} recommended)',
  },
  NOT_READY: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '数据库暂时无法连接，请稍后重试（已提交的内容不会丢失）',
    en: 'The database is unreachable for the moment; please try again shortly (nothing saved is lost)',
  },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal error; please try again later' },
} as const satisfies Record<string, { status: number } & Msg>;

export type ErrorCode = keyof typeof ERRORS;

/** One refused field: where (`body.endDate`, `params.season.end`, `body.activityPlan.2.start`) and why. */
export interface FieldIssue {
  path: string;
  message: Bilingual;
}

function isFieldIssues(v: unknown): v is FieldIssue[] {
  return (
    Array.isArray(v) &&
    v.every(
      (x) => !!x && typeof x === 'object' && typeof (x as FieldIssue).path === 'string' && !!(x as FieldIssue).message,
    )
  );
}

function fieldIssuesOf(v: unknown): FieldIssue[] {
  const fields = v && typeof v === 'object' ? (v as { fields?: unknown }).fields : undefined;
  return isFieldIssues(fields) ? fields : [];
}

export type { Bilingual } from './i18n/lang.js';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  /** Values for the `{placeholders}`; a Bilingual value is picked per language. */
  readonly params: Record<string, string | number | Bilingual>;
  /** Structured detail for clients (e.g. the row errors of an import). */
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    params: Record<string, string | number | Bilingual> = {},
    extra: { details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(code);
    this.code = code;
    this.statusCode = ERRORS[code].status;
    this.params = params;
    this.details = extra.details;
    this.headers = extra.headers;
  }

  /**
   * The fields a VALIDATION_FAILED names, each with its message in `lang`: from `details` when the thrower gave
   * them, else from the issues a validation text carries (`formatValidationIssues`).
   */
  fieldIssuesIn(lang: Lang): { path: string; message: string }[] {
    const fields = isFieldIssues(this.details) ? this.details : fieldIssuesOf(this.params.details);
    return fields.map((f) => ({ path: f.path, message: lang === 'en' ? f.message.en : f.message.zh }));
  }

  messageIn(lang: Lang): string {
    const spec = ERRORS[this.code];
    const template = lang === 'en' ? spec.en : spec.zh;
    return template.replace(/\{(\w+)\}/g, (_, k: string) => {
      const v = this.params[k];
      if (v === undefined) return '';
      if (typeof v === 'object') return lang === 'en' ? v.en : v.zh;
      return String(v);
    });
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
export const conflict = (zh: string, en: string) => new AppError('CONFLICT', { details: { zh, en } });
/**
 * A refused input. With `path` (e.g. `body.endDate`) the answer also carries `details: [{ path, message }]` so a
 * client can show the message next to that field; the message text is the same either way.
 */
export const invalid = (zh: string, en: string, path?: string) =>
  new AppError('VALIDATION_FAILED', { details: { zh, en } }, path ? { details: [{ path, message: { zh, en } }] } : {});
