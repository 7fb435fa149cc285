/**
 * The simulated caller's voice: flite speaks a line into a WAV (16 kHz for the slt/rms/awb/kal16 voices),
 * which becomes 8 kHz μ-law — exactly what Twilio carries — through @receptionist/audio's band-limited
 * resampler and G.711 codec. flite, not espeak: the local engine's pocketsphinx recognizes flite speech far
 * better (research/offline-speech.md). Lines are cached: scenarios repeat them.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mulawEncode, readWav, resample } from '@receptionist/audio';
import { CallerError } from '../errors.ts';

const run = promisify(execFile);
const PHONE_SAMPLE_RATE = 8000;

export type CallerVoiceName = 'slt' | 'rms' | 'awb' | 'kal16';

export class CallerVoice {
  readonly #cache = new Map<string, Promise<Uint8Array>>();
  readonly #fliteCommand: string;
  #workDir: Promise<string> | undefined;

  constructor(options: { fliteCommand?: string } = {}) {
    this.#fliteCommand = options.fliteCommand ?? 'flite';
  }

  /** μ-law 8 kHz audio of `text` spoken by `voice`. */
  speak(text: string, voice: CallerVoiceName = 'slt'): Promise<Uint8Array> {
    const key = `${voice}\u0000${text}`;
    let audio = this.#cache.get(key);
    if (!audio) {
      audio = this.#synthesize(text, voice);
      audio.catch(() => this.#cache.delete(key));
      this.#cache.set(key, audio);
    }
    return audio;
  }

  async #synthesize(text: string, voice: CallerVoiceName): Promise<Uint8Array> {
    this.#workDir ??= mkdtemp(join(tmpdir(), 'caller-voice-'));
    const file = join(await this.#workDir, `${this.#cache.size}-${Date.now()}.wav`);
    try {
      // flite cannot write WAV to a pipe (it opens the output path itself), hence the file.
      await run(this.#fliteCommand, ['-voice', voice, '-t', text, '-o', file]);
      const wav = readWav(await readFile(file));
      if (wav.channels !== 1) throw new Error(`flite wrote ${wav.channels} channels, expected mono`);
      const phoneRate = resample(wav.samples, wav.sampleRate, PHONE_SAMPLE_RATE);
      return mulawEncode(phoneRate);
    } catch (error) {
      throw new CallerError(
        'speech_synthesis_failed',
        `flite could not speak "${text}": ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Removes the temporary folder. */
  async dispose(): Promise<void> {
    const dir = await this.#workDir;
    this.#workDir = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
