/** The phone form's language: the shared phone-app module with this app's messages. */
import { type ReactNode, useMemo } from 'react';
import { currentLang, fill, type Lang, LangProvider as Provider, type Params, useLang } from '../shared/lang';
import { en, type MessageKey, zh } from './messages';

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

/** Today 'YYYY-MM-DD' and the time 'HH:MM' in China, whatever the phone's zone. */
export function chinaNow(now = new Date()): { day: string; time: string } {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(now);
  return { day, time };
}
