import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { LocalEngineError } from '../errors.ts';

/**
 * General English word frequencies for the open vocabulary: the unigrams of Debian's en-us.lm.bin (the
 * pocketsphinx-en-us package, 72k words trained on general text). The business's trigram model keeps its
 * shape; these unigrams are mixed into its unigram level (arpa.ts `background`), so after any history a
 * caller can still say "park", "knee" or "Lopez" — words no template contains.
 *
 * Debian's sphinx_lm_convert writes the whole 1-gram section of that file and then fails an assertion on
 * the 2-grams (a known bug of the 5prealpha trie writer); only the unigrams are read, and the count is
 * checked against the header, so a short file is refused rather than used. (The abort also loses the
 * unflushed tail of the section: the last ~100 words of the alphabet, after "zim".)
 */

export interface GeneralWord {
  word: string;
  /** log10 probability in the general model. */
  log10Probability: number;
}

const PLAIN_WORD = /^[a-z][a-z']*$/;
let cached: Promise<GeneralWord[]> | undefined;

function convertToArpa(binaryPath: string, arpaPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sphinx_lm_convert', ['-i', binaryPath, '-o', arpaPath, '-ofmt', 'arpa'], {
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.once('error', (error) =>
      reject(new LocalEngineError('speech_failed', 'could not run sphinx_lm_convert', { cause: error })),
    );
    // Its exit status is ignored on purpose (the 2-gram assertion above); the parse below checks the result.
    child.once('close', () => resolve());
  });
}

/** Parses the 1-gram section of an ARPA file; refuses a section shorter than its header says. */
export function parseUnigrams(arpa: string): GeneralWord[] {
  const declared = Number(/^ngram 1=(\d+)$/m.exec(arpa)?.[1] ?? Number.NaN);
  const start = arpa.indexOf('\\1-grams:');
  if (start < 0 || !Number.isFinite(declared)) throw new Error('no 1-gram section');
  const words: GeneralWord[] = [];
  let lines = 0;
  for (const line of arpa.slice(start + '\\1-grams:'.length).split('\n')) {
    if (line.startsWith('\\')) break;
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2) continue;
    lines++;
    const word = fields[1]!;
    if (PLAIN_WORD.test(word)) words.push({ word, log10Probability: Number(fields[0]) });
  }
  // The last line may be cut mid-way by the converter's crash: allow a handful missing, no more.
  if (lines < declared * 0.99) throw new Error(`1-gram section has ${lines} of ${declared} entries`);
  return words;
}

/** The general model's plain words, most frequent first. Converted once into `cacheDir`, then read. */
export function loadGeneralVocabulary(modelRoot: string, cacheDir: string): Promise<GeneralWord[]> {
  cached ??= (async () => {
    const arpaPath = path.join(cacheDir, 'general-en-us-unigrams-v1.arpa');
    if (!existsSync(arpaPath)) {
      const staging = `${arpaPath}.${process.pid}.tmp`;
      await convertToArpa(path.join(modelRoot, 'en-us.lm.bin'), staging);
      await rename(staging, arpaPath).catch(async () => rm(staging, { force: true }));
    }
    try {
      const words = parseUnigrams(await readFile(arpaPath, 'utf8'));
      return words.sort((a, b) => b.log10Probability - a.log10Probability);
    } catch (error) {
      await rm(arpaPath, { force: true });
      throw new LocalEngineError('speech_failed', `general language model unreadable at ${modelRoot}`, {
        cause: error,
      });
    }
  })();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
