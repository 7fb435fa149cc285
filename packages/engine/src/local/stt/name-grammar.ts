import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
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

/**
 * The JSGF grammar for hearing a turn again as a person's name: an optional lead-in, then a listed first
 * name and a listed surname, less the words the caller said were wrong. A grammar, not the business's
 * language model: measured on 180 name lines by five voices over the phone line, the model's trigrams
 * got 125 names exact (it lets "ten", "a m" or "my arm" stand for a surname), this grammar 155.
 */
export function buildNameGrammar(
  pronunciations: Map<string, string>,
  exclude: ReadonlySet<string> = new Set(),
): string {
  const usable = (names: readonly string[]) =>
    oneSpellingPerSound(names, pronunciations).filter((name) => !exclude.has(name));
  const intros = INTROS.filter((intro) => intro.split(' ').every((word) => pronunciations.has(word)));
  return [
    '#JSGF V1.0;',
    'grammar person_name;',
    `public <name> = ${intros.length > 0 ? '[<intro>] ' : ''}<first> <last>;`,
    ...(intros.length > 0 ? [`<intro> = ${intros.join(' | ')};`] : []),
    `<first> = ${usable(COMMON_FIRST_NAMES).join(' | ')};`,
    `<last> = ${usable(COMMON_SURNAMES).join(' | ')};`,
    '',
  ].join('\n');
}

const pronunciationsByDictionary = new Map<string, Promise<Map<string, string>>>();

/**
 * The grammar file for a model and the words to leave out, written once beside the model's language
 * model and named by its content, so calls and processes share it.
 */
export async function nameGrammarFile(
  model: RecognizerModel,
  exclude: ReadonlySet<string> = new Set(),
): Promise<string> {
  let pronunciations = pronunciationsByDictionary.get(model.dictionaryPath);
  if (pronunciations === undefined) {
    pronunciations = readPronunciations(model.dictionaryPath);
    pronunciationsByDictionary.set(model.dictionaryPath, pronunciations);
  }
  const grammar = buildNameGrammar(await pronunciations, exclude);
  const key = createHash('sha256').update(grammar).digest('hex').slice(0, 16);
  const file = path.join(path.dirname(model.languageModelPath), `names-${key}.gram`);
  if (!existsSync(file)) {
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, grammar);
    await rename(temporary, file);
  }
  return file;
}
