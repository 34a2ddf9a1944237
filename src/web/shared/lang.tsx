/**
 * The phone apps' language (the parents' app and the door screen): Chinese by default, English second. A dozen lines
 * instead of i18next keep the phone bundles small; the choice shares the admin console's localStorage key and is
 * sent as Accept-Language, so the API's error messages come back in the same language. Each app adds its message
 * tables (its own i18n.tsx: `translate` and `useT`).
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export type Lang = 'zh' | 'en';
export type Params = Record<string, string | number>;

const STORAGE_KEY = 'tuoguan.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = storedLang();

export function currentLang(): Lang {
  return current;
}

/** `{name}` placeholders are filled from `params`. */
export function fill(template: string, params?: Params): string {
  return params ? template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : template;
}

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

const LangContext = createContext<LangState | null>(null);

/** `title` gives the page title in a language. */
export function LangProvider({ title, children }: { title: (lang: Lang) => string; children: ReactNode }) {
  const apply = useCallback(
    (lang: Lang) => {
      current = lang;
      document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
      document.title = title(lang);
    },
    [title],
  );
  const [lang, setLangState] = useState<Lang>(() => {
    apply(current);
    return current;
  });
  const setLang = useCallback(
    (next: Lang) => {
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // private mode: the choice lasts for this page only
      }
      apply(next);
      setLangState(next);
    },
    [apply],
  );
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  const v = useContext(LangContext);
  if (!v) throw new Error('useLang outside LangProvider');
  return v;
}
