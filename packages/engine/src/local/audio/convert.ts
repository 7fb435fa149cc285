import type { AudioFormat } from '../../engine.ts';
import { decodeMulaw, encodeMulaw } from './g711.ts';
import { StreamingResampler } from './resampler.ts';

/** The rate the recognizer and the VAD work at. */
export const RECOGNIZER_SAMPLE_RATE = 16000;

export function pcm16FromBytes(bytes: Uint8Array): Int16Array {
  const samples = new Int16Array(bytes.length >> 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
  return samples;
}

export function bytesFromPcm16(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i]!, true);
  return bytes;
}

/** Caller audio in the call's wire format → 16 kHz PCM16 for the VAD and pocketsphinx. */
export class CallerAudioDecoder {
  readonly #format: AudioFormat;
  readonly #resampler: StreamingResampler;
  /** A PCM16 byte split across two chunks waits here. */
  #oddByte: number | undefined;

  constructor(format: AudioFormat) {
    this.#format = format;
    this.#resampler = new StreamingResampler(format.sampleRate, RECOGNIZER_SAMPLE_RATE);
  }

  decode(chunk: Uint8Array): Int16Array {
    if (this.#format.encoding === 'mulaw') return this.#resampler.process(decodeMulaw(chunk));
    let bytes = chunk;
    if (this.#oddByte !== undefined) {
      bytes = new Uint8Array(chunk.length + 1);
      bytes[0] = this.#oddByte;
      bytes.set(chunk, 1);
      this.#oddByte = undefined;
    }
    if (bytes.length % 2 === 1) {
      this.#oddByte = bytes[bytes.length - 1];
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    return this.#resampler.process(pcm16FromBytes(bytes));
  }
}

/** Synthesised speech at the voice's rate → the call's wire format. One per reply sentence stream. */
export class AgentAudioEncoder {
  readonly #format: AudioFormat;
  readonly #resampler: StreamingResampler;

  constructor(format: AudioFormat, sourceRate: number) {
    this.#format = format;
    this.#resampler = new StreamingResampler(sourceRate, format.sampleRate);
  }

  encode(samples: Int16Array): Uint8Array {
    const resampled = this.#resampler.process(samples);
    return this.#format.encoding === 'mulaw' ? encodeMulaw(resampled) : bytesFromPcm16(resampled);
  }
}

/** Milliseconds of audio in `bytes` of the given wire format. */
export function durationMsOf(format: AudioFormat, byteLength: number): number {
  const bytesPerSample = format.encoding === 'mulaw' ? 1 : 2;
  return (byteLength / bytesPerSample / format.sampleRate) * 1000;
}
