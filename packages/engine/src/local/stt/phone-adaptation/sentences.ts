/**
 * Prints the adaptation script: 240 caller sentences drawn (with a fixed seed) from the corpus of a dental
 * practice, four words or more, so the transform sees dates, times, names, numbers and requests.
 */
import type { BusinessBrief } from '../../../engine.ts';
import { generateCorpus } from '../corpus.ts';

const brief: BusinessBrief = {
  name: 'Bright Smile Dental',
  timeZone: 'America/New_York',
  services: [
    { id: 'cleaning', name: 'Cleaning', durationMinutes: 60 },
    { id: 'checkup', name: 'Checkup', durationMinutes: 30 },
    { id: 'whitening', name: 'Whitening', durationMinutes: 90 },
  ],
  transferDestinations: [{ id: 'front-desk', name: 'Front desk' }],
  vocabulary: [],
};

const sentences = [...new Set(generateCorpus(brief))].filter((sentence) => sentence.split(' ').length >= 4);
let state = 7;
const random = (): number => {
  state = (state * 1664525 + 1013904223) >>> 0;
  return state / 2 ** 32;
};
const picked: string[] = [];
while (picked.length < 240) picked.push(sentences[Math.floor(random() * sentences.length)] ?? '');
process.stdout.write(`${picked.join('\n')}\n`);
