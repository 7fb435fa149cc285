/**
 * Energy voice-activity detector: a dependency-free fallback for the Silero VAD and the VAD of tests.
 * Frames (default 20 ms) are loud when their level clears a threshold — fixed in dBFS, or adaptive: the
 * noise floor (lowest frame level over a sliding window, "minimum statistics") plus a margin. Speech
 * starts after `minSpeechMs` of consecutive loud frames (so clicks don't count) and ends after
 * `hangoverMs` of quiet (so pauses between words don't split an utterance).
 */
import { assertPositiveInteger, InvalidAudioArgumentError } from '../errors.ts';
import { rmsToDbfs } from '../level.ts';

export type VadThreshold =
  | { kind: 'fixed'; dbfs: number }
  | {
      kind: 'adaptive';
      /** How far above the noise floor speech must be. Default 12 dB. */
      marginDb?: number;
      /** The threshold never drops below this, so digital silence doesn't make hiss "speech". Default -50. */
      minDbfs?: number;
      /** Span of the noise-floor minimum; longer than a sentence, short enough to follow a change. Default 3000. */
      noiseWindowMs?: number;
    };

export interface EnergyVadOptions {
  sampleRate: number;
  frameMs?: number;
  threshold?: VadThreshold;
  minSpeechMs?: number;
  hangoverMs?: number;
}

export type VadEvent =
  | {
      type: 'speech_start';
      /** Start of the first loud frame of the utterance, in ms of stream time. */
      atMs: number;
      /** When the detector became sure (after minSpeechMs), in ms of stream time. */
      detectedAtMs: number;
    }
  | {
      type: 'speech_end';
      /** End of the last loud frame. */
      atMs: number;
      /** When the hangover expired (or the stream was flushed). */
      detectedAtMs: number;
    };

export const DEFAULT_VAD_FRAME_MS = 20;
export const DEFAULT_MIN_SPEECH_MS = 100;
export const DEFAULT_HANGOVER_MS = 300;

export class EnergyVad {
  readonly sampleRate: number;
  readonly frameMs: number;
  readonly #frameSamples: number;
  readonly #threshold:
    | Required<Extract<VadThreshold, { kind: 'adaptive' }>>
    | Extract<VadThreshold, { kind: 'fixed' }>;
  readonly #minSpeechMs: number;
  readonly #hangoverMs: number;
  // Frame being accumulated (energy only; chunks may split frames anywhere).
  #frameEnergy = 0;
  #frameFill = 0;
  #framesDone = 0;
  // Noise floor ring buffer of recent frame levels.
  readonly #levels: Float64Array;
  #levelCount = 0;
  #levelNext = 0;
  // Detection state.
  #speaking = false;
  #loudRunMs = 0;
  #loudRunStartMs = 0;
  #quietRunMs = 0;
  #lastLoudEndMs = 0;
  #lastLevelDbfs = Number.NEGATIVE_INFINITY;

  constructor(options: EnergyVadOptions) {
    assertPositiveInteger('sampleRate', options.sampleRate);
    this.sampleRate = options.sampleRate;
    this.frameMs = options.frameMs ?? DEFAULT_VAD_FRAME_MS;
    this.#frameSamples = (this.sampleRate * this.frameMs) / 1000;
    assertPositiveInteger('samples per frame (sampleRate × frameMs / 1000)', this.#frameSamples);
    this.#minSpeechMs = nonNegative('minSpeechMs', options.minSpeechMs ?? DEFAULT_MIN_SPEECH_MS);
    this.#hangoverMs = nonNegative('hangoverMs', options.hangoverMs ?? DEFAULT_HANGOVER_MS);
    const threshold = options.threshold ?? { kind: 'adaptive' };
    if (threshold.kind === 'fixed') {
      if (!Number.isFinite(threshold.dbfs))
        throw new InvalidAudioArgumentError('threshold.dbfs must be finite');
      this.#threshold = threshold;
    } else {
      this.#threshold = {
        kind: 'adaptive',
        marginDb: nonNegative('threshold.marginDb', threshold.marginDb ?? 12),
        minDbfs: threshold.minDbfs ?? -50,
        noiseWindowMs: nonNegative('threshold.noiseWindowMs', threshold.noiseWindowMs ?? 3000),
      };
    }
    const windowFrames =
      this.#threshold.kind === 'adaptive' ? this.#threshold.noiseWindowMs / this.frameMs : 1;
    this.#levels = new Float64Array(Math.max(1, Math.ceil(windowFrames)));
  }

