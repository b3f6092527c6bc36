import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/ko';
import en from './en.json';
import ko from './ko.json';

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

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ko: { translation: ko } },
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
  void i18n.changeLanguage(lng);
}

export const hasStoredLanguage = () => stored() !== undefined;

export default i18n;
