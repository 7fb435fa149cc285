import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { COMMON_FIRST_NAMES, COMMON_SURNAMES } from './corpus.ts';
import type { RecognizerModel } from './model-files.ts';

/** How a caller leads into their name; each is kept when the dictionary can say all its words. */
const INTROS = [
  'my name is',
  'my name is actually',
  'this is',
  "it's",
  'it is',
  "i'm",
  'i am',
  'no',
  "no it's",
  'no my name is',
  "yes it's",
  "sorry it's",
  'the name is',
];

/**
 * Listed names that the dictionary says alike ("sarah" and "sara") stay once, the more common one (the
 * lists run from common to rare): a grammar cannot choose between equal sounds, while a language model
 * prefers the likelier spelling.
 */
function oneSpellingPerSound(names: readonly string[], pronunciations: Map<string, string>): string[] {
  const sounds = new Set<string>();
  const kept: string[] = [];
  for (const name of new Set(names)) {
    const sound = pronunciations.get(name);
    if (sound === undefined || sounds.has(sound)) continue;
    sounds.add(sound);
    kept.push(name);
  }
  return kept;
}

/** The dictionary's first pronunciation of each word ("sarah S EH R AH" → sarah: "S EH R AH"). */
async function readPronunciations(dictionaryPath: string): Promise<Map<string, string>> {
  const pronunciations = new Map<string, string>();
  for (const line of (await readFile(dictionaryPath, 'utf8')).split('\n')) {
    const [word, ...phones] = line.trim().split(/\s+/);
    if (word === undefined || word === '' || /\(\d+\)$/.test(word)) continue;
    pronunciations.set(word, phones.join(' '));
  }
  return pronunciations;
}

/** What to hear a turn again as: the names, less those the caller said were wrong. */
export interface NameRehearing {
  /** Whole names ("daniel morgan") the caller said were not theirs; each of their words stays possible. */
  exclude?: readonly string[] | undefined;
  /**
   * The language model's words before and after the name, when the turn says more than a name ("this is
   * … and i have a question about my knee"): the grammar keeps them as heard and chooses only the name.
   */
  around?: { before: readonly string[]; after: readonly string[] } | undefined;
}

/**
 * The JSGF grammar for hearing a turn again as a person's name: a lead-in (optional, or the words heard
 * around the name), then a listed first name and a listed surname. A grammar, not the business's language
 * model: measured on 180 name lines by five voices over the phone line, the model's trigrams got 125
 * names exact (it lets "ten", "a m" or "my arm" stand for a surname), this grammar 155. Undefined when a
 * word heard around the name is not one the dictionary can say.
 */
export function buildNameGrammar(
  pronunciations: Map<string, string>,
  rehearing: NameRehearing = {},
): string | undefined {
  const { exclude = [], around } = rehearing;
  const sayable = (words: readonly string[]) =>
    words.every((word) => /^[a-z']+$/.test(word) && pronunciations.has(word));
  if (around !== undefined && !(sayable(around.before) && sayable(around.after))) return undefined;
  const firstNames = oneSpellingPerSound(COMMON_FIRST_NAMES, pronunciations);
  const surnames = oneSpellingPerSound(COMMON_SURNAMES, pronunciations);
  const names = namesLeavingOut(firstNames, surnames, exclude);
  const intros = INTROS.filter((intro) => sayable(intro.split(' ')));
  const rule =
    around !== undefined
      ? [...around.before, '<person>', ...around.after].join(' ')
      : `${intros.length > 0 ? '[<intro>] ' : ''}<person>`;
  return [
    '#JSGF V1.0;',
    'grammar person_name;',
    `public <name> = ${rule};`,
    ...(around === undefined && intros.length > 0 ? [`<intro> = ${intros.join(' | ')};`] : []),
    ...names,
    '',
  ].join('\n');
}

/**
 * The `<person>` rule and its parts: every listed first name with every listed surname, except the whole
 * names left out. A first name with a surname left out gets its own surname rule without those; the rest
 * share `<last>` ("daniel morgan" out: `<first>` without daniel, `<last>`; or daniel, `<last1>` without
 * morgan).
 */
function namesLeavingOut(
  firstNames: readonly string[],
  surnames: readonly string[],
  exclude: readonly string[],
): string[] {
  const surnamesOut = new Map<string, Set<string>>();
  for (const name of exclude) {
    const [first, last] = name.toLowerCase().split(' ');
    if (first === undefined || last === undefined || !firstNames.includes(first)) continue;
    surnamesOut.set(first, (surnamesOut.get(first) ?? new Set()).add(last));
  }
  const alternatives = [`<first> <last>`];
  const rules = [
    `<first> = ${firstNames.filter((first) => !surnamesOut.has(first)).join(' | ')};`,
    `<last> = ${surnames.join(' | ')};`,
  ];
  let index = 0;
  for (const [first, out] of surnamesOut) {
    index++;
    alternatives.push(`${first} <last${index}>`);
    rules.push(`<last${index}> = ${surnames.filter((last) => !out.has(last)).join(' | ')};`);
  }
  return [`<person> = ${alternatives.join(' | ')};`, ...rules];
}

/**
 * The first name and surname in what the grammar heard: the two words after the words heard before
 * the name, or the last two when there were none; undefined when the turn did not come out in the
 * grammar's shape.
 */
export function nameInRehearing(heard: string | undefined, rehearing: NameRehearing): string | undefined {
  const words = heard?.split(' ') ?? [];
  const around = rehearing.around;
  if (around === undefined) return words.length >= 2 ? words.slice(-2).join(' ') : undefined;
  if (words.length !== around.before.length + 2 + around.after.length) return undefined;
  return words.slice(around.before.length, around.before.length + 2).join(' ');
}

const pronunciationsByDictionary = new Map<string, Promise<Map<string, string>>>();

/**
 * Writes the grammar for one turn to a temporary file for `use`, and removes it after (a grammar with the
 * words around a name is the turn's own); undefined when no grammar can be built for the turn.
 */
export async function withNameGrammar<T>(
  model: RecognizerModel,
  rehearing: NameRehearing,
  use: (grammarPath: string) => Promise<T>,
): Promise<T | undefined> {
  let pronunciations = pronunciationsByDictionary.get(model.dictionaryPath);
  if (pronunciations === undefined) {
    pronunciations = readPronunciations(model.dictionaryPath);
    pronunciationsByDictionary.set(model.dictionaryPath, pronunciations);
  }
  const grammar = buildNameGrammar(await pronunciations, rehearing);
  if (grammar === undefined) return undefined;
  const file = path.join(os.tmpdir(), `receptionist-names-${process.pid}-${randomUUID()}.gram`);
  await writeFile(file, grammar);
  try {
    return await use(file);
  } finally {
    await rm(file, { force: true });
  }
}