  get speaking(): boolean {
    return this.#speaking;
  }

  /** Level of the last complete frame, dBFS. */
  get lastLevelDbfs(): number {
    return this.#lastLevelDbfs;
  }

  /** Current noise floor estimate (adaptive mode), dBFS; undefined before the first frame or in fixed mode. */
  get noiseFloorDbfs(): number | undefined {
    if (this.#threshold.kind === 'fixed' || this.#levelCount === 0) return undefined;
    let floor = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.#levelCount; i++) floor = Math.min(floor, this.#levels[i]!);
    return floor;
  }

  /** Level a frame must reach to count as loud right now, dBFS. */
  get thresholdDbfs(): number {
    if (this.#threshold.kind === 'fixed') return this.#threshold.dbfs;
    const floor = this.noiseFloorDbfs ?? this.#threshold.minDbfs;
    return Math.max(floor + this.#threshold.marginDb, this.#threshold.minDbfs);
  }

  /** Feeds audio (PCM16, or Float32 in [-1, 1]) of any length; returns the events it completes. */
  process(samples: Int16Array | Float32Array): VadEvent[] {
    const events: VadEvent[] = [];
    const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
    for (let i = 0; i < samples.length; i++) {
      const value = samples[i]! * scale;
      this.#frameEnergy += value * value;
      if (++this.#frameFill === this.#frameSamples) {
        const level = rmsToDbfs(Math.sqrt(this.#frameEnergy / this.#frameSamples));
        this.#frameEnergy = 0;
        this.#frameFill = 0;
        this.#onFrame(level, events);
      }
    }
    return events;
  }

  /** End of stream: closes an open utterance at the end of its last loud frame. */
  flush(): VadEvent[] {
    const events: VadEvent[] = [];
    if (this.#speaking) {
      const endMs = this.#quietRunMs > 0 ? this.#lastLoudEndMs : this.#nowMs();
      events.push({ type: 'speech_end', atMs: endMs, detectedAtMs: this.#nowMs() });
    }
    this.#speaking = false;
    this.#loudRunMs = 0;
    this.#quietRunMs = 0;
    return events;
  }

  #nowMs(): number {
    return this.#framesDone * this.frameMs + (this.#frameFill * 1000) / this.sampleRate;
  }

  #onFrame(level: number, events: VadEvent[]): void {
    this.#lastLevelDbfs = level;
    if (this.#threshold.kind === 'adaptive') {
      this.#levels[this.#levelNext] = level;
      this.#levelNext = (this.#levelNext + 1) % this.#levels.length;
      this.#levelCount = Math.min(this.#levelCount + 1, this.#levels.length);
    }
    const loud = level >= this.thresholdDbfs;
    const frameStartMs = this.#framesDone * this.frameMs;
    this.#framesDone++;
    const frameEndMs = this.#framesDone * this.frameMs;

    if (!this.#speaking) {
      if (!loud) {
        this.#loudRunMs = 0;
        return;
      }
      if (this.#loudRunMs === 0) this.#loudRunStartMs = frameStartMs;
      this.#loudRunMs += this.frameMs;
      if (this.#loudRunMs >= this.#minSpeechMs) {
        this.#speaking = true;
        this.#quietRunMs = 0;
        this.#loudRunMs = 0;
        events.push({ type: 'speech_start', atMs: this.#loudRunStartMs, detectedAtMs: frameEndMs });
      }
      return;
    }
    if (loud) {
      this.#quietRunMs = 0;
      return;
    }
    if (this.#quietRunMs === 0) this.#lastLoudEndMs = frameStartMs;
    this.#quietRunMs += this.frameMs;
    if (this.#quietRunMs >= this.#hangoverMs) {
      this.#speaking = false;
      this.#quietRunMs = 0;
      events.push({ type: 'speech_end', atMs: this.#lastLoudEndMs, detectedAtMs: frameEndMs });
    }
  }
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidAudioArgumentError(
      `${name} must be a non-negative number of milliseconds/dB, got ${value}`,
    );
  }
  return value;
}
