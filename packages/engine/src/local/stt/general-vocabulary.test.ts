import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGeneralVocabulary, parseUnigrams } from './general-vocabulary.ts';
import { DEBIAN_MODEL_ROOT } from './model-files.ts';

const arpa = (declared: number, lines: string[]): string =>
  ['\\data\\', `ngram 1=${declared}`, 'ngram 2=9', '', '\\1-grams:', ...lines, '', '\\2-grams:', ''].join(
    '\n',
  );

describe('the general vocabulary', () => {
  it('reads plain words and their log probabilities from the 1-gram section', () => {
    const words = parseUnigrams(arpa(4, ['-1.5 park -0.2', '-2.0 <s> -0.3', "-2.5 o'brien", '-3 3d']));
    expect(words).toEqual([
      { word: 'park', log10Probability: -1.5 },
      { word: "o'brien", log10Probability: -2.5 },
    ]);
  });

  it('refuses a 1-gram section cut short', () => {
    expect(() => parseUnigrams(arpa(400, ['-1.5 park']))).toThrow(/1 of 400/);
  });

  it("loads Debian's en-us model's words, most frequent first", async () => {
    expect(existsSync(path.join(DEBIAN_MODEL_ROOT, 'en-us.lm.bin')), 'pocketsphinx-en-us installed').toBe(
      true,
    );
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'general-vocabulary-'));
    try {
      const words = await loadGeneralVocabulary(DEBIAN_MODEL_ROOT, cacheDir);
      expect(words.length).toBeGreaterThan(60_000);
      expect(words[0]!.log10Probability).toBeGreaterThanOrEqual(words[1000]!.log10Probability);
      const top = new Set(words.slice(0, 20_000).map((entry) => entry.word));
      for (const word of ['park', 'knee', 'insurance', 'lopez']) expect(top.has(word), word).toBe(true);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
