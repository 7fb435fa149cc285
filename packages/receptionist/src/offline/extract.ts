import type { BusinessBrief } from '@receptionist/engine';
import { spokenDigits, tokenize, wordsMatch } from '@receptionist/engine/language';
import { recognizeYesNo } from './intents.ts';
import { KNOWN_NAMES } from './names.ts';

export { findService } from './service-match.ts';

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

/** Words that end a name in "this is Maria Lopez and I'd like…", "it's Sam calling about…". */
const AFTER_NAME = new Set(
  "and calling about regarding i i'd i'm i'll i've from here speaking who to but can could would will please on at for because with just again".split(
    ' ',
  ),
);

/** A word that ends a name ("and" in "this is Maria Lopez and I'd like…"). */
export function endsAName(word: string): boolean {
  return AFTER_NAME.has(word);
}

function untilNotName(words: string[]): string[] {
  const end = words.findIndex((word, index) => index > 0 && AFTER_NAME.has(word));
  return end < 0 ? words : words.slice(0, end);
}

export function titleCase(words: string[]): string {
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
      const words = untilNotName(match[1].split(' '))
        .filter((word) => !NOT_NAMES.has(word))
        .filter((word, index) => index < 2 || (index === 2 && KNOWN_NAMES.has(word)))
        .slice(0, 3);
      if (words.length > 0 && !/\d/.test(words.join(''))) return titleCase(words);
    }
  }
  if (!expectingName || recognizeYesNo(normalized) !== undefined) return undefined;
  const words = untilNotName(normalized.split(' ')).filter((word) => word !== '' && !NOT_NAMES.has(word));
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

const DIGIT_NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/**
 * "2125550123" → "two one two, five five five, zero one two three": digits as words, grouped the way
 * people say a number (3-3-4), so the synthesiser reads digits one by one with a pause between groups.
 */
export function speakPhone(e164: string): string {
  const national = e164.replace(/^\+1(?=\d{10}$)/, '').replace(/\D/g, '');
  return speakDigits(national);
}

/** Any run of digits read in groups: 3-3-4 for ten, else threes with a last group of up to four. */
export function speakDigits(digits: string): string {
  const groups: string[] = [];
  if (digits.length === 10) groups.push(digits.slice(0, 3), digits.slice(3, 6), digits.slice(6));
  else {
    let rest = digits;
    while (rest.length > 4) {
      groups.push(rest.slice(0, 3));
      rest = rest.slice(3);
    }
    if (rest !== '') groups.push(rest);
  }
  return groups
    .map((group) => [...group].map((digit) => DIGIT_NAMES[Number(digit)] ?? digit).join(' '))
    .join(', ');
}
