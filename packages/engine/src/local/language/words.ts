/**
 * Spoken-English helpers shared by the language model (what callers say) and the policy (what it means).
 * Pocketsphinx prints lower-case words without punctuation, so everything here works on that form.
 */

export const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;

export const TENS = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
] as const;

const ORDINAL_ONES = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
] as const;

const ORDINAL_TENS: Record<number, string> = { 2: 'twentieth', 3: 'thirtieth' };

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** 0–99 in words ("forty two"). */
export function numberToWords(value: number): string {
  if (value < 20) return ONES[value] ?? String(value);
  const tens = TENS[Math.floor(value / 10)] ?? '';
  const ones = value % 10;
  return ones === 0 ? tens : `${tens} ${ONES[ones]}`;
}

/** 1–31 as an ordinal in words ("twenty first"). */
export function ordinalToWords(value: number): string {
  if (value < 20) return ORDINAL_ONES[value] ?? String(value);
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  if (ones === 0) return ORDINAL_TENS[tens] ?? numberToWords(value);
  return `${TENS[tens]} ${ORDINAL_ONES[ones]}`;
}

/** Lower-case, drop punctuation (keeping apostrophes inside words), collapse spaces. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9'\s]/g, ' ')
    .replace(/\s+'|'\s+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === '' ? [] : normalized.split(' ');
}

const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  to: '2',
  too: '2',
  three: '3',
  four: '4',
  for: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

/**
 * Digits a caller spoke one by one ("five five five one two three four", "double five").
 * Homophones (to/for/oh) count only when the utterance is mostly digits, so "four" in
 * "i'd like to book for tuesday" does not become a phone number.
 */
export function spokenDigits(text: string): string {
  const tokens = tokenize(text);
  const digits: string[] = [];
  let repeat = 1;
  let digitTokens = 0;
  for (const token of tokens) {
    if (/^\d+$/.test(token)) {
      digits.push(token.repeat(repeat));
      repeat = 1;
      digitTokens++;
      continue;
    }
    if (token === 'double' || token === 'triple') {
      repeat = token === 'double' ? 2 : 3;
      continue;
    }
    const digit = DIGIT_WORDS[token];
    if (digit !== undefined) {
      digits.push(digit.repeat(repeat));
      repeat = 1;
      if (token !== 'to' && token !== 'too' && token !== 'for' && token !== 'o') digitTokens++;
    }
  }
  return digitTokens >= 3 ? digits.join('') : '';
}

/** Classic edit distance; small inputs only (single words). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Words match when equal, or close for longer words (recognition errors: "appointments" / "appointment"). */
export function wordsMatch(heard: string, expected: string): boolean {
  if (heard === expected) return true;
  if (expected.length < 5 || heard.length < 4) return false;
  return editDistance(heard, expected) <= (expected.length >= 8 ? 2 : 1);
}

/** True when every word of `phrase` appears in order (fuzzily) in `tokens`. */
export function containsPhrase(tokens: readonly string[], phrase: string): boolean {
  const wanted = phrase.split(' ');
  let position = 0;
  for (const token of tokens) {
    const next = wanted[position];
    if (next !== undefined && wordsMatch(token, next)) position++;
    if (position === wanted.length) return true;
  }
  return false;
}

/** "a, b or c" */
export function listWords(words: readonly string[], conjunction: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
