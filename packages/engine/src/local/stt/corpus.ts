import type { BusinessBrief } from '../../engine.ts';
import { normalizeText, numberToWords } from '../policy/words.ts';
import {
  spokenCalendarDates,
  spokenClockTimes,
  spokenRelativeDays,
  spokenRoundTimes,
} from './spoken-when.ts';

/**
 * The sentences callers of this business are likely to say, generated from templates and the business's
 * own words (name, services, staff, vocabulary). The language model is built from them, so a word that
 * never appears here cannot be recognised: the lists below are deliberately generous.
 */

/** Common first names and surnames so callers can give a name; others need spelling or the message flow. */
export const COMMON_FIRST_NAMES = [
  'james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony',
  'mark donald steven paul andrew joshua kevin brian george edward ryan jacob gary nicholas eric jonathan',
  'mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra',
  'ashley emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon cynthia kathleen',
  'amy anna emma olivia sophia maria peter alice helen grace kate jane tom bob mike dave sam alex chris',
]
  .join(' ')
  .split(' ');

export const COMMON_SURNAMES = [
  'smith johnson williams brown jones garcia miller davis rodriguez martinez wilson anderson taylor thomas',
  'moore jackson martin lee thompson white harris clark lewis robinson walker young allen king wright scott',
  'green baker adams nelson hill campbell mitchell roberts carter phillips evans turner parker collins',
]
  .join(' ')
  .split(' ');

/** A tiny deterministic PRNG so the same business always gets the same LM (and cache key). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Template slots are filled half with relative days ("next friday") and half with calendar dates, and
 * mostly with round times, so the 1,100 calendar forms and 2,100 clock times (each also a sentence of its
 * own) do not crowd out how callers usually speak.
 */
function dayPicker(random: () => number): () => string {
  const relative = spokenRelativeDays();
  const calendar = spokenCalendarDates().flatMap((date) => date.forms);
  const from = (items: readonly string[]): string => items[Math.floor(random() * items.length)]!;
  return () => (random() < 0.5 ? from(relative) : from(calendar));
}

function timePicker(random: () => number): () => string {
  const round = spokenRoundTimes();
  const all = spokenClockTimes();
  const from = (items: readonly string[]): string => items[Math.floor(random() * items.length)]!;
  return () => (random() < 0.7 ? from(round) : from(all));
}

function phoneNumbers(random: () => number, count: number): string[] {
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = random() < 0.7 ? 10 : 7;
    const digits = Array.from({ length }, () => numberToWords(Math.floor(random() * 10)));
    if (random() < 0.2) digits[Math.floor(random() * length)] = 'oh';
    numbers.push(digits.join(' '));
  }
  return numbers;
}

const FIXED_PHRASES = [
  'yes',
  'yes please',
  'yeah',
  'yep',
  'yes that is right',
  "yes that's right",
  "yes that's correct",
  'that is correct',
  'correct',
  'sure',
  'okay',
  'sounds good',
  'perfect',
  'please do',
  'go ahead',
  'no',
  'no thanks',
  'no thank you',
  'nope',
  "no that's wrong",
  "that's not right",
  'no thanks goodbye',
  'no that is all',
  "that's all thank you",
  'goodbye',
  'bye',
  'bye bye',
  'thank you goodbye',
  'thanks bye',
  'hello',
  'hi',
  'hi there',
  'hello is anyone there',
  'can i talk to a person',
  'can i speak to a person',
  'i want to talk to a real person',
  'can i speak to someone',
  'let me talk to a human',
  'transfer me please',
  'can you put me through to the front desk',
  'i would like to speak with the receptionist',
  'what are your hours',
  'what are your opening hours',
  'when are you open',
  'are you open on saturday',
  'what time do you close',
  'where are you located',
  'what is your address',
  'how do i get there',
  'is there parking',
  'do you take insurance',
  'how much does it cost',
  'what are your prices',
  'what services do you offer',
  'i have a question',
  'i would like to leave a message',
  'can i leave a message',
  'please take a message',
  'i want to leave a message for the doctor',
  'please have someone call me back',
  'i need to cancel my appointment',
  'i want to cancel my appointment',
  'can i cancel my appointment',
  'i need to reschedule my appointment',
  'can i move my appointment',
  'i want to change my appointment',
  'when is my appointment',
  'do i have an appointment',
  'can you check my appointment',
  'i would like to book an appointment',
  "i'd like to book an appointment",
  'i want to make an appointment',
  'can i schedule an appointment',
  'i need an appointment',
  'do you have anything available',
  'what times do you have',
  'what about another time',
  'is there anything earlier',
  'is there anything later',
  "i don't know",
  'sorry what',
  'can you repeat that',
  'it is urgent',
  'it is not urgent',
  'the first one',
  'the second one',
  'that works',
  'that time works',
  'my number is',
  'use this number',
  'the number i am calling from',
  'please call me back about my bill',
  'i have a question about my bill',
  'i have a toothache',
  'it hurts',
  'my tooth hurts',
  'i lost a filling',
  'i need to talk about my treatment',
];

