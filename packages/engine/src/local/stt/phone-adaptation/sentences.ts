/**
 * Prints the adaptation script: 240 caller sentences drawn (with a fixed seed) from the corpus of a dental
 * practice, four words or more, so the transform sees dates, times, names, numbers and requests.
 */
import { DENTAL_PRACTICE_BRIEF } from '../../testing/dental-brief.ts';
import { generateCorpus } from '../corpus.ts';

const sentences = [...new Set(generateCorpus(DENTAL_PRACTICE_BRIEF))].filter(
  (sentence) => sentence.split(' ').length >= 4,
);
let state = 7;
const random = (): number => {
  state = (state * 1664525 + 1013904223) >>> 0;
  return state / 2 ** 32;
};
const picked: string[] = [];
while (picked.length < 240) picked.push(sentences[Math.floor(random() * sentences.length)] ?? '');
process.stdout.write(`${picked.join('\n')}\n`);
