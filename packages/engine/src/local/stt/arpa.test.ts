import { describe, expect, it } from 'vitest';
import { buildArpa } from './arpa.ts';

function parse(arpa: string): Map<string, { logProbability: number; logBackoff: number }> {
  const entries = new Map<string, { logProbability: number; logBackoff: number }>();
  let order = 0;
  for (const line of arpa.split('\n')) {
    const header = /^\\(\d)-grams:$/.exec(line);
    if (header) {
      order = Number(header[1]);
      continue;
    }
    if (order === 0 || line.trim() === '' || line.startsWith('\\')) continue;
    const fields = line.split(' ');
    const words = fields.slice(1, 1 + order).join(' ');
    entries.set(words, { logProbability: Number(fields[0]), logBackoff: Number(fields[1 + order] ?? 0) });
  }
  return entries;
}

describe('buildArpa', () => {
  const sentences = ['book an appointment', 'book a cleaning', 'cancel an appointment', 'yes please'];
  const arpa = buildArpa(sentences);
  const entries = parse(arpa);

  it('writes the ARPA header with the n-gram counts', () => {
    expect(arpa.startsWith('\\data\\\nngram 1=')).toBe(true);
    expect(arpa.trimEnd().endsWith('\\end\\')).toBe(true);
    const unigramCount = Number(/ngram 1=(\d+)/.exec(arpa)?.[1]);
    // 8 distinct words plus <s> and </s>.
    expect(unigramCount).toBe(10);
  });

  it('keeps every conditional distribution summing to one after back-off', () => {
    const vocabulary = [...entries.keys()].filter((key) => !key.includes(' ') && key !== '<s>');
    const probability = (history: string, word: string): number => {
      const direct = entries.get(`${history} ${word}`);
      if (direct) return 10 ** direct.logProbability;
      const backoff = 10 ** (entries.get(history)?.logBackoff ?? 0);
      const shorter = history.includes(' ') ? history.slice(history.indexOf(' ') + 1) : '';
      return (
        backoff *
        (shorter === '' ? 10 ** (entries.get(word)?.logProbability ?? -99) : probability(shorter, word))
      );
    };
    for (const history of ['<s>', 'book', 'an', '<s> book', 'book an']) {
      const total = vocabulary.reduce((sum, word) => sum + probability(history, word), 0);
      expect(total).toBeCloseTo(1, 3);
    }
  });

  it('makes seen continuations likelier than unseen ones', () => {
    expect(entries.get('book an')?.logProbability).toBeGreaterThan(entries.get('an')?.logProbability ?? 0);
  });
});

describe('buildArpa with general words in the background', () => {
  const sentences = ['book an appointment', 'book a cleaning', 'yes please'];
  const background = {
    probabilities: new Map([
      ['park', 3],
      ['knee', 1],
      ['book', 4],
    ]),
    weight: 0.2,
  };
  const entries = parse(buildArpa(sentences, background));

  it('adds the general words to the vocabulary at their share of the mass', () => {
    // 'park' is 3/8 of the background, which holds 20 % of the unigram mass.
    expect(10 ** (entries.get('park')?.logProbability ?? -99)).toBeCloseTo(0.2 * (3 / 8), 3);
    expect(entries.has('knee')).toBe(true);
  });

  it('keeps the unigrams and every back-off distribution summing to one', () => {
    const vocabulary = [...entries.keys()].filter((key) => !key.includes(' ') && key !== '<s>');
    const unigramTotal = vocabulary.reduce(
      (sum, word) => sum + 10 ** (entries.get(word)?.logProbability ?? -99),
      0,
    );
    expect(unigramTotal).toBeCloseTo(1, 3);
    const afterBook = vocabulary.reduce((sum, word) => {
      const direct = entries.get(`book ${word}`);
      if (direct) return sum + 10 ** direct.logProbability;
      return (
        sum + 10 ** (entries.get('book')?.logBackoff ?? 0) * 10 ** (entries.get(word)?.logProbability ?? -99)
      );
    }, 0);
    expect(afterBook).toBeCloseTo(1, 3);
  });
});