export interface CorpusOptions {
  /** Sentences drawn from the combinatorial templates (fixed phrases are always included). */
  sampledSentences?: number;
}

/** Generates the caller-side corpus for one business. Output: normalised sentences, duplicates removed. */
export function generateCorpus(brief: BusinessBrief, options: CorpusOptions = {}): string[] {
  const random = seededRandom(0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const services = brief.services.map((service) => normalizeText(service.name)).filter(Boolean);
  if (services.length === 0) services.push('appointment');
  const staff = brief.vocabulary
    .map((word) => normalizeText(word.replace(/\bdr\b\.?/gi, 'doctor')))
    .filter(Boolean);
  const business = normalizeText(brief.name);
  const destinations = brief.transferDestinations.map((destination) => normalizeText(destination.name));
  const pickDay = dayPicker(random);
  const pickTime = timePicker(random);
  const firstNames = COMMON_FIRST_NAMES;
  const surnames = COMMON_SURNAMES;
  const numbers = phoneNumbers(random, 400);

  const sentences = new Set<string>(FIXED_PHRASES);
  sentences.add(business);
  sentences.add(`is this ${business}`);
  sentences.add(`hi is this ${business}`);
  for (const service of services) {
    sentences.add(service);
    for (const form of [
      `i would like a ${service}`,
      `i'd like a ${service}`,
      `i need a ${service}`,
      `a ${service} please`,
      `i want to book a ${service}`,
      `how much is a ${service}`,
      `how much does a ${service} cost`,
      `how long does a ${service} take`,
      `do you do ${service}`,
      `i'd like to book a ${service} appointment`,
    ]) {
      sentences.add(form);
    }
  }
  for (const word of [...staff, ...destinations]) {
    sentences.add(word);
    sentences.add(`can i speak to ${word}`);
    sentences.add(`i'd like to see ${word}`);
    sentences.add(`is ${word} in today`);
    sentences.add(`please put me through to ${word}`);
    sentences.add(`i want to leave a message for ${word}`);
  }
  for (const day of spokenRelativeDays()) sentences.add(day);
  for (const date of spokenCalendarDates()) for (const form of date.forms) sentences.add(form);
  for (const time of spokenClockTimes()) sentences.add(time);

  const templates: Array<() => string> = [
    () => `hi i would like to book an appointment for ${pickDay()} at ${pickTime()}`,
    () => `i'd like to book a ${pick(services)} for ${pickDay()} at ${pickTime()}`,
    () => `can i book a ${pick(services)} ${pickDay()}`,
    () => `i would like to come in ${pickDay()}`,
    () => `${pickDay()} at ${pickTime()}`,
    () => `${pickDay()} at ${pickTime()} please`,
    () => `how about ${pickDay()} at ${pickTime()}`,
    () => `do you have anything ${pickDay()}`,
    () => `is ${pickTime()} available`,
    () => `${pickTime()} ${pickDay()}`,
    () => `at ${pickTime()}`,
    () => `${pickTime()} please`,
    () => `can i move my appointment to ${pickDay()} at ${pickTime()}`,
    () => `my name is ${pick(firstNames)} ${pick(surnames)}`,
    () => `my name is ${pick(firstNames)}`,
    () => `this is ${pick(firstNames)} ${pick(surnames)}`,
    () => `it's ${pick(firstNames)} ${pick(surnames)}`,
    () => `${pick(firstNames)} ${pick(surnames)}`,
    () => `my number is ${pick(numbers)}`,
    () => `my phone number is ${pick(numbers)}`,
    () => `it's ${pick(numbers)}`,
    () => pick(numbers),
    () => `yes a ${pick(services)} ${pickDay()} at ${pickTime()}`,
    () => `please tell ${pick([...staff, ...destinations, 'the doctor', 'them'])} to call me back`,
    () => `i am calling about my ${pick(services)}`,
    () => `this is ${pick(firstNames)} calling about my appointment`,
  ];
  const target = sentences.size + (options.sampledSentences ?? 10_000);
  for (let attempt = 0; attempt < target * 3 && sentences.size < target; attempt++) {
    sentences.add(normalizeText(pick(templates)()));
  }
  return [...sentences].map(normalizeText).filter(Boolean);
}
