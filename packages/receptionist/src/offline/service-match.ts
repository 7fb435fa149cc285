import type { BusinessBrief } from '@receptionist/engine';
import { tokenize, wordsMatch } from '@receptionist/engine/language';
import { sameMeaning, stem } from './word-meaning.ts';

type Service = BusinessBrief['services'][number];

/**
 * Words that are close in spelling to a service's words but mean something else on the phone: "message"
 * is one letter from "massage". They match a service word only when it is the same word.
 */
const NEVER_FUZZY = new Set(['message', 'messages', 'messaging', 'messenger']);

/** A heard word names a service word: same word, same stem ("massages"), or a recognition slip. */
function namesWord(heard: string, word: string): boolean {
  if (heard === word || stem(heard) === stem(word) || sameMeaning(heard, word)) return true;
  return !NEVER_FUZZY.has(heard) && wordsMatch(heard, word);
}

/** The service whose name the caller said (best share of its words heard, by stem or fuzzily), if any. */
export function findService(text: string, services: readonly Service[]): Service | undefined {
  const tokens = tokenize(text);
  let best: { service: Service; share: number } | undefined;
  for (const service of services) {
    const words = tokenize(service.name.replace(/-/g, ' ')).filter((word) => word.length > 2);
    if (words.length === 0) continue;
    const heard = words.filter((word) => tokens.some((token) => namesWord(token, word))).length;
    const share = heard / words.length;
    if (heard > 0 && share > (best?.share ?? 0)) best = { service, share };
  }
  return best?.service;
}

/** Every word of every service name: a caller saying one of them is naming a service, not an intent. */
export function serviceWords(services: readonly Service[]): Set<string> {
  return new Set(services.flatMap((service) => tokenize(service.name.replace(/-/g, ' '))));
}

/** Words that lead into what a caller wants booked: "book a …", "I'd like a …", "do you do …". */
const LEADS = new Set([
  'book',
  'booking',
  'like',
  'want',
  'need',
  'get',
  'have',
  'schedule',
  'for',
  'do',
  'offer',
  'try',
]);
/** Words that end the thing asked for: when, filler, politeness. */
const ENDS = new Set([
  'on',
  'for',
  'to',
  'at',
  'this',
  'next',
  'tomorrow',
  'today',
  'tonight',
  'please',
  'with',
  'in',
  'around',
  'sometime',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'morning',
  'afternoon',
  'evening',
  'if',
  'and',
  'or',
  'thanks',
  'thank',
]);
const SKIP = new Set([
  'a',
  'an',
  'the',
  'some',
  'my',
  'me',
  'to',
  'book',
  'get',
  'have',
  'in',
  'you',
  'i',
  'one',
  'any',
]);
/** What every booking is called: asking for "an appointment" names no service. */
const GENERIC = new Set([
  'appointment',
  'appointments',
  'booking',
  'visit',
  'session',
  'time',
  'slot',
  'something',
  'anything',
  'it',
  'that',
  'this',
  'one',
  'help',
  'service',
  'services',
  'consultation',
  'please',
  'like',
  'want',
  'need',
  'know',
  'ask',
  'make',
  'come',
  'see',
  'someone',
  'talk',
  'speak',
  'leave',
  'message',
  'cancel',
  'move',
  'change',
  'reschedule',
  'check',
]);

/**
 * The thing a caller asked to book when it is none of the business's services ("acupuncture" in "can I
 * book acupuncture on Tuesday"), so the answer can say "we don't offer acupuncture". Undefined when the
 * caller named no particular thing ("I'd like an appointment").
 */
export function askedService(text: string): string | undefined {
  const tokens = tokenize(text);
  for (let lead = tokens.length - 1; lead >= 0; lead--) {
    if (!LEADS.has(tokens[lead] ?? '')) continue;
    const words: string[] = [];
    let article = '';
    for (const token of tokens.slice(lead + 1)) {
      if (ENDS.has(token) || /\d/.test(token)) break;
      if (words.length === 0 && SKIP.has(token)) {
        // "a haircut" is said back as the caller put it; "an appointment for …" drops it with the word.
        article = token === 'a' || token === 'an' ? `${token} ` : '';
        continue;
      }
      words.push(token);
    }
    const named = words.filter((word) => !GENERIC.has(word) && !SKIP.has(word) && word.length > 2);
    if (named.length > 0 && named.length <= 3 && words.length <= 4)
      return `${named[0] === words[0] ? article : ''}${named.join(' ')}`;
  }
  return undefined;
}
