import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BusinessBrief } from '../../engine.ts';
import { LocalEngineError } from '../errors.ts';
import { type BackgroundUnigrams, buildArpa } from './arpa.ts';
import { generateCorpus } from './corpus.ts';
import { loadGeneralVocabulary } from './general-vocabulary.ts';

/** Where Debian's pocketsphinx-en-us puts the model (compiled-in defaults of pocketsphinx_continuous). */
export const DEBIAN_MODEL_ROOT = '/usr/share/pocketsphinx/model/en-us';

/**
 * Cepstral mean initial values for 300–3400 Hz phone audio. With the stock (wideband) values every first
 * utterance of a phone call is garbage (87–99 % WER); pocketsphinx lets feat.params override the command
 * line, so a model copy with an edited feat.params is the only way in (research/offline-speech.md §2).
 */
const PHONE_CMNINIT = '38.40,25.29,-33.82,39.70,-17.44,-15.34,11.58,-38.43,-10.33,-15.90,-11.61,8.60,-14.34';

/**
 * The acoustic model's Gaussian means adapted to callers on a phone line (phone-adaptation/make-phone-means.sh
 * rebuilds them): the phone line's MLLR transform (phone-adaptation/phone-channel.mllr), then MAP adaptation
 * to 960 phone-line utterances by voices the corpus and tests never speak with. A phone line keeps nothing
 * above 3.4 kHz, where the 16 kHz model hears /s/, /f/ and /th/, and one global transform could not reach
 * voices unlike flite's: espeak-ng callers were heard at 0.33–0.45 WER with it, 0.20–0.25 with these means
 * (RECOGNISER.md has the figures).
 */
const PHONE_CHANNEL_MEANS = fileURLToPath(new URL('./phone-channel.means', import.meta.url));

export interface RecognizerModel {
  /** Acoustic model directory (-hmm). */
  acousticModelDir: string;
  languageModelPath: string;
  dictionaryPath: string;
  vocabularySize: number;
  /** Words the recognizer can output (the language model's vocabulary). */
  vocabulary: string[];
}

/**
 * The open vocabulary: the business's trigram model with the general model's most frequent words mixed
 * into its unigrams (arpa.ts). `false` keeps the closed business vocabulary (the peer in bench:local).
 */
export interface OpenVocabulary {
  /** How many of the general model's most frequent words join the vocabulary. */
  generalWords: number;
  /** Their share of the unigram probability mass. */
  weight: number;
}

/**
 * The open-vocabulary setting that measured best (bench:local `--only asr`). It is NOT the default: on the
 * 60-call corpus it scored the same as the business vocabulary (48/60 against 49/60 on 2026-12-05) while it
 * made the demo's shipped scenarios mishear names ("Mary" as "Maria", "White" as "Light"), so calls use the
 * business's own words, names list and sentences unless a caller of `prepareModelFiles` asks for it.
 */
export const DEFAULT_OPEN_VOCABULARY: OpenVocabulary = { generalWords: 20_000, weight: 0.1 };

export interface ModelFileOptions {
  /** Root of the cache; defaults to `<tmp>/receptionist-local-engine`. */
  cacheDir?: string | undefined;
  modelRoot?: string | undefined;
  openVocabulary?: OpenVocabulary | false | undefined;
}

function cacheRoot(options: ModelFileOptions): string {
  return options.cacheDir ?? path.join(os.tmpdir(), 'receptionist-local-engine');
}

/** Writes via a temporary file and a rename, so parallel processes never read half a file. */
async function writeAtomically(filePath: string, contents: string): Promise<void> {
  const temporary = `${filePath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, filePath);
}

let pronunciationsPromise: Promise<Map<string, string[]>> | undefined;

/** cmudict: word → its pronunciation lines ("word P R AH N", "word(2) ..."). Loaded once per process. */
function loadPronunciations(modelRoot: string): Promise<Map<string, string[]>> {
  pronunciationsPromise ??= readFile(path.join(modelRoot, 'cmudict-en-us.dict'), 'utf8').then((text) => {
    const entries = new Map<string, string[]>();
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      if (space <= 0) continue;
      const word = line.slice(0, space).replace(/\(\d+\)$/, '');
      const lines = entries.get(word) ?? [];
      lines.push(line.trim());
      entries.set(word, lines);
    }
    return entries;
  });
  return pronunciationsPromise;
}

let phoneMeansKeyPromise: Promise<string> | undefined;

/** A key of the phone-adapted means' content, hashed once per process (the bytes are not kept). */
function phoneMeansKey(): Promise<string> {
  phoneMeansKeyPromise ??= readFile(PHONE_CHANNEL_MEANS).then((bytes) =>
    createHash('sha256').update(bytes).digest('hex').slice(0, 12),
  );
  return phoneMeansKeyPromise;
}

async function prepareAcousticModel(
  root: string,
  modelRoot: string,
  channel: 'phone' | 'wideband',
): Promise<string> {
  const stock = path.join(modelRoot, 'en-us');
  if (channel === 'wideband') return stock;
  // Named by the means' content and holding a copy of them, not a link: rebuilt means get a new copy, and
  // the cache keeps working when the checkout that made it moves or is deleted.
  const directory = path.join(root, `hmm-phone-${await phoneMeansKey()}`);
  if (existsSync(path.join(directory, 'feat.params'))) return directory;
  const staging = `${directory}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await mkdir(staging, { recursive: true });
  for (const entry of await readdir(stock)) {
    if (entry !== 'feat.params' && entry !== 'means') {
      await symlink(path.join(stock, entry), path.join(staging, entry));
    }
  }
  await copyFile(PHONE_CHANNEL_MEANS, path.join(staging, 'means'));
  const params = await readFile(path.join(stock, 'feat.params'), 'utf8');
  await writeFile(
    path.join(staging, 'feat.params'),
    params.replace(/^-cmninit .*$/m, `-cmninit ${PHONE_CMNINIT}`),
  );
  await rename(staging, directory).catch(async () => {
    // Another preparation won the race; its directory is identical. Ours (with its copy of the means) goes.
    await rm(staging, { recursive: true, force: true });
  });
  return directory;
}

