import { tokenize } from '@receptionist/engine/language';

/** How recognisers write letters said one by one ("el", "oh", "zee"), besides the letters themselves. */
const LETTER_NAMES: Record<string, string> = {
  ay: 'a',
  eh: 'a',
  bee: 'b',
  be: 'b',
  see: 'c',
  sea: 'c',
  cee: 'c',
  dee: 'd',
  ee: 'e',
  ef: 'f',
  eff: 'f',
  gee: 'g',
  aitch: 'h',
  eye: 'i',
  jay: 'j',
  kay: 'k',
  el: 'l',
  ell: 'l',
  em: 'm',
  en: 'n',
  oh: 'o',
  pee: 'p',
  pea: 'p',
  cue: 'q',
  queue: 'q',
  are: 'r',
  ar: 'r',
  ess: 's',
  tee: 't',
  tea: 't',
  you: 'u',
  yew: 'u',
  vee: 'v',
  ex: 'x',
  why: 'y',
  wye: 'y',
  zee: 'z',
  zed: 'z',
};

/** The NATO alphabet and the words people commonly use instead ("m as in mary" is read as m). */
const SPELLING_WORDS = new Set(
  (
    'alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike november ' +
    'oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray yankee zulu'
  ).split(' '),
);

/**
 * Letters a caller spelled: "L O P E Z", "el oh pee ee zee", "L as in Lima, O as in Oscar…", "Lima Oscar
 * Papa Echo Zulu", "double s". Returns the word (lower-case) or undefined when the reply is not spelling.
 */
export function spelledWord(text: string): string | undefined {
  const tokens = tokenize(text.replace(/-/g, ' '));
  const letters: string[] = [];
  let other = 0;
  let repeat = 1;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? '';
    if (token === 'double') {
      repeat = 2;
      continue;
    }
    const letter = /^[a-z]$/.test(token) ? token : LETTER_NAMES[token];
    if (letter !== undefined) {
      letters.push(letter.repeat(repeat));
      repeat = 1;
      // "l as in lima", "l for lima": the example word only confirms the letter.
      if ((tokens[index + 1] === 'as' && tokens[index + 2] === 'in') || tokens[index + 1] === 'for')
        index += tokens[index + 1] === 'as' ? 3 : 2;
      continue;
    }
    if (SPELLING_WORDS.has(token)) {
      letters.push(token.charAt(0).repeat(repeat));
      repeat = 1;
      continue;
    }
    if (
      !['it', "it's", 'is', 'that', "that's", 'spelled', 'spelt', 'its', 'and', 'then', 'uh', 'um'].includes(
        token,
      )
    )
      other++;
  }
  const word = letters.join('');
  return word.length >= 2 && other <= 1 ? word : undefined;
}
