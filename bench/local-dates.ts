/**
 * The `dates` block of bench:local: every month × day of a leap year, spoken by flite voices through the
 * phone channel, recognised with the business's generated language model and read by the dialogue's date
 * parser. Each date is said in one of its three forms ("december fourth", "the fourth of december",
 * "december the fourth"), rotating, so every form is measured and each voice says all 366 dates.
 */
import os from 'node:os';
import path from 'node:path';
import type { BusinessBrief } from '@receptionist/engine';
import { PHONE_AUDIO } from '@receptionist/engine';
import { CallerAudioDecoder, prepareRecognizerModel, type RecognizerModel } from '@receptionist/engine/local';
import { DateTime } from 'luxon';
import { spokenCalendarDates } from '../packages/engine/src/local/stt/spoken-when.ts';
import {
  type CallerVoice,
  speakAsCaller,
  throughPhoneChannel,
} from '../packages/engine/src/local/testing/caller-audio.ts';
import { parseWhen } from '../packages/receptionist/src/offline/datetime.ts';
import { recognizeStream, stockModel } from './recognize.ts';
import { alignWords } from './word-alignment.ts';

/** New Year's morning 2028 in the business's zone: every date said is that year's, February 29 included. */
const TODAY = { iso: '2028-01-01T09:00', zone: 'America/New_York' };
/** Silence between utterances: longer than the recogniser's end-of-utterance wait, as between turns. */
const GAP_MS = 1200;

interface Utterance {
  text: string;
  expectedDate: string;
  form: number;
}

function utterancesFor(voiceIndex: number): Utterance[] {
  return spokenCalendarDates().map((date, index) => {
    const form = (index + voiceIndex) % 3;
    return {
      text: date.forms[form as 0 | 1 | 2],
      expectedDate: `2028-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`,
      form,
    };
  });
}

/** The voice's utterances after the phone line, as the recogniser hears them, with silence between. */
async function phoneStream(utterances: Utterance[], voice: CallerVoice): Promise<Int16Array[]> {
  const decoder = new CallerAudioDecoder(PHONE_AUDIO);
  const stream = [decoder.decode(new Uint8Array(8000).fill(0xff))];
  for (const utterance of utterances) {
    stream.push(decoder.decode(await throughPhoneChannel(await speakAsCaller(utterance.text, voice))));
    stream.push(decoder.decode(new Uint8Array(8 * GAP_MS).fill(0xff)));
  }
  return stream;
}

interface Scored {
  voice: CallerVoice;
  text: string;
  form: number;
  heard: string;
  errors: number;
  understood: boolean;
}

function score(
  model: RecognizerModel,
  streams: Array<{ voice: CallerVoice; utterances: Utterance[]; stream: Int16Array[] }>,
) {
  const today = DateTime.fromISO(TODAY.iso, { zone: TODAY.zone });
  return Promise.all(
    streams.map(async ({ voice, utterances, stream }): Promise<Scored[]> => {
      const heard = await recognizeStream(model, stream);
      // Words are aligned over the whole stream, so an utterance the recogniser split or merged with its
      // neighbour is still scored against its own reference words.
      const aligned = alignWords(
        utterances.map((utterance) => utterance.text.split(' ')),
        heard.join(' ').split(' ').filter(Boolean),
      );
      return utterances.map((utterance, index) => {
        const hypothesis = (aligned.hypotheses[index] ?? []).join(' ');
        return {
          voice,
          text: utterance.text,
          form: utterance.form,
          heard: hypothesis,
          errors: aligned.errors[index] ?? 0,
          understood: parseWhen(hypothesis, today).date === utterance.expectedDate,
        };
      });
    }),
  ).then((perVoice) => perVoice.flat());
}

function summarize(scored: Scored[]) {
  const rate = (items: Scored[]): number =>
    Number((items.filter((item) => item.understood).length / Math.max(1, items.length)).toFixed(4));
  const words = scored.reduce((sum, item) => sum + item.text.split(' ').length, 0);
  const errors = scored.reduce((sum, item) => sum + item.errors, 0);
  const voices = [...new Set(scored.map((item) => item.voice))];
  return {
    wer: Number((errors / words).toFixed(4)),
    understoodRate: rate(scored),
    byVoice: Object.fromEntries(
      voices.map((voice) => [voice, rate(scored.filter((item) => item.voice === voice))]),
    ),
    byForm: Object.fromEntries(
      FORM_NAMES.map((name, form) => [name, rate(scored.filter((item) => item.form === form))]),
    ),
  };
}

const FORM_NAMES = ['month ordinal', 'the ordinal of month', 'month the ordinal'] as const;

export async function datesSection(
  brief: BusinessBrief,
  voices: CallerVoice[],
): Promise<Record<string, unknown>> {
  const ours = await prepareRecognizerModel(brief, 'phone', {
    cacheDir: path.join(os.tmpdir(), 'receptionist-local-engine-bench'),
  });
  const streams = await Promise.all(
    voices.map(async (voice, voiceIndex) => {
      const utterances = utterancesFor(voiceIndex);
      return { voice, utterances, stream: await phoneStream(utterances, voice) };
    }),
  );
  const oursScored = await score(ours, streams);
  const peerScored = await score(stockModel(), streams);
  const oursSummary = summarize(oursScored);
  const peerSummary = summarize(peerScored);
  return {
    utterances: oursScored.length,
    voices: voices.map((voice) => `flite ${voice}`),
    channel: 'phone (300–3400 Hz, 8 kHz μ-law)',
    today: TODAY,
    ...oursSummary,
    targets: { werMax: 0.03, understoodRateMin: 0.97 },
    targetsMet: { wer: oursSummary.wer <= 0.03, understoodRate: oursSummary.understoodRate >= 0.97 },
    peer: { name: 'pocketsphinx stock (en-us.lm.bin 133k words, wideband cmninit)', ...peerSummary },
    ratioPeerToOurs: {
      wer: Number((peerSummary.wer / Math.max(oursSummary.wer, 0.001)).toFixed(1)),
    },
    misunderstood: oursScored
      .filter((item) => !item.understood)
      .map((item) => `${item.voice}: "${item.text}" heard "${item.heard}"`),
  };
}