const corpusKeys = new Map<string, string>();
const DICTIONARY_RULE = 'cmudict pronunciations of the corpus words and the general words mixed in';

/**
 * The cache key of the model built from the business's corpus. It hashes the sentences themselves, so a
 * change to the templates rebuilds cached models with no version number to remember (a stale model once
 * measured a corpus that had been reverted); `DICTIONARY_RULE` names how the dictionary is made from them.
 * Generating takes ~50 ms, so the key (not the corpus) is kept per business for the life of the process.
 */
function corpusKey(brief: BusinessBrief, open: OpenVocabulary | false): string {
  const inputs = JSON.stringify([
    open,
    brief.name,
    brief.services.map((service) => service.name),
    brief.transferDestinations.map((destination) => destination.name),
    brief.vocabulary,
    brief.phrases ?? [],
  ]);
  let key = corpusKeys.get(inputs);
  if (key === undefined) {
    key = createHash('sha256')
      .update(JSON.stringify([DICTIONARY_RULE, open, generateCorpus(brief)]))
      .digest('hex')
      .slice(0, 16);
    corpusKeys.set(inputs, key);
  }
  return key;
}

/**
 * General words kept out of the background: short words a phone line makes sound like the answers the
 * dialogue turns on ("yes" came out "us" once "us" could be heard).
 */
const CONFUSABLE_WITH_ANSWERS = new Set([
  'us',
  'yet',
  'ess',
  'es',
  'ya',
  'yah',
  'yeh',
  'noe',
  'know',
  'knoll',
]);

async function backgroundUnigrams(
  modelRoot: string,
  cacheDir: string,
  open: OpenVocabulary,
  pronunciations: Map<string, string[]>,
): Promise<BackgroundUnigrams> {
  const probabilities = new Map<string, number>();
  for (const { word, log10Probability } of await loadGeneralVocabulary(modelRoot, cacheDir)) {
    if (probabilities.size >= open.generalWords) break;
    if (pronunciations.has(word) && !CONFUSABLE_WITH_ANSWERS.has(word))
      probabilities.set(word, 10 ** log10Probability);
  }
  return { probabilities, weight: open.weight };
}

/**
 * Generates (or reuses from the cache) the domain language model and dictionary for a business and the
 * acoustic model for the channel. The cache key is a hash of the corpus, so a changed profile gets a new LM.
 */
export async function prepareRecognizerModel(
  brief: BusinessBrief,
  channel: 'phone' | 'wideband',
  options: ModelFileOptions = {},
): Promise<RecognizerModel> {
  const modelRoot = options.modelRoot ?? DEBIAN_MODEL_ROOT;
  if (!existsSync(path.join(modelRoot, 'cmudict-en-us.dict'))) {
    throw new LocalEngineError(
      'speech_failed',
      `pocketsphinx model not found at ${modelRoot}: install the Debian packages pocketsphinx and pocketsphinx-en-us`,
    );
  }
  const root = cacheRoot(options);
  await mkdir(root, { recursive: true });
  const acousticModelDir = await prepareAcousticModel(root, modelRoot, channel);

  // Off unless asked for: see DEFAULT_OPEN_VOCABULARY for the measurement behind that.
  const open = options.openVocabulary ?? false;
  const key = corpusKey(brief, open);
  const languageModelPath = path.join(root, `domain-${key}.lm`);
  const dictionaryPath = path.join(root, `domain-${key}.dic`);
  const vocabularyPath = path.join(root, `domain-${key}.words`);
  if (!existsSync(languageModelPath) || !existsSync(dictionaryPath) || !existsSync(vocabularyPath)) {
    const pronunciations = await loadPronunciations(modelRoot);
    // Words the dictionary cannot pronounce are dropped: pocketsphinx refuses an LM with unknown words.
    const sentences = generateCorpus(brief)
      .map((sentence) =>
        sentence
          .split(' ')
          .filter((word) => pronunciations.has(word))
          .join(' '),
      )
      .filter(Boolean);
    const background =
      open === false ? undefined : await backgroundUnigrams(modelRoot, root, open, pronunciations);
    const vocabulary = [
      ...new Set([
        ...sentences.flatMap((sentence) => sentence.split(' ')),
        ...(background?.probabilities.keys() ?? []),
      ]),
    ].sort();
    const dictionary = vocabulary.flatMap((word) => pronunciations.get(word) ?? []).join('\n');
    await writeAtomically(dictionaryPath, `${dictionary}\n`);
    await writeAtomically(languageModelPath, buildArpa(sentences, background));
    await writeAtomically(vocabularyPath, vocabulary.join('\n'));
  }
  const vocabulary = (await readFile(vocabularyPath, 'utf8')).split('\n');
  return {
    acousticModelDir,
    languageModelPath,
    dictionaryPath,
    vocabularySize: vocabulary.length,
    vocabulary,
  };
}
