/** The door screen's language (the shared phone-app module plus its messages) and its China-time helpers. */
import { type ReactNode, useMemo } from 'react';
import { currentLang, fill, type Lang, LangProvider as Provider, type Params, useLang } from '../shared/lang';
import { en, type MessageKey, zh } from './messages';

export { currentLang, type Lang, type MessageKey };

export function translate(key: MessageKey, params?: Params, lang: Lang = currentLang()): string {
  return fill((lang === 'en' ? en : zh)[key], params);
}

const title = (lang: Lang) => translate('app.title', undefined, lang);

export function LangProvider({ children }: { children: ReactNode }) {
  return <Provider title={title}>{children}</Provider>;
}

export function useT() {
  const { lang, setLang } = useLang();
  return useMemo(
    () => ({ lang, setLang, t: (key: MessageKey, params?: Params) => translate(key, params, lang) }),
    [lang, setLang],
  );
}

/** 'HH:MM' of an ISO instant in China time, whatever the phone's zone. */
export function clockTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

/** Today's date 'YYYY-MM-DD' in China. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}
