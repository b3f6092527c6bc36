import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/ko';

export const LANGS = ['en', 'ko'] as const;
export type Lang = (typeof LANGS)[number];
const STORAGE_KEY = 'concord.lang';

const stored = (): Lang | undefined => {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'ko' ? v : undefined;
  } catch {
    return undefined;
  }
};

const initial: Lang = stored() ?? (navigator.language?.toLowerCase().startsWith('ko') ? 'ko' : 'en');

/**
 * Each language's catalogue is a chunk of its own, loaded when the language is first used: a page
 * loads one (about 22 KB gzipped), not both. The page's boot script (index.html) asks for the
 * reader's catalogue while the entry is still downloading; the two have the same keys
 * (test/browser/i18n.test.ts), so no fallback is needed.
 */
const catalogue = (lng: Lang): Promise<Record<string, unknown>> => (lng === 'ko' ? import('./ko.json') : import('./en.json')).then((m) => m.default);

await i18n.use(initReactI18next).init({
  resources: { [initial]: { translation: await catalogue(initial) } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

const apply = (lng: string) => {
  document.documentElement.lang = lng;
  dayjs.locale(lng === 'ko' ? 'ko' : 'en');
};
apply(initial);
i18n.on('languageChanged', apply);

/** Switch the interface language and remember the choice on this device. */
export function setLanguage(lng: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  void (async () => {
    if (!i18n.hasResourceBundle(lng, 'translation')) i18n.addResourceBundle(lng, 'translation', await catalogue(lng));
    await i18n.changeLanguage(lng);
  })();
}

export const hasStoredLanguage = () => stored() !== undefined;

export default i18n;
