/**
 * A tiny energy detector for the fake Realtime server, so a simulated caller that streams real audio
 * (the load benchmark, the caller CLI) gets speech_started / speech_stopped like the real server VAD.
 * Timing is measured in audio time, not wall time, so it is deterministic on a loaded machine.
 */

export type FakeAudioFormat = 'audio/pcmu' | 'audio/pcm';

export interface EnergyVadOptions {
  /** Mean absolute 16-bit sample value above which a 20 ms frame counts as speech. */
  threshold?: number;
  /** Audio of silence after speech that ends the turn. */
  silenceMs?: number;
  /** Consecutive speech needed before speech_started fires (filters clicks). */
  minSpeechMs?: number;
}

export type VadTransition =
  | { kind: 'speech_started'; atMs: number }
  | { kind: 'speech_stopped'; atMs: number };

const FRAME_MS = 20;

/** ITU-T G.711 μ-law expansion to linear 16-bit. */
function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return sign ? -magnitude : magnitude;
}

export function bytesPerMs(format: FakeAudioFormat): number {
  return format === 'audio/pcmu' ? 8 : 48;
}

function meanAbs(frame: Uint8Array, format: FakeAudioFormat): number {
  let sum = 0;
  let count = 0;
  if (format === 'audio/pcmu') {
    for (const byte of frame) {
      sum += Math.abs(mulawToLinear(byte));
      count += 1;
    }
  } else {
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    for (let offset = 0; offset + 1 < frame.byteLength; offset += 2) {
      sum += Math.abs(view.getInt16(offset, true));
      count += 1;
    }
  }
  return count === 0 ? 0 : sum / count;
}

export class EnergyVad {
  readonly #threshold: number;
  readonly #silenceMs: number;
  readonly #minSpeechMs: number;
  #pending = new Uint8Array(0);
  #audioMs = 0;
  #speaking = false;
  #speechRunMs = 0;
  #silenceRunMs = 0;

  constructor(options: EnergyVadOptions = {}) {
    this.#threshold = options.threshold ?? 500;
    this.#silenceMs = options.silenceMs ?? 400;
    this.#minSpeechMs = options.minSpeechMs ?? 60;
  }

  get speaking(): boolean {
    return this.#speaking;
  }

  /** Feeds audio; returns the transitions it caused, in order. */
  push(audio: Uint8Array, format: FakeAudioFormat): VadTransition[] {
    const frameBytes = FRAME_MS * bytesPerMs(format);
    const joined = new Uint8Array(this.#pending.byteLength + audio.byteLength);
    joined.set(this.#pending, 0);
    joined.set(audio, this.#pending.byteLength);
    const transitions: VadTransition[] = [];
    let offset = 0;
    for (; offset + frameBytes <= joined.byteLength; offset += frameBytes) {
      const loud = meanAbs(joined.subarray(offset, offset + frameBytes), format) > this.#threshold;
      this.#audioMs += FRAME_MS;
      if (loud) {
        this.#speechRunMs += FRAME_MS;
        this.#silenceRunMs = 0;
        if (!this.#speaking && this.#speechRunMs >= this.#minSpeechMs) {
          this.#speaking = true;
          transitions.push({ kind: 'speech_started', atMs: this.#audioMs - this.#speechRunMs });
        }
      } else {
        this.#speechRunMs = 0;
        this.#silenceRunMs += FRAME_MS;
        if (this.#speaking && this.#silenceRunMs >= this.#silenceMs) {
          this.#speaking = false;
          transitions.push({ kind: 'speech_stopped', atMs: this.#audioMs - this.#silenceRunMs });
        }
      }
    }
    this.#pending = joined.slice(offset);
    return transitions;
  }
}
