/**
 * What the offline engine can do in which language. It understands English only: pocketsphinx ships one
 * acoustic model here (Debian's en-us) and the domain language model is built from English phrases.
 * It can speak many more through espeak-ng's voices, so a caller in another language can still be told,
 * in that language, what the line can do for them (leave a message, reach a person by keypad).
 */
export const LOCAL_UNDERSTOOD_LANGUAGES: readonly string[] = ['en'];

/** espeak-ng voice per base language (Debian's espeak-ng-data); `es-MX`/`es-US` get Latin American Spanish. */
const ESPEAK_VOICES: Record<string, string> = {
  en: 'en-us',
  es: 'es',
  fr: 'fr-fr',
  de: 'de',
  it: 'it',
  pt: 'pt',
  nl: 'nl',
  pl: 'pl',
  ru: 'ru',
  tr: 'tr',
  vi: 'vi',
  zh: 'cmn',
  ja: 'ja',
  ko: 'ko',
  ar: 'ar',
  hi: 'hi',
};

/** Spanish and Portuguese as spoken in the Americas. */
const REGIONAL_VOICES: Record<string, string> = {
  'es-mx': 'es-419',
  'es-us': 'es-419',
  'es-419': 'es-419',
  'pt-br': 'pt-br',
};

/** The languages the offline engine can speak (base tags). */
export const LOCAL_SPOKEN_LANGUAGES: readonly string[] = Object.keys(ESPEAK_VOICES);

function baseOf(language: string): string {
  return language.split('-')[0]?.toLowerCase() ?? '';
}

/** Whether the offline engine understands callers speaking `language` (absent: the default, English). */
export function localEngineUnderstands(language: string | undefined): boolean {
  return language === undefined || LOCAL_UNDERSTOOD_LANGUAGES.includes(baseOf(language));
}

/** The espeak-ng voice that speaks `language`, or undefined when espeak-ng has none. */
export function espeakVoiceFor(language: string | undefined): string | undefined {
  if (language === undefined) return undefined;
  return REGIONAL_VOICES[language.toLowerCase()] ?? ESPEAK_VOICES[baseOf(language)];
}
