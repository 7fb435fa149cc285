import { type BusinessProfile, baseLanguage, languageName, servedLanguages } from '@receptionist/domain';

/** "For English, press 1." in each language we word it in; others say the language's own name and the digit. */
const MENU_LINES: Record<string, (digit: string) => string> = {
  en: (digit) => `For English, press ${digit}.`,
  es: (digit) => `Para español, oprima ${digit}.`,
  fr: (digit) => `Pour le français, appuyez sur le ${digit}.`,
  de: (digit) => `Für Deutsch drücken Sie die ${digit}.`,
  pt: (digit) => `Para português, pressione ${digit}.`,
  it: (digit) => `Per l'italiano, premi il ${digit}.`,
};

export interface LanguageMenuEntry {
  /** The key that picks it: 1 for the primary language, then 2, 3… in the order the business lists them. */
  digit: string;
  language: string;
  /** Said in `language`, in its voice. */
  prompt: string;
}

/**
 * The keypad language choice Twilio offers before the stream ("para español, oprima dos"), when the
 * business asks for it and serves more than one language; otherwise none. At most nine languages.
 */
export function languageMenuOf(profile: BusinessProfile): LanguageMenuEntry[] | undefined {
  const served = servedLanguages(profile);
  if (!profile.offerLanguageChoice || served.length < 2) return undefined;
  return served.slice(0, 9).map((language, index) => {
    const digit = String(index + 1);
    const line = MENU_LINES[baseLanguage(language)];
    return { digit, language, prompt: line ? line(digit) : `${languageName(language)}: ${digit}.` };
  });
}

/** The language a keyed digit picks, or undefined for no digit or a digit the menu has not. */
export function languageForDigit(menu: readonly LanguageMenuEntry[], digits: string): string | undefined {
  return menu.find((entry) => entry.digit === digits.trim())?.language;
}
