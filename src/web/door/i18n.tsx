/**
 * The door screen's language: Chinese by default, English second (the same localStorage key as the console and
 * the parents' app), sent as Accept-Language so that the server's messages come back in the same language.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en, type MessageKey, zh } from './messages';

export type Lang = 'zh' | 'en';
export type { MessageKey };
type Params = Record<string, string | number>;

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

export function translate(key: MessageKey, params?: Params, lang: Lang = current): string {
  const template = (lang === 'en' ? en : zh)[key];
  return params ? template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : template;
}

function applyLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.title = translate('app.title', undefined, lang);
}

interface LangValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
}

const LangContext = createContext<LangValue | null>(null);

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    applyLang(current);
    return current;
  });
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    applyLang(next);
    setLangState(next);
  }, []);
  const value = useMemo<LangValue>(() => ({ lang, setLang, t: (k, p) => translate(k, p, lang) }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useT(): LangValue {
  const v = useContext(LangContext);
  if (!v) throw new Error('useT outside LangProvider');
  return v;
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
