import { MONTHS, ONES, ordinalToWords, TENS, WEEKDAYS } from '@receptionist/engine/language';
import { speakPhone } from './extract.ts';
import { KNOWN_NAMES } from './names.ts';
import { PROMPTS } from './prompts.ts';
import type { DialogueContext } from './state.ts';

/** Questions the flows ask about what the caller already gave: a name's spelling, a number's digits. */

/**
 * Words a recogniser unsure of a name fills it with ("Jane Thirty", "Mark Ten", "Gary Tenth"): numbers,
 * ordinals, days and months, even where the business's own sentences use them. Those that are also names
 * ("April", "June") are left out.
 */
const NOT_NAME_WORDS: ReadonlySet<string> = new Set(
  [
    ...ONES,
    ...TENS,
    ...Array.from({ length: 31 }, (_, index) => ordinalToWords(index + 1).split(' ')).flat(),
    ...WEEKDAYS,
    ...MONTHS,
    'hundred',
    'thousand',
    "o'clock",
  ].filter((word) => !KNOWN_NAMES.has(word)),
);

/**
 * The first word of the caller's name that is neither a common name nor one of the business's own words
 * (a recogniser unsure of a name produces an unlikely one: "Gary Tenth"), not yet spelled.
 */
export function unsureNameWord(ctx: DialogueContext): number | undefined {
  const words = (ctx.name ?? '').toLowerCase().split(/\s+/);
  const business = new Set(ctx.business.vocabulary.flatMap((word) => word.toLowerCase().split(/\W+/)));
  const index = words.findIndex(
    (word, at) =>
      word !== '' &&
      !ctx.spelled.has(at) &&
      (NOT_NAME_WORDS.has(word) || (!KNOWN_NAMES.has(word) && !business.has(word))),
  );
  return index < 0 ? undefined : index;
}

/**
 * Asks for the whole name once more, before any spelling: the recogniser hears a second saying afresh
 * (its channel estimate has moved on), and saying a name again is easier for a caller than spelling it.
 */
export function askNameAgain(ctx: DialogueContext): void {
  ctx.nameAskedAgain = true;
  ctx.decide('name_again', 'asked for the name once more: a word of it may be misheard', {});
  ctx.ask('name', PROMPTS.nameAgain);
}

/** Asks the caller to spell the unsure word of their name. */
export function askSpelling(ctx: DialogueContext, index: number): void {
  const words = (ctx.name ?? '').split(/\s+/);
  const part = words.length === 1 ? 'your name' : index === 0 ? 'your first name' : 'your last name';
  ctx.spelling = index;
  ctx.decide('name_spelling', 'asked to spell a name word the recogniser may have misheard', { index });
  ctx.ask('spell_name', `Could you spell ${part} for me, letter by letter?`);
}

export function askPhoneConfirmation(ctx: DialogueContext): void {
  ctx.ask('confirm_phone', `I have ${speakPhone(ctx.phone ?? '')}. Is that right?`);
}
