/**
 * Cuts a byte stream arriving in arbitrary chunk sizes into exact fixed-size frames (e.g. 160 bytes =
 * 20 ms of 8 kHz μ-law, what Twilio expects per media message), carrying the remainder to the next push.
 */
import { assertPositiveInteger } from './errors.ts';

/** 20 ms of 8 kHz μ-law: 8 bytes per millisecond. */
export const MULAW_8K_BYTES_PER_MS = 8;
export const TWILIO_FRAME_MS = 20;
export const TWILIO_FRAME_BYTES = MULAW_8K_BYTES_PER_MS * TWILIO_FRAME_MS;

/** Bytes in one frame of `frameMs` at `sampleRate` with `bytesPerSample` (1 for G.711, 2 for PCM16). */
export function frameBytesFor(options: {
  sampleRate: number;
  frameMs: number;
  bytesPerSample: number;
}): number {
  const samples = (options.sampleRate * options.frameMs) / 1000;
  const bytes = samples * options.bytesPerSample;
  assertPositiveInteger('frame bytes (sampleRate × frameMs / 1000 × bytesPerSample)', bytes);
  return bytes;
}

export class FrameSplitter {
  readonly frameBytes: number;
  #partial: Uint8Array;
  #partialLength = 0;

  constructor(options: { frameBytes: number }) {
    assertPositiveInteger('frameBytes', options.frameBytes);
    this.frameBytes = options.frameBytes;
    this.#partial = new Uint8Array(options.frameBytes);
  }

  /** Bytes waiting for the rest of their frame. */
  get pendingBytes(): number {
    return this.#partialLength;
  }

  /** Returns every frame completed by `chunk`, each a fresh array the caller may keep. */
  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let offset = 0;
    if (this.#partialLength > 0) {
      const needed = this.frameBytes - this.#partialLength;
      const taken = Math.min(needed, chunk.length);
      this.#partial.set(chunk.subarray(0, taken), this.#partialLength);
      this.#partialLength += taken;
      offset = taken;
      if (this.#partialLength < this.frameBytes) return frames;
      frames.push(this.#partial.slice());
      this.#partialLength = 0;
    }
    while (chunk.length - offset >= this.frameBytes) {
      frames.push(chunk.slice(offset, offset + this.frameBytes));
      offset += this.frameBytes;
    }
    this.#partial.set(chunk.subarray(offset), 0);
    this.#partialLength = chunk.length - offset;
    return frames;
  }

  /**
   * Returns the leftover partial frame (or undefined if none) and empties the splitter. With `padByte`
   * (e.g. MULAW_SILENCE) the frame is padded to full size, since some peers reject short frames.
   */
  flush(padByte?: number): Uint8Array | undefined {
    if (this.#partialLength === 0) return undefined;
    const length = this.#partialLength;
    this.#partialLength = 0;
    if (padByte === undefined) return this.#partial.slice(0, length);
    const frame = new Uint8Array(this.frameBytes).fill(padByte);
    frame.set(this.#partial.subarray(0, length));
    return frame;
  }

  /** Drops any partial frame, e.g. when playback is cleared on barge-in. */
  reset(): void {
    this.#partialLength = 0;
  }
}
