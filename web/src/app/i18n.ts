import i18next from 'i18next';
import type dayjs from 'dayjs';
import type { Locale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import { useSyncExternalStore } from 'react';
import { initReactI18next } from 'react-i18next';
import type { ModuleTexts, WebModule } from './module.ts';

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

// Each language's texts are chunks of their own: the first page loads the current language's only, a switch the other's.
const commonTexts: ModuleTexts = {
  zh: async () => (await import('./locales/common.zh.ts')).commonZh,
  en: async () => (await import('./locales/common.en.ts')).commonEn,
};
const antdLocales: Record<Language, () => Promise<Locale>> = {
  'zh-CN': async () => (await import('antd/es/locale/zh_CN')).default,
  en: async () => enUS, // antd's own default: part of antd's code anyway
};
const dayjsLocales: Record<Language, () => Promise<unknown>> = {
  'zh-CN': () => import('dayjs/locale/zh-cn'),
  en: async () => undefined, // built into dayjs
};
/**
 * dayjs, once modules that show dates are registered (the signed-in app, the portal): the sign-in page shows none, so
 * it loads neither dayjs nor its locales.
 */
let dates: typeof dayjs | undefined;

/** Every namespace's loaders: `common` and each registered module's (namespace = module key). */
const namespaces = new Map<string, ModuleTexts>([['common', commonTexts]]);
/** Loads under way or done, by `language|namespace`: each is fetched once. */
const loading = new Map<string, Promise<unknown>>();
const loadedAntd: Partial<Record<Language, Locale>> = {};

function loadOnce(key: string, load: () => Promise<unknown>) {
  let promise = loading.get(key);
  if (!promise) {
    promise = load();
    // a failed load (the network) is tried again next time
    promise.catch(() => loading.delete(key));
    loading.set(key, promise);
  }
  return promise;
}

/** Loads a language's texts of the given namespaces (default: all registered), antd's and dayjs' locale. */
async function loadLanguage(lang: Language, keys: Iterable<string> = namespaces.keys()) {
  const side = lang === 'zh-CN' ? 'zh' : 'en';
  await Promise.all([
    ...[...keys].map((ns) =>
      loadOnce(`${lang}|${ns}`, async () => {
        i18next.addResourceBundle(lang, ns, await namespaces.get(ns)![side](), true, true);
      }),
    ),
    loadOnce(`${lang}|antd`, async () => {
      loadedAntd[lang] = await antdLocales[lang]();
    }),
    dates && loadOnce(`${lang}|dayjs`, dayjsLocales[lang]),
  ]);
}

/** antd's texts for the language (loaded with the language; until then antd's built-in English). */
export const antdLocale = (lang: Language): Locale | undefined => loadedAntd[lang];

/**
 * Starts i18next in the remembered or the browser's language and loads that language's common texts and the given
 * modules' texts; render after it resolves, so no key shows untranslated.
 */
export async function initI18n(modules: WebModule[] = []) {
  const lang = initialLanguage();
  await i18next.use(initReactI18next).init({
    resources: {},
    partialBundledLanguages: true,
    lng: lang,
    fallbackLng: 'zh-CN',
    ns: ['common'],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  await registerModules(modules);
  applyDocumentLanguage(lang);
  return i18next;
}

/** Adds modules' texts (the signed-in shell's, once loaded) and loads them in the current language. */
export async function registerModules(modules: WebModule[]) {
  for (const m of modules) namespaces.set(m.key, m.i18n);
  if (modules.length) dates ??= (await import('dayjs')).default;
  await loadLanguage(current(), ['common', ...modules.map((m) => m.key)]);
  dates?.locale(dayjsLocale(current()));
}

function applyDocumentLanguage(lang: Language) {
  dates?.locale(dayjsLocale(lang));
  document.documentElement.lang = lang;
  document.title = i18next.t('common:appName', { lng: lang });
}

/** Switches the language once its texts are loaded (the first switch to it loads them), and remembers the choice. */
export async function setLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  await loadLanguage(lang);
  await i18next.changeLanguage(lang);
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
