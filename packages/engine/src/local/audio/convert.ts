import { mulawDecode, mulawEncode, pcm16FromBytesLE, pcm16ToBytesLE, Resampler } from '@receptionist/audio';
import type { AudioFormat } from '../../engine.ts';

/** The rate the recognizer and the VAD work at. */
export const RECOGNIZER_SAMPLE_RATE = 16000;

/**
 * Caller audio in the call's wire format → 16 kHz PCM16 for the VAD and pocketsphinx, through the
 * band-limited resampler: linear interpolation puts images above 4 kHz that wreck pocketsphinx on phone
 * audio (66 % WER against 4 % with a FIR, research/offline-speech.md).
 */
export class CallerAudioDecoder {
  readonly #format: AudioFormat;
  readonly #resampler: Resampler;
  /** A PCM16 byte split across two chunks waits here. */
  #oddByte: number | undefined;

  constructor(format: AudioFormat) {
    this.#format = format;
    this.#resampler = new Resampler({ inputRate: format.sampleRate, outputRate: RECOGNIZER_SAMPLE_RATE });
  }

  decode(chunk: Uint8Array): Int16Array {
    if (this.#format.encoding === 'mulaw') return this.#resampler.process(mulawDecode(chunk));
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
    return this.#resampler.process(pcm16FromBytesLE(bytes));
  }
}

/** Synthesised speech at the voice's rate → the call's wire format. One per reply. */
export class AgentAudioEncoder {
  readonly #format: AudioFormat;
  readonly #resampler: Resampler;

  constructor(format: AudioFormat, sourceRate: number) {
    this.#format = format;
    this.#resampler = new Resampler({ inputRate: sourceRate, outputRate: format.sampleRate });
  }

  encode(samples: Int16Array): Uint8Array {
    return this.#wire(this.#resampler.process(samples));
  }

  /** The filter's delayed tail at the end of a sentence. */
  flush(): Uint8Array {
    return this.#wire(this.#resampler.flush());
  }

  #wire(samples: Int16Array): Uint8Array {
    return this.#format.encoding === 'mulaw' ? mulawEncode(samples) : pcm16ToBytesLE(samples);
  }
}

/** Milliseconds of audio in `byteLength` bytes of the given wire format. */
export function durationMsOf(format: AudioFormat, byteLength: number): number {
  const bytesPerSample = format.encoding === 'mulaw' ? 1 : 2;
  return (byteLength / bytesPerSample / format.sampleRate) * 1000;
}
