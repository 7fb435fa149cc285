import { WavError } from '../errors.ts';
import { alawDecode } from '../g711/alaw.ts';
import { mulawDecode } from '../g711/mulaw.ts';
import { pcm16FromBytesLE } from '../pcm.ts';
import { parseWavHeader } from './parse-header.ts';
import type { WavEncoding, WavFormat } from './wav-format.ts';

export interface WavAudio extends WavFormat {
  /** The audio bytes exactly as stored (μ-law/A-law codes or little-endian PCM16), a view into the input. */
  data: Uint8Array;
  /** Decoded PCM16, channels interleaved. */
  samples: Int16Array;
}

/** Decodes stored bytes of any supported encoding to PCM16. */
export function decodeWavData(encoding: WavEncoding, data: Uint8Array): Int16Array {
  if (encoding === 'mulaw') return mulawDecode(data);
  if (encoding === 'alaw') return alawDecode(data);
  return pcm16FromBytesLE(data);
}

/** Reads a whole WAV file held in memory. */
export function readWav(bytes: Uint8Array): WavAudio {
  let header: ReturnType<typeof parseWavHeader>;
  try {
    header = parseWavHeader(bytes);
  } catch (error) {
    if (error instanceof WavError && error.code === 'incomplete_wav') {
      throw new WavError('invalid_wav', `WAV file is truncated: ${error.message}`, { cause: error });
    }
    throw error;
  }
  const available = bytes.length - header.dataOffset;
  let length: number;
  if (header.dataLength === undefined) {
    // Streamed "until end" data: a writer killed mid-sample leaves a partial frame; drop it.
    length = available - (available % header.blockAlign);
  } else if (header.dataLength > available) {
    throw new WavError(
      'invalid_wav',
      `WAV data chunk declares ${header.dataLength} bytes but only ${available} are present`,
    );
  } else {
    length = header.dataLength;
  }
  const data = bytes.subarray(header.dataOffset, header.dataOffset + length);
  return {
    encoding: header.encoding,
    sampleRate: header.sampleRate,
    channels: header.channels,
    data,
    samples: decodeWavData(header.encoding, data),
  };
}
