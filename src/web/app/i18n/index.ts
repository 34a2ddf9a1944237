/**
 * UI language: Chinese by default, English second. The choice is kept in localStorage and drives the antd/dayjs
 * locale and the Accept-Language header (so the API's error messages come back in the same language).
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { enRoleHome } from './en.roleHome';
import { enSatisfaction } from './en.satisfaction';
import { enSubsidies } from './en.subsidies';
import { enVolunteers } from './en.volunteers';
import { zh } from './zh';
import { zhRoleHome } from './zh.roleHome';
import { zhSatisfaction } from './zh.satisfaction';
import { zhSubsidies } from './zh.subsidies';
import { zhVolunteers } from './zh.volunteers';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'tuoguan.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

const initial = storedLang();
void i18n.use(initReactI18next).init({
  resources: {
    zh: { translation: { ...zh, ...zhSatisfaction, ...zhRoleHome, ...zhSubsidies, ...zhVolunteers } },
    en: { translation: { ...en, ...enSatisfaction, ...enRoleHome, ...enSubsidies, ...enVolunteers } },
  },
  lng: initial,
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
});
dayjs.locale(initial === 'en' ? 'en' : 'zh-cn');
document.documentElement.lang = initial === 'en' ? 'en' : 'zh-CN';

export function setLanguage(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  void i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh';
}

export default i18n;
