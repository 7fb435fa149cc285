/**
 * The two WAV shapes the caller needs: reading flite's PCM16 mono output and saving the receptionist's
 * μ-law 8 kHz audio (WAVE_FORMAT_MULAW = 7, which every audio player opens) without re-encoding it.
 */
import { CallerError } from '../errors.ts';

export interface Pcm16Wav {
  sampleRate: number;
  samples: Int16Array;
}

/** Reads a little-endian PCM16 mono RIFF/WAVE file, walking chunks (flite writes a plain 44-byte header). */
export function readPcm16Wav(file: Uint8Array): Pcm16Wav {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const text = (offset: number): string => String.fromCharCode(...file.subarray(offset, offset + 4));
  if (file.byteLength < 12 || text(0) !== 'RIFF' || text(8) !== 'WAVE') {
    throw new CallerError('speech_synthesis_failed', 'not a RIFF/WAVE file');
  }
  let sampleRate = 0;
  let offset = 12;
  while (offset + 8 <= file.byteLength) {
    const id = text(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      const format = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const bits = view.getUint16(body + 14, true);
      if (format !== 1 || channels !== 1 || bits !== 16) {
        throw new CallerError(
          'speech_synthesis_failed',
          `expected PCM16 mono, got format ${format}/${channels}ch/${bits}bit`,
        );
      }
      sampleRate = view.getUint32(body + 4, true);
    } else if (id === 'data') {
      if (!sampleRate) throw new CallerError('speech_synthesis_failed', 'data chunk before fmt chunk');
      const length = Math.min(size, file.byteLength - body) & ~1;
      const samples = new Int16Array(length / 2);
      for (let index = 0; index < samples.length; index++)
        samples[index] = view.getInt16(body + index * 2, true);
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new CallerError('speech_synthesis_failed', 'WAV file has no data chunk');
}

/** A WAV file holding 8 kHz mono G.711 μ-law as received from the call. */
export function mulawWav(audio: Uint8Array, sampleRate = 8000): Uint8Array {
  const header = new ArrayBuffer(58);
  const view = new DataView(header);
  const bytes = new Uint8Array(header);
  const write = (offset: number, text: string): void => {
    for (let index = 0; index < text.length; index++) bytes[offset + index] = text.charCodeAt(index);
  };
  const padding = audio.byteLength % 2;
  write(0, 'RIFF');
  view.setUint32(4, 50 + audio.byteLength + padding, true);
  write(8, 'WAVE');
  write(12, 'fmt ');
  view.setUint32(16, 18, true); // non-PCM formats carry cbSize
  view.setUint16(20, 7, true); // WAVE_FORMAT_MULAW
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate, true); // one byte per sample
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  view.setUint16(36, 0, true);
  write(38, 'fact');
  view.setUint32(42, 4, true);
  view.setUint32(46, audio.byteLength, true);
  write(50, 'data');
  view.setUint32(54, audio.byteLength, true);
  const file = new Uint8Array(58 + audio.byteLength + padding);
  file.set(bytes, 0);
  file.set(audio, 58);
  return file;
}
