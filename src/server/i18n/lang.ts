/** The request's language: English when the client asks for it first, Chinese (zh-CN) otherwise. */
export type Lang = 'zh-CN' | 'en';

export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** A text in both of the product's languages. */
export interface Bilingual {
  zh: string;
  en: string;
}
