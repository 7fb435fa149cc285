import type { BusinessBrief } from '../../engine.ts';
import { MONTHS, normalizeText, numberToWords, ordinalToWords, WEEKDAYS } from '../language/words.ts';
import { spokenCalendarDates, spokenClockTimes, spokenRelativeDays } from './spoken-when.ts';

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
  // More of the Social Security Administration's most given names (issue 21: callers' own names).
  'carlos jose luis juan jason justin brandon tyler aaron adam nathan kyle samuel benjamin henry jack noah',
  'liam ethan lucas logan oliver frank ava isabella mia charlotte amelia evelyn abigail madison chloe',
  'natalie hannah victoria lauren samantha rachel nicole megan julia sophie diana angela heather christina',
  'katherine ruth janet julie teresa sara kimberly omar',
]
  .join(' ')
  .split(' ');

export const COMMON_SURNAMES = [
  'smith johnson williams brown jones garcia miller davis rodriguez martinez wilson anderson taylor thomas',
  'moore jackson martin lee thompson white harris clark lewis robinson walker young allen king wright scott',
  'green baker adams nelson hill campbell mitchell roberts carter phillips evans turner parker collins',
  // The rest of the US Census Bureau's 100 most common surnames (2010), and a few more frequent ones.
  'hernandez lopez gonzalez perez sanchez ramirez torres nguyen flores hall rivera gomez diaz cruz edwards',
  'reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly',
  'howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes',
  'price alvarez castillo sanders patel myers long ross foster jimenez chen cohen hassan',
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
 * The times and days the templates below are filled with. They are kept as they were when the scenarios
 * were tuned: the sampled sentences decide the trigrams ("whitening next wednesday"), and a re-drawn sample
 * moved which of two similar words won for a given voice. Every other date and time form is added whole
 * after the sample (see generateCorpus), so coverage does not depend on it.
 */
function spokenTimes(): string[] {
  const times: string[] = [];
  for (let hour = 1; hour <= 12; hour++) {
    const word = numberToWords(hour);
    for (const suffix of ['a m', 'p m', "o'clock", '']) {
      times.push(`${word} ${suffix}`.trim());
      times.push(`${word} thirty ${suffix}`.trim());
    }
    times.push(`${word} fifteen`, `${word} forty five`, `half past ${word}`, `quarter past ${word}`);
  }
  times.push(
    'noon',
    'midday',
    'nine in the morning',
    'three in the afternoon',
    'the morning',
    'the afternoon',
  );
  return times;
}

function spokenDays(): string[] {
  const days = ['today', 'tomorrow', 'the day after tomorrow', 'next week', 'this week'];
  for (const weekday of WEEKDAYS) days.push(weekday, `next ${weekday}`, `this ${weekday}`, `on ${weekday}`);
  for (const month of MONTHS) {
    for (const day of [1, 2, 3, 5, 10, 12, 15, 20, 21, 22, 23, 25, 28, 30, 31]) {
      days.push(`${month} ${ordinalToWords(day)}`, `the ${ordinalToWords(day)} of ${month}`);
    }
  }
  for (let day = 1; day <= 31; day++) days.push(`the ${ordinalToWords(day)}`);
  return days;
}

/**
 * How callers give their name, enumerated rather than sampled: every first name in the same sentences and
 * every surname equally often, on top of the sampled name templates.
 */
function nameSentences(firstNames: readonly string[], surnames: readonly string[]): string[] {
  const sentences: string[] = [];
  firstNames.forEach((first, index) => {
    const surname = (k: number): string => surnames[(index * 4 + k) % surnames.length]!;
    const reason = MESSAGE_REASONS[index % MESSAGE_REASONS.length]!;
    sentences.push(
      // A message's reason in the same breath as the name.
      `this is ${first} ${surname(0)} and i have a question about ${reason}`,
      `this is ${first} ${surname(2)} and it is about ${reason}`,
      `my name is ${first} ${surname(0)}`,
      `this is ${first} ${surname(1)}`,
      `it's ${first} ${surname(2)}`,
      `${first} ${surname(3)}`,
      `my name is ${first}`,
      `this is ${first} calling about my appointment`,
    );
  });
  return sentences;
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

/**
 * What callers commonly leave a message about, whatever the business: paperwork, money, the body (clinics),
 * the house (trades), the pet (vets). A reason outside the business's own words is otherwise unhearable
 * ("about my knee" came out "about my major"), and a message with its reason lost is worth little.
 */
const MESSAGE_TOPICS = (
  'record records notes form forms letter referral report results scan x-ray test receipt deposit payment ' +
  'invoice bill statement quote estimate refund balance card claim warranty guarantee contract order ' +
  'delivery parts booking reservation voucher gift membership subscription plan pain knee back neck ' +
  'shoulder hip ankle foot wrist elbow hand leg arm tooth teeth skin eye ear hair nails injury ' +
  'exercises recovery surgery dog cat puppy kitten pet food diet vaccine vaccination medicine ' +
  'boiler heater radiator pipe pipes tap sink toilet shower roof window door lock alarm meter leak'
)
  .split(' ')
  .flatMap((topic) => [`my ${topic}`, `the ${topic}`]);

/** What a message is about, in the words callers use anywhere (not one business's). */
const MESSAGE_REASONS = [
  'my invoice',
  'the invoice you sent',
  'my bill',
  'a quote',
  'an estimate',
  'my insurance',
  'my medication',
  'my prescription',
  'my results',
  'a refund',
  'my order',
  'my account',
  'the payment',
  'a problem',
  'my treatment',
  'my last visit',
  'a complaint',
  'the price',
  ...MESSAGE_TOPICS,
];

/** Words of a business's sentences too common to be what a message is about. */
const NOT_REASONS = new Set(
  'about after again also before being call calls could from have here just more must only other over please some than that their them then there these they this those through what when where which while will with would your yours'.split(
    ' ',
  ),
);

/**
 * What a message to this business may be about, in its own words: "the color i had last week", "my
 * medication" (the nouns of its services, FAQ and description; a word of four letters or more stands in
 * for a noun, as the business's sentences are short and mostly nouns and verbs).
 */
function businessReasons(services: readonly string[], phrases: readonly string[]): string[] {
  const words = new Set(
    phraseSentences(phrases)
      .flatMap((sentence) => sentence.split(' '))
      .filter((word) => /^[a-z]{4,}$/.test(word) && !NOT_REASONS.has(word)),
  );
  return [
    ...services.flatMap((service) => [`my ${service}`, `the ${service} i had last week`]),
    ...[...words].map((word) => `my ${word}`),
  ];
}

/** A business's own sentences split into clauses, each a sentence of the corpus. */
function phraseSentences(phrases: readonly string[]): string[] {
  return phrases
    .flatMap((phrase) => phrase.split(/[.,;:!?()]+/))
    .map((clause) => normalizeText(clause))
    .filter((clause) => clause.split(' ').length >= 2);
}

export interface CorpusOptions {
  /** Sentences drawn from the combinatorial templates (fixed phrases are always included). */
  sampledSentences?: number;
}

/** How many times the templates' sentences count against the enumerated dates, times and names. */
const SAMPLE_WEIGHT = 4;

/**
 * Generates the caller-side corpus for one business: normalised sentences. A sentence repeated in the list
 * counts that many times in the language model (see SAMPLE_WEIGHT).
 */
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
  const days = spokenDays();
  const times = spokenTimes();
  // A calendar date drawn for a template is re-drawn uniformly over all 366 dates and their three forms,
  // from a stream of its own: the main stream, and so every other word of the sample, stays as it was,
  // while no day of the month is likelier than another (the 15 listed days once made "march sixteenth"
  // come out "march fifteenth").
  const calendarForms = spokenCalendarDates().flatMap((date) => date.forms);
  const listedCalendarDays = new Set(days.filter((day) => MONTHS.some((month) => day.includes(month))));
  const dateRandom = seededRandom(0xda7e);
  const pickDay = (): string => {
    const day = pick(days);
    if (!listedCalendarDays.has(day)) return day;
    return calendarForms[Math.floor(dateRandom() * calendarForms.length)]!;
  };
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
  for (const day of days) sentences.add(day);
  for (const time of times) sentences.add(time);
  for (const sentence of phraseSentences(brief.phrases ?? [])) sentences.add(sentence);
  for (const reason of [...MESSAGE_REASONS, ...businessReasons(services, brief.phrases ?? [])]) {
    sentences.add(`please call me back about ${reason}`);
    sentences.add(`it is about ${reason}`);
    sentences.add(`i have a question about ${reason}`);
  }

  const templates: Array<() => string> = [
    () => `hi i would like to book an appointment for ${pickDay()} at ${pick(times)}`,
    () => `i'd like to book a ${pick(services)} for ${pickDay()} at ${pick(times)}`,
    () => `can i book a ${pick(services)} ${pickDay()}`,
    () => `i would like to come in ${pickDay()}`,
    () => `${pickDay()} at ${pick(times)}`,
    () => `${pickDay()} at ${pick(times)} please`,
    () => `how about ${pickDay()} at ${pick(times)}`,
    () => `do you have anything ${pickDay()}`,
    () => `is ${pick(times)} available`,
    () => `${pick(times)} ${pickDay()}`,
    () => `at ${pick(times)}`,
    () => `${pick(times)} please`,
    () => `can i move my appointment to ${pickDay()} at ${pick(times)}`,
    () => `my name is ${pick(firstNames)} ${pick(surnames)}`,
    () => `my name is ${pick(firstNames)}`,
    () => `this is ${pick(firstNames)} ${pick(surnames)}`,
    () => `it's ${pick(firstNames)} ${pick(surnames)}`,
    () => `${pick(firstNames)} ${pick(surnames)}`,
    () => `my number is ${pick(numbers)}`,
    () => `my phone number is ${pick(numbers)}`,
    () => `it's ${pick(numbers)}`,
    () => pick(numbers),
    () => `yes a ${pick(services)} ${pickDay()} at ${pick(times)}`,
    () => `please tell ${pick([...staff, ...destinations, 'the doctor', 'them'])} to call me back`,
    () => `i am calling about my ${pick(services)}`,
    () => `this is ${pick(firstNames)} calling about my appointment`,
  ];
  const target = sentences.size + (options.sampledSentences ?? 8000);
  for (let attempt = 0; attempt < target * 3 && sentences.size < target; attempt++) {
    sentences.add(normalizeText(pick(templates)()));
  }
  // Every date and time a caller can say, and every name, each once: added after the sample so the
  // sample's own sentences stay the same (see spokenTimes). They are 3,800 short sentences, so the sample is
  // counted SAMPLE_WEIGHT times: once, they moved where sentences start ("<s> october") enough that "can i
  // talk to a person" was heard as "can i october ten please".
  const enumerated = new Set<string>();
  for (const date of spokenCalendarDates()) for (const form of date.forms) enumerated.add(form);
  for (const day of spokenRelativeDays()) enumerated.add(day);
  for (const time of spokenClockTimes()) enumerated.add(time);
  for (const sentence of nameSentences(firstNames, surnames)) enumerated.add(sentence);
  // The 15 listed days per month were sentences of their own too; they count once, like every other date.
  const sampled = [...sentences].filter((sentence) => !listedCalendarDays.has(sentence));
  const weighted = Array.from({ length: SAMPLE_WEIGHT }, () => sampled).flat();
  const inSample = new Set(sampled);
  return [...weighted, ...[...enumerated].filter((sentence) => !inSample.has(sentence))].map(normalizeText);
}
