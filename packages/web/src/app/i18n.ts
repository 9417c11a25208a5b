import { LANGUAGES, type Language } from '@nghiemthu/shared';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/vi';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../i18n/en.json';
import vi from '../i18n/vi.json';

const STORAGE_KEY = 'nghiemthu.language';

/** English must carry every Vietnamese key: this assignment fails to compile otherwise. */
const english: typeof vi = en;

dayjs.extend(customParseFormat);

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: english } },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  initAsync: false,
});
applyLanguage(currentLanguage());

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'vi';
}

/** Switches the whole app (texts, dates, API error messages) and remembers the choice on this computer. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage can be disabled by browser policy; the switch still works for this visit.
  }
  await i18n.changeLanguage(language);
  applyLanguage(language);
}

function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  dayjs.locale(language);
}

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}
