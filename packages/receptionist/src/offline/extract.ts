import type { BusinessBrief } from '@receptionist/engine';
import { spokenDigits, tokenize, wordsMatch } from '@receptionist/engine/language';
import { recognizeYesNo } from './intents.ts';

type Service = BusinessBrief['services'][number];

/** The service whose name the caller said (fuzzy, best share of its words heard), if any. */
export function findService(text: string, services: readonly Service[]): Service | undefined {
  const tokens = tokenize(text);
  let best: { service: Service; share: number } | undefined;
  for (const service of services) {
    const words = tokenize(service.name).filter((word) => word.length > 2);
    if (words.length === 0) continue;
    const heard = words.filter((word) => tokens.some((token) => wordsMatch(token, word))).length;
    const share = heard / words.length;
    if (heard > 0 && share > (best?.share ?? 0)) best = { service, share };
  }
  return best?.service;
}

/** The transfer destination the caller named, if any. */
export function findDestination(
  text: string,
  destinations: BusinessBrief['transferDestinations'],
): BusinessBrief['transferDestinations'][number] | undefined {
  const tokens = tokenize(text);
  return destinations.find((destination) =>
    tokenize(destination.name).some(
      (word) => word.length > 2 && tokens.some((token) => wordsMatch(token, word)),
    ),
  );
}

const NAME_LEADS = [
  /\bmy name is (.+)/,
  /\bname's (.+)/,
  /\bthis is (.+)/,
  /\bit's (.+)/,
  /\bit is (.+)/,
  /\bi'm (.+)/,
  /\bi am (.+)/,
  // Only as an introduction ("call me Ann"), never "please call me back".
  /^(?:you can |just )?call me (?!back\b)(.+)/,
];
const NOT_NAMES = new Set([
  'yes',
  'no',
  'the',
  'a',
  'an',
  'and',
  'calling',
  'here',
  'about',
  'my',
  'is',
  'for',
  'to',
  'i',
  'uh',
  'um',
  'please',
  'appointment',
  'okay',
  'sure',
  'hello',
  'hi',
  'thanks',
  'thank',
  'you',
  'speaking',
  'sorry',
  'what',
]);

function titleCase(words: string[]): string {
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

/**
 * A caller's name. With a lead-in ("my name is …") anything after it (up to three words) counts; without
 * one, only when `expectingName` and the reply is one to three words that are not filler or yes/no.
 */
export function extractName(text: string, expectingName: boolean): string | undefined {
  const normalized = tokenize(text).join(' ');
  for (const lead of NAME_LEADS) {
    const match = lead.exec(normalized);
    if (match?.[1] !== undefined) {
      const words = match[1]
        .split(' ')
        .filter((word) => !NOT_NAMES.has(word))
        .slice(0, 3);
      if (words.length > 0 && !/\d/.test(words.join(''))) return titleCase(words);
    }
  }
  if (!expectingName || recognizeYesNo(normalized) !== undefined) return undefined;
  const words = normalized.split(' ').filter((word) => word !== '' && !NOT_NAMES.has(word));
  if (words.length === 0 || words.length > 3 || /\d/.test(words.join(''))) return undefined;
  return titleCase(words);
}

/**
 * A North American phone number in E.164 from spoken or keyed digits: ten digits, or eleven starting
 * with 1. Anything else is not a number we can call back.
 */
export function phoneFromDigits(digits: string): string | undefined {
  if (/^\d{10}$/.test(digits)) return `+1${digits}`;
  if (/^1\d{10}$/.test(digits)) return `+${digits}`;
  return undefined;
}

export function extractPhone(text: string): string | undefined {
  return phoneFromDigits(spokenDigits(text));
}

/** "2125550123" → "2 1 2, 5 5 5, 0 1 2 3" so the synthesiser reads digits, grouped like people say them. */
export function speakPhone(e164: string): string {
  const national = e164.replace(/^\+1/, '').replace(/\D/g, '');
  const groups =
    national.length === 10 ? [national.slice(0, 3), national.slice(3, 6), national.slice(6)] : [national];
  return groups.map((group) => group.split('').join(' ')).join(', ');
}
