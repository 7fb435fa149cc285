import { readWav, resample } from '@receptionist/audio';
import type { BusinessBrief } from '../../engine.ts';
import { RECOGNIZER_SAMPLE_RATE } from '../audio/convert.ts';
import { LocalEngineError } from '../errors.ts';
import { type ModelFileOptions, prepareRecognizerModel } from './model-files.ts';
import { PocketsphinxRecognizer } from './pocketsphinx.ts';

export interface TranscribeRecordingOptions extends ModelFileOptions {
  /** Shapes the language model (business name, services, staff names); a generic one without it. */
  brief?: BusinessBrief | undefined;
  /** Gives up (and ends pocketsphinx) after this long: a recording must not hold a worker forever. */
  timeoutMs?: number | undefined;
}

const GENERIC_BRIEF: BusinessBrief = {
  name: 'the office',
  timeZone: 'UTC',
  services: [],
  transferDestinations: [],
  vocabulary: [],
};

/** Trailing silence so pocketsphinx's endpointer closes the last utterance before stdin ends. */
const TAIL_SILENCE_MS = 1_500;
const CHUNK_SAMPLES = RECOGNIZER_SAMPLE_RATE / 10;

/** Mono by averaging channels (Twilio's dual-channel recordings put each side on its own channel). */
function toMono(samples: Int16Array, channels: number): Int16Array {
  if (channels <= 1) return samples;
  const mono = new Int16Array(Math.floor(samples.length / channels));
  for (let frame = 0; frame < mono.length; frame++) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel++) sum += samples[frame * channels + channel] ?? 0;
    mono[frame] = Math.round(sum / channels);
  }
  return mono;
}

/**
 * Transcribes a whole recording (a voicemail) with the offline recogniser: the WAV is decoded, mixed to
 * mono, resampled to 16 kHz with the band-limited resampler, and fed to one pocketsphinx process faster
 * than real time (it endpoints on audio time, not wall time). Recordings at 8 kHz or less use the phone
 * model (research/offline-speech.md §2). Returns the utterances joined by spaces; '' when nothing was heard.
 */
export async function transcribeRecording(
  wav: Uint8Array,
  options: TranscribeRecordingOptions = {},
): Promise<string> {
  const audio = readWav(wav);
  const mono = toMono(audio.samples, audio.channels);
  const samples =
    audio.sampleRate === RECOGNIZER_SAMPLE_RATE
      ? mono
      : resample(mono, audio.sampleRate, RECOGNIZER_SAMPLE_RATE);
  const channel = audio.sampleRate <= 8_000 ? 'phone' : 'wideband';
  const model = await prepareRecognizerModel(options.brief ?? GENERIC_BRIEF, channel, options);
  const heard: string[] = [];
  let failure: LocalEngineError | undefined;
  const recognizer = new PocketsphinxRecognizer(model, {
    onHypothesis: (text) => heard.push(text),
    onExit: (error) => {
      failure = error;
    },
  });
  const timeoutMs = options.timeoutMs ?? 120_000;
  const timer = setTimeout(() => {
    failure = new LocalEngineError('speech_failed', `transcription took longer than ${timeoutMs} ms`);
    void recognizer.close(0);
  }, timeoutMs);
  try {
    for (let offset = 0; offset < samples.length; offset += CHUNK_SAMPLES) {
      recognizer.write(samples.subarray(offset, offset + CHUNK_SAMPLES));
    }
    recognizer.write(new Int16Array((RECOGNIZER_SAMPLE_RATE * TAIL_SILENCE_MS) / 1000));
    // Closing stdin makes pocketsphinx flush its last hypothesis and exit; close() waits for stdout to drain.
    await recognizer.close(timeoutMs);
  } finally {
    clearTimeout(timer);
  }
  if (failure !== undefined) throw failure;
  return heard.join(' ').trim();
}
