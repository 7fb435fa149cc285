/**
 * Open-speech recognition on the phone channel, by category (names, dates, times, numbers, yes/no, free
 * questions): what bench:local's `asr` section and its recogniser choice rest on. Every utterance is
 * spoken by each voice (flite and espeak-ng variants), put through the phone line (300–3400 Hz, 8 kHz
 * μ-law) and decoded through the phone adaptation, one pocketsphinx stream per voice as in a call; the
 * stream's output is aligned with the references (word-alignment.ts) to score each utterance.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PHONE_AUDIO } from '@receptionist/engine';
import {
  CallerAudioDecoder,
  DEBIAN_MODEL_ROOT,
  type OpenVocabulary,
  prepareRecognizerModel,
  type RecognizerModel,
} from '@receptionist/engine/local';
import type { BusinessBrief } from '../packages/engine/src/engine.ts';
import {
  type CallerVoice,
  speakAsCaller,
  throughPhoneChannel,
} from '../packages/engine/src/local/testing/caller-audio.ts';
import { recognizeStream } from './recognize.ts';
import { alignWords } from './word-alignment.ts';

export const ASR_CATEGORIES = {
  names: [
    'my name is maria lopez',
    'this is daniel nguyen',
    'my name is sophie patel',
    'it is james murphy',
    'my name is emily chen',
    'this is carlos rivera',
    'my name is rachel cohen',
    'my name is kevin brooks',
  ],
  dates: [
    'next tuesday',
    'on the twelfth of march',
    'friday the fifth',
    'the day after tomorrow',
    'wednesday next week',
    'march third',
  ],
  times: [
    'at eleven',
    'half past two',
    'around four in the afternoon',
    'ten thirty a m',
    'make it four',
    'the same time',
  ],
  numbers: [
    'my number is five five five two one three four',
    'two one two five five five zero one nine eight',
    'it is three one zero five five five six seven eight nine',
  ],
  yesNo: [
    'yes',
    'no',
    'yes please',
    'yeah that is right',
    'no thank you',
    'nope',
    'that is correct',
    'no that is wrong',
    'sure',
    'yes that works',
  ],
  freeQuestions: [
    'where can i park when i come in',
    'my knee hurts when i run',
    'do you take my insurance',
    'what is your cancellation policy',
    'do you do acupuncture',
    'i would like to book a sports massage',
    'how much is a follow up session',
    'can i fill in the form online',
    'is the clinic open on saturday',
    'i need to move my appointment from tuesday to wednesday',
  ],
} as const;
export type AsrCategory = keyof typeof ASR_CATEGORIES;

/** The physiotherapy practice of issue 21 as the engine sees it (no FAQ words: the open vocabulary's job). */
export const PHYSIO_BRIEF: BusinessBrief = {
  name: 'Riverside Physiotherapy',
  timeZone: 'America/New_York',
  services: [
    { id: 'assessment', name: 'Initial assessment', durationMinutes: 60 },
    { id: 'follow-up', name: 'Follow-up session', durationMinutes: 30 },
    { id: 'massage', name: 'Sports massage', durationMinutes: 45 },
  ],
  transferDestinations: [{ id: 'front-desk', name: 'Front desk' }],
  vocabulary: [],
};

export const ASR_VOICES: CallerVoice[] = ['slt', 'rms', 'awb', 'espeak:m3', 'espeak:f2'];

interface Utterance {
  category: AsrCategory;
  text: string;
}

const utterances: Utterance[] = Object.entries(ASR_CATEGORIES).flatMap(([category, texts]) =>
  texts.map((text) => ({ category: category as AsrCategory, text })),
);

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

/** CPU seconds of this process's reaped children (the recogniser), from /proc/self/stat. */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function phoneStreams(voices: CallerVoice[]): Promise<Map<CallerVoice, Int16Array[]>> {
  const streams = new Map<CallerVoice, Int16Array[]>();
  for (const voice of voices) {
    const decoder = new CallerAudioDecoder(PHONE_AUDIO);
    const stream = [decoder.decode(new Uint8Array(8000).fill(0xff))];
    for (const { text } of utterances) {
      stream.push(decoder.decode(await throughPhoneChannel(await speakAsCaller(text, voice))));
      stream.push(decoder.decode(new Uint8Array(8 * 1200).fill(0xff)));
    }
    streams.set(voice, stream);
  }
  return streams;
}

