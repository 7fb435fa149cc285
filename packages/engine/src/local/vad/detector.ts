import type { SpeechProbabilityModel } from './speech-model.ts';

export interface VadSettings {
  /** Probability at or above which a frame starts speech. */
  startThreshold: number;
  /** Probability below which a frame counts as silence (hysteresis). */
  stopThreshold: number;
  /** Silence needed after speech before the caller counts as stopped. */
  minSilenceMs: number;
}

export const DEFAULT_VAD_SETTINGS: VadSettings = {
  startThreshold: 0.5,
  stopThreshold: 0.35,
  minSilenceMs: 300,
};

export interface VadEvents {
  /** `atMs` is stream time (ms of audio since the call started). */
  onSpeechStart(atMs: number): void;
  /** `lastSpeechAtMs` is the stream time of the end of the last speech frame. */
  onSpeechEnd(lastSpeechAtMs: number): void;
  /** The model failed; detection stops (the recognizer's own endpointing still works). */
  onError(error: unknown): void;
}

const SAMPLE_RATE = 16000;

/**
 * Turns per-frame speech probabilities into start/stop events. Frames are scored strictly in order
 * (the model is recurrent), so calls queue behind each other.
 */
export class VoiceActivityDetector {
  readonly #model: SpeechProbabilityModel;
  readonly #settings: VadSettings;
  readonly #events: VadEvents;
  readonly #frame: Float32Array;
  #filled = 0;
  #framesScored = 0;
  #speaking = false;
  #lastSpeechEndMs = 0;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    model: SpeechProbabilityModel,
    events: VadEvents,
    settings: VadSettings = DEFAULT_VAD_SETTINGS,
  ) {
    this.#model = model;
    this.#events = events;
    this.#settings = settings;
    this.#frame = new Float32Array(model.frameSamples);
  }

  get speaking(): boolean {
    return this.#speaking;
  }

  get modelName(): string {
    return this.#model.name;
  }

  /** Queues 16 kHz audio; resolves when every complete frame in it has been scored. */
  push(samples: Int16Array): Promise<void> {
    const frames: Float32Array[] = [];
    for (const sample of samples) {
      this.#frame[this.#filled++] = sample / 32768;
      if (this.#filled === this.#frame.length) {
        frames.push(this.#frame.slice());
        this.#filled = 0;
      }
    }
    if (frames.length === 0) return this.#queue;
    this.#queue = this.#queue.then(async () => {
      try {
        for (const frame of frames) {
          if (this.#closed) return;
          this.#score(await this.#model.probability(frame));
        }
      } catch (error) {
        this.#closed = true;
        this.#events.onError(error);
      }
    });
    return this.#queue;
  }

  #score(probability: number): void {
    const frameMs = (this.#model.frameSamples / SAMPLE_RATE) * 1000;
    const frameStartMs = this.#framesScored * frameMs;
    this.#framesScored++;
    const frameEndMs = frameStartMs + frameMs;
    if (!this.#speaking) {
      if (probability >= this.#settings.startThreshold) {
        this.#speaking = true;
        this.#lastSpeechEndMs = frameEndMs;
        this.#events.onSpeechStart(frameStartMs);
      }
      return;
    }
    if (probability >= this.#settings.stopThreshold) {
      this.#lastSpeechEndMs = frameEndMs;
    } else if (frameEndMs - this.#lastSpeechEndMs >= this.#settings.minSilenceMs) {
      this.#speaking = false;
      this.#events.onSpeechEnd(this.#lastSpeechEndMs);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue.catch(() => undefined);
    await this.#model.close();
  }
}
