/** The parents' app language: the shared phone-app module (../shared/lang.tsx) plus its messages. */
import { type ReactNode, useMemo } from 'react';
import { currentLang, fill, type Lang, LangProvider as Provider, type Params, useLang } from '../shared/lang';
import { en } from './messages.en';
import { type MessageKey, zh } from './messages.zh';

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
