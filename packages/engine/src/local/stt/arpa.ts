/**
 * A trigram ARPA language model writer: absolute discounting (D = 0.5) with Katz-style back-off.
 * Small on purpose: the corpus is a few thousand receptionist sentences, and no LM toolkit ships in Debian's
 * pocketsphinx packages (research/offline-speech.md §2 measured this exact recipe at 2.7–4 % WER).
 */

const DISCOUNT = 0.5;
const START = '<s>';
const END = '</s>';

type Counts = Map<string, number>;

function increment(counts: Counts, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function historyOf(key: string): string {
  const index = key.lastIndexOf(' ');
  return index < 0 ? '' : key.slice(0, index);
}

function lastWordOf(key: string): string {
  return key.slice(key.lastIndexOf(' ') + 1);
}

function dropFirstWord(key: string): string {
  const index = key.indexOf(' ');
  return index < 0 ? '' : key.slice(index + 1);
}

function mixBackground(
  unigrams: Counts,
  unigramProbability: Map<string, number>,
  background: BackgroundUnigrams,
): void {
  let total = 0;
  for (const [word, probability] of background.probabilities)
    if (word !== START && word !== END) total += probability;
  if (total <= 0) return;
  for (const [word, probability] of unigramProbability)
    unigramProbability.set(word, probability * (1 - background.weight));
  for (const [word, probability] of background.probabilities) {
    if (word === START || word === END) continue;
    unigramProbability.set(
      word,
      (unigramProbability.get(word) ?? 0) + (background.weight * probability) / total,
    );
    if (!unigrams.has(word)) unigrams.set(word, 0);
  }
}

const log10 = (value: number): string => (value <= 0 ? '-99' : Math.log10(value).toFixed(4));

/**
 * General words mixed into the unigram level: p(w) = (1 − weight)·p_business(w) + weight·p_background(w).
 * Histories keep the business's bigrams and trigrams; the back-off mass they leave reaches these words, so
 * a word no template contains can still be heard, at a cost the weight sets.
 */
export interface BackgroundUnigrams {
  /** Word → probability; normalised here, so any positive weights do. */
  probabilities: ReadonlyMap<string, number>;
  weight: number;
}

/** Builds the ARPA text for sentences given as space-separated lower-case words. */
export function buildArpa(sentences: Iterable<string>, background?: BackgroundUnigrams): string {
  const orders: [Counts, Counts, Counts] = [new Map(), new Map(), new Map()];
  for (const sentence of sentences) {
    const words = [START, ...sentence.split(' ').filter(Boolean), END];
    for (let i = 0; i < words.length; i++) {
      for (let n = 1; n <= 3 && i - n + 1 >= 0; n++) {
        increment(orders[n - 1]!, words.slice(i - n + 1, i + 1).join(' '));
      }
    }
  }
  const [unigrams, bigrams, trigrams] = orders;

  // Unigram probabilities: maximum likelihood over predicted tokens (<s> is never predicted).
  let tokenTotal = 0;
  for (const [word, count] of unigrams) if (word !== START) tokenTotal += count;
  const unigramProbability = new Map<string, number>();
  for (const [word, count] of unigrams) unigramProbability.set(word, word === START ? 0 : count / tokenTotal);
  if (background !== undefined) mixBackground(unigrams, unigramProbability, background);

  const discounted = (
    counts: Counts,
  ): { probability: Map<string, number>; historyTotal: Map<string, number> } => {
    const historyTotal = new Map<string, number>();
    for (const [key, count] of counts) {
      const history = historyOf(key);
      historyTotal.set(history, (historyTotal.get(history) ?? 0) + count);
    }
    const probability = new Map<string, number>();
    for (const [key, count] of counts)
      probability.set(key, (count - DISCOUNT) / historyTotal.get(historyOf(key))!);
    return { probability, historyTotal };
  };

  const bigram = discounted(bigrams);
  const trigram = discounted(trigrams);

  // Back-off weights: the probability mass left by discounting, spread over the lower order's unseen words.
  const backoffWeights = (
    higher: Map<string, number>,
    lowerProbability: (key: string) => number,
  ): Map<string, number> => {
    const seenMass = new Map<string, { higher: number; lower: number }>();
    for (const [key, probability] of higher) {
      const history = historyOf(key);
      const mass = seenMass.get(history) ?? { higher: 0, lower: 0 };
      mass.higher += probability;
      mass.lower += lowerProbability(dropFirstWord(key));
      seenMass.set(history, mass);
    }
    const weights = new Map<string, number>();
    for (const [history, mass] of seenMass) {
      weights.set(history, Math.max(1e-9, 1 - mass.higher) / Math.max(1e-9, 1 - mass.lower));
    }
    return weights;
  };

  const unigramBackoff = backoffWeights(bigram.probability, (word) => unigramProbability.get(word) ?? 0);
  const backedOffBigram = (key: string): number =>
    bigram.probability.get(key) ??
    (unigramBackoff.get(historyOf(key)) ?? 1) * (unigramProbability.get(lastWordOf(key)) ?? 0);
  const bigramBackoff = backoffWeights(trigram.probability, backedOffBigram);

  const lines = [
    '\\data\\',
    `ngram 1=${unigrams.size}`,
    `ngram 2=${bigrams.size}`,
    `ngram 3=${trigrams.size}`,
    '',
    '\\1-grams:',
  ];
  for (const word of [...unigrams.keys()].sort()) {
    const backoff = unigramBackoff.get(word);
    const probability = word === START ? '-99' : log10(unigramProbability.get(word) ?? 0);
    lines.push(`${probability} ${word}${backoff === undefined ? '' : ` ${log10(backoff)}`}`);
  }
  lines.push('', '\\2-grams:');
  for (const key of [...bigrams.keys()].sort()) {
    const backoff = bigramBackoff.get(key);
    lines.push(
      `${log10(bigram.probability.get(key) ?? 0)} ${key}${backoff === undefined ? '' : ` ${log10(backoff)}`}`,
    );
  }
  lines.push('', '\\3-grams:');
  for (const key of [...trigrams.keys()].sort())
    lines.push(`${log10(trigram.probability.get(key) ?? 0)} ${key}`);
  lines.push('', '\\end\\', '');
  return lines.join('\n');
}
