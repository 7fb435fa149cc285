import { extractName } from './extract.ts';

/** The shape of a turn, before its meaning: a question, an unfinished day or time, a name and more. */

/** A turn this long that names no intent is worth a look in the FAQ before "sorry, I did not catch that". */
const MIN_GUESSED_QUESTION_WORDS = 3;
/** A fragment that only starts a day or time ("next", "on the"). */
export const INCOMPLETE_WHEN =
  /^(?:(?:um|uh|so|and|how about|maybe|let's say|say|on|at|the|this|next|a|for|in the|on the|um next|next week on)\s*)+$/;
const QUESTION_OPENERS =
  /^(?:(?:um|uh|so|hi|hello|yes|yeah|okay|and|but|also) )*(?:is|are|do|does|can|could|what|what's|where|when|how|why|which|who|will|would|should|may|i was wondering|i wonder|tell me)\b/;

/**
 * Shaped like a question ("is there somewhere to leave my car"): worth asking the FAQ. Anything else that
 * names no intent is "not caught", so misheard noise never reaches the owner's unanswered questions.
 */
export function looksLikeQuestion(text: string): boolean {
  const words = text
    .toLowerCase()
    .replace(/[^a-z' ]/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  return words.split(' ').length >= MIN_GUESSED_QUESTION_WORDS && QUESTION_OPENERS.test(words);
}

/** What follows a name introduced at the start ("this is Paul Myers …"), when three words or more. */
export function introducedWithMore(text: string): string | undefined {
  const name = extractName(text, false);
  if (name === undefined) return undefined;
  const words = text
    .toLowerCase()
    .replace(/[^a-z' ]/g, ' ')
    .trim()
    .split(/\s+/);
  const last = name.toLowerCase().split(' ').at(-1) ?? '';
  const rest = words.slice(words.lastIndexOf(last) + 1).join(' ');
  return rest.split(' ').length >= MIN_GUESSED_QUESTION_WORDS ? rest : undefined;
}
