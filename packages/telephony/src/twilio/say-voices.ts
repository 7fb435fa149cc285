/**
 * The voice Twilio's `<Say>` speaks a language in. Twilio takes `language` and an Amazon Polly voice; a
 * voice that does not speak the language makes `<Say>` fail, so each language gets one of its own
 * (Twilio's text-to-speech voice list). A language with no entry here uses Twilio's Google voice for it.
 */
export interface SayVoice {
  /** BCP-47 as Twilio spells it, e.g. `es-MX`. */
  language: string;
  voice: string;
}

const POLLY_VOICES: Record<string, string> = {
  'en-US': 'Polly.Joanna',
  'en-GB': 'Polly.Amy',
  'en-AU': 'Polly.Nicole',
  'es-ES': 'Polly.Lucia',
  'es-MX': 'Polly.Mia',
  'es-US': 'Polly.Lupe',
  'fr-FR': 'Polly.Lea',
  'fr-CA': 'Polly.Chantal',
  'de-DE': 'Polly.Vicki',
  'it-IT': 'Polly.Bianca',
  'pt-BR': 'Polly.Camila',
  'pt-PT': 'Polly.Ines',
  'nl-NL': 'Polly.Lotte',
  'ja-JP': 'Polly.Mizuki',
};

/** A bare language picks its most common variant on US phone lines. */
const DEFAULT_REGION: Record<string, string> = {
  en: 'en-US',
  es: 'es-US',
  fr: 'fr-FR',
  de: 'de-DE',
  it: 'it-IT',
  pt: 'pt-BR',
  nl: 'nl-NL',
  ja: 'ja-JP',
};

export const DEFAULT_SAY_VOICE: SayVoice = { language: 'en-US', voice: 'Polly.Joanna' };

/** `es-MX` → Polly.Mia; `es` → es-US Polly.Lupe; an unlisted `ko-KR` → Google.ko-KR-Standard-A. */
export function sayVoiceFor(language: string | undefined): SayVoice {
  if (language === undefined || language.trim() === '') return DEFAULT_SAY_VOICE;
  const [base = '', region] = language.split('-');
  const tag = region
    ? `${base.toLowerCase()}-${region.toUpperCase()}`
    : (DEFAULT_REGION[base.toLowerCase()] ?? language);
  const polly = POLLY_VOICES[tag];
  if (polly !== undefined) return { language: tag, voice: polly };
  return { language: tag, voice: `Google.${tag}-Standard-A` };
}
