/**
 * Incremental WAV decoding for audio that arrives in pieces, e.g. `espeak-ng --stdout` piped from a child
 * process: the header may be split across chunks, samples may straddle chunk boundaries, and the data
 * length is often the "until end" sentinel.
 */
import { WavError } from '../errors.ts';
import { parseWavHeader } from './parse-header.ts';
import { decodeWavData } from './read-wav.ts';
import type { WavHeader } from './wav-format.ts';

/** A header larger than this (huge LIST/bext chunks or garbage) is treated as malformed input. */
const MAX_HEADER_BYTES = 1 << 20;

export class WavStreamReader {
  #pending: Uint8Array = new Uint8Array(0);
  #header: WavHeader | undefined;
  /** Audio bytes still expected, when the header declared a length. */
  #remainingBytes: number | undefined;

  /** The parsed header, once enough bytes have arrived. */
  get header(): WavHeader | undefined {
    return this.#header;
  }

  /** Feeds the next bytes; returns the PCM16 samples (interleaved) they complete, possibly none. */
  push(chunk: Uint8Array): Int16Array {
    let bytes = concat(this.#pending, chunk);
    if (this.#header === undefined) {
      try {
        this.#header = parseWavHeader(bytes);
      } catch (error) {
        if (!(error instanceof WavError) || error.code !== 'incomplete_wav') throw error;
        if (bytes.length > MAX_HEADER_BYTES) {
          throw new WavError('invalid_wav', `no data chunk within the first ${MAX_HEADER_BYTES} bytes`, {
            cause: error,
          });
        }
        this.#pending = bytes;
        return new Int16Array(0);
      }
      this.#remainingBytes = this.#header.dataLength;
      bytes = bytes.subarray(this.#header.dataOffset);
    }
    const { blockAlign, encoding } = this.#header;
    let usable = bytes.length;
    if (this.#remainingBytes !== undefined) usable = Math.min(usable, this.#remainingBytes); // ignore trailing chunks
    usable -= usable % blockAlign;
    if (this.#remainingBytes !== undefined) {
      this.#remainingBytes -= usable;
      // Anything after the declared data (trailing LIST chunks…) is not audio: drop it.
      this.#pending = this.#remainingBytes === 0 ? new Uint8Array(0) : bytes.slice(usable);
    } else {
      this.#pending = bytes.slice(usable);
    }
    return decodeWavData(encoding, bytes.subarray(0, usable));
  }

  /** Call at end of input: throws if the stream ended before the header did. */
  end(): void {
    if (this.#header === undefined) {
      throw new WavError(
        'invalid_wav',
        `stream ended inside the WAV header after ${this.#pending.length} bytes`,
      );
    }
    this.#pending = new Uint8Array(0);
  }
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  if (first.length === 0) return second;
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}
