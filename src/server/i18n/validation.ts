/**
 * Turns zod validation issues into one message per language that says what is wrong and where
 * (e.g. `body.creditCode: 统一社会信用代码校验位错误`). Schemas with a domain-specific complaint use a message key
 * `i18n:<key>` from FIELD_MESSAGES; everything else uses zod's own zh-CN and English wording.
 */
import { z } from 'zod';
import type { Bilingual } from './lang.js';

export const FIELD_MESSAGES: Record<string, Bilingual> = {
  creditCode: {
    zh: '统一社会信用代码无效（须 18 位且校验位正确）',
    en: 'invalid unified social credit code (18 characters with a valid check character)',
  },
  divisionCode: { zh: '行政区划代码须为 6 位数字', en: 'the administrative division code must be 6 digits' },
  mobile: { zh: '手机号码格式不正确', en: 'not a valid mobile number' },
  username: {
    zh: '用户名须为 3–32 位字母、数字、下划线、点或横线',
    en: 'the username must be 3–32 letters, digits, _ . or -',
  },
  required: { zh: '不能为空', en: 'is required' },
  hostname: {
    zh: '须为域名，如 robot.example.gov.cn（不含 http:// 与路径）',
    en: 'expected a host name such as robot.example.gov.cn (no http:// or path)',
  },
  isoDate: { zh: '日期格式须为 YYYY-MM-DD 且为真实日期', en: 'expected a real date YYYY-MM-DD' },
  dateRange: {
    zh: '日期须在 2000-01-01 至 2100-12-31 之间',
    en: 'the date must be between 2000-01-01 and 2100-12-31',
  },
};

/** One field a validation names, e.g. `{ path: 'body.endDate', message: { zh, en } }` (array items: `body.plan.2.start`). */
export interface ValidationField {
  path: string;
  message: Bilingual;
}

/** The joined text of the issues (for the message) and each issue on its own (for structured `details`). */
export type ValidationText = Bilingual & { fields: ValidationField[] };

const zhMap = z.locales.zhCN().localeError;
const enMap = z.locales.en().localeError;

interface IssueLike {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

function localise(map: typeof zhMap, issue: IssueLike): string | undefined {
  try {
    const r = map?.({ code: issue.keyword, ...(issue.params ?? {}) } as never);
    return typeof r === 'string' ? r : r?.message;
  } catch {
    return undefined;
  }
}

export function formatValidationIssues(issues: IssueLike[], context?: string): ValidationText {
  const zh: string[] = [];
  const en: string[] = [];
  const fields: ValidationField[] = [];
  for (const issue of issues.slice(0, 10)) {
    const where = [context, issue.instancePath.replace(/^\//, '').replaceAll('/', '.')].filter(Boolean).join('.');
    const key = issue.message?.startsWith('i18n:') ? issue.message.slice(5) : undefined;
    // zod reports a missing field as invalid_type with "received undefined"; say "required" instead.
    const missing = issue.keyword === 'invalid_type' && /received undefined/.test(issue.message ?? '');
    const custom = key ? FIELD_MESSAGES[key] : missing ? FIELD_MESSAGES.required : undefined;
    const message = {
      zh: custom?.zh ?? localise(zhMap, issue) ?? issue.message ?? '无效',
      en: custom?.en ?? localise(enMap, issue) ?? issue.message ?? 'invalid',
    };
    zh.push(`${where}: ${message.zh}`);
    en.push(`${where}: ${message.en}`);
    fields.push({ path: where, message });
  }
  return { zh: zh.join('；'), en: en.join('; '), fields };
}
