import i18next from 'i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useSyncExternalStore } from 'react';
import { initReactI18next } from 'react-i18next';
import { commonEn } from './locales/common.en.ts';
import { commonZh } from './locales/common.zh.ts';
import type { WebModule } from './module.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** How each language names itself in the switch (never translated). */
export const LANGUAGE_LABELS: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

const STORAGE_KEY = 'crm.language';

function storedLanguage(): Language | undefined {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(v ?? '') ? (v as Language) : undefined;
  } catch {
    return undefined;
  }
}

/** The remembered choice, else the browser's language (Chinese for any zh-*, otherwise English). */
export function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  const browser = (navigator.languages?.[0] ?? navigator.language ?? '').toLowerCase();
  return browser.startsWith('zh') ? 'zh-CN' : 'en';
}

const dayjsLocale = (lang: Language) => (lang === 'zh-CN' ? 'zh-cn' : 'en');
export const antdLocale = (lang: Language) => (lang === 'zh-CN' ? zhCN : enUS);

/** Loads the common texts and every module's texts (namespace = module key), then applies the language. */
export function initI18n(modules: WebModule[]) {
  const lang = initialLanguage();
  const resources: Record<Language, Record<string, Record<string, unknown>>> = {
    'zh-CN': { common: commonZh },
    en: { common: commonEn },
  };
  for (const m of modules) {
    resources['zh-CN'][m.key] = m.i18n.zh;
    resources.en[m.key] = m.i18n.en;
  }
  void i18next.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: 'zh-CN',
    ns: ['common', ...modules.map((m) => m.key)],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  applyDocumentLanguage(lang);
  return i18next;
}

function applyDocumentLanguage(lang: Language) {
  dayjs.locale(dayjsLocale(lang));
  document.documentElement.lang = lang;
  document.title = i18next.t('common:appName', { lng: lang });
}

export function setLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18next.changeLanguage(lang);
  applyDocumentLanguage(lang);
}

const subscribe = (notify: () => void) => {
  i18next.on('languageChanged', notify);
  return () => i18next.off('languageChanged', notify);
};
const current = () => (i18next.language === 'en' ? 'en' : 'zh-CN') as Language;

/** The current language, re-rendering on a switch. */
export const useLanguage = (): Language => useSyncExternalStore(subscribe, current);

/** Texts of the common namespace that a fieldless server message maps to, if it is a known one. */
export function translateServerMessage(message: string): string {
  const bundle = i18next.getResourceBundle(i18next.language, 'common') as
    { fieldErrors?: Record<string, string> } | undefined;
  return bundle?.fieldErrors?.[message] ?? message;
}