async function score(model: RecognizerModel, streams: Map<CallerVoice, Int16Array[]>) {
  const errors = new Map<string, number>();
  const words = new Map<string, number>();
  const perVoice: Record<string, number> = {};
  let yesNoRight = 0;
  let yesNoTotal = 0;
  let namesRight = 0;
  let namesTotal = 0;
  let audioSeconds = 0;
  let cpuSeconds = 0;
  let wallSeconds = 0;
  for (const [voice, stream] of streams) {
    audioSeconds += stream.reduce((sum, samples) => sum + samples.length, 0) / 16000;
    const cpuBefore = childCpuSeconds();
    const started = performance.now();
    const heard = await recognizeStream(model, stream);
    wallSeconds += (performance.now() - started) / 1000;
    cpuSeconds += childCpuSeconds() - cpuBefore;
    const references = utterances.map(({ text }) => text.split(' '));
    const alignment = alignWords(references, heard.join(' ').split(' ').filter(Boolean));
    let voiceErrors = 0;
    utterances.forEach(({ category, text }, index) => {
      const count = alignment.errors[index]!;
      voiceErrors += count;
      errors.set(category, (errors.get(category) ?? 0) + count);
      words.set(category, (words.get(category) ?? 0) + text.split(' ').length);
      if (category === 'yesNo') {
        yesNoTotal++;
        const said = text.split(' ')[0] === 'no' || text === 'nope' ? 'no' : 'yes';
        const hyp = alignment.hypotheses[index]!;
        const heardNo = hyp.some((word) => word === 'no' || word === 'nope');
        if ((said === 'no') === heardNo && hyp.length > 0) yesNoRight++;
      }
      if (category === 'names') {
        namesTotal++;
        const name = text.split(' ').slice(-2).join(' ');
        if (alignment.hypotheses[index]!.join(' ').includes(name)) namesRight++;
      }
    });
    perVoice[voice] = round(voiceErrors / references.flat().length);
  }
  const totalErrors = [...errors.values()].reduce((a, b) => a + b, 0);
  const totalWords = [...words.values()].reduce((a, b) => a + b, 0);
  return {
    wer: round(totalErrors / totalWords),
    werByCategory: Object.fromEntries(
      [...errors].map(([category, count]) => [category, round(count / words.get(category)!)]),
    ),
    werByVoice: perVoice,
    yesNoAccuracy: round(yesNoRight / yesNoTotal),
    namesHeardExactly: round(namesRight / namesTotal),
    realTimeFactor: { cpu: round(cpuSeconds / audioSeconds), wall: round(wallSeconds / audioSeconds) },
    vocabularySize: model.vocabularySize,
  };
}

export interface AsrCandidate {
  name: string;
  model: (cacheDir: string) => Promise<RecognizerModel>;
}

const openCandidate = (open: OpenVocabulary): AsrCandidate => ({
  name: `business trigrams + general unigrams (${open.generalWords} words, weight ${open.weight})`,
  model: (cacheDir) => prepareRecognizerModel(PHYSIO_BRIEF, 'phone', { cacheDir, openVocabulary: open }),
});

export const ASR_CANDIDATES: AsrCandidate[] = [
  openCandidate({ generalWords: 20_000, weight: 0.1 }),
  {
    name: 'closed business vocabulary (before issue 21)',
    model: (cacheDir) => prepareRecognizerModel(PHYSIO_BRIEF, 'phone', { cacheDir, openVocabulary: false }),
  },
  {
    name: 'general en-us.lm.bin (133k words) through the phone adaptation',
    model: async (cacheDir) => ({
      ...(await prepareRecognizerModel(PHYSIO_BRIEF, 'phone', { cacheDir, openVocabulary: false })),
      languageModelPath: path.join(DEBIAN_MODEL_ROOT, 'en-us.lm.bin'),
      dictionaryPath: path.join(DEBIAN_MODEL_ROOT, 'cmudict-en-us.dict'),
      vocabularySize: 133_000,
    }),
  },
];

/** The extra grid `--only asr-grid` measures to choose the open vocabulary's size and weight. */
export const ASR_GRID: AsrCandidate[] = [
  openCandidate({ generalWords: 20_000, weight: 0.03 }),
  openCandidate({ generalWords: 20_000, weight: 0.3 }),
  openCandidate({ generalWords: 5_000, weight: 0.1 }),
  openCandidate({ generalWords: 60_000, weight: 0.1 }),
];

export async function asrSection(candidates: AsrCandidate[], voices = ASR_VOICES) {
  const cacheDir = path.join(os.tmpdir(), 'receptionist-local-engine-bench');
  const streams = await phoneStreams(voices);
  const results = [];
  for (const candidate of candidates) {
    results.push({ name: candidate.name, ...(await score(await candidate.model(cacheDir), streams)) });
  }
  return {
    utterancesPerVoice: utterances.length,
    voices: voices.map((voice) =>
      voice.startsWith('espeak:') ? `espeak-ng en-us+${voice.slice(7)}` : `flite ${voice}`,
    ),
    channel: 'phone (300–3400 Hz, 8 kHz μ-law) through the phone adaptation (cmninit + phone-adapted means)',
    candidates: results,
  };
}
