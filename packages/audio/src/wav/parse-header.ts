/**
 * RIFF/WAVE header parsing. Walks the chunk list (skipping LIST, fact, bext… and honouring the pad byte
 * after odd-sized chunks) until the data chunk, validating the fmt chunk on the way.
 */
import { WavError } from '../errors.ts';
import {
  bytesPerSample,
  isUnknownLengthSentinel,
  WAVE_FORMAT_ALAW,
  WAVE_FORMAT_EXTENSIBLE,
  WAVE_FORMAT_MULAW,
  WAVE_FORMAT_PCM,
  type WavEncoding,
  type WavHeader,
} from './wav-format.ts';

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
const MIN_FMT_BYTES = 16;

function fourCC(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function incomplete(needed: number, have: number): WavError {
  return new WavError('incomplete_wav', `WAV header is incomplete: need ${needed} bytes, have ${have}`);
}

interface FmtChunk {
  encoding: WavEncoding;
  sampleRate: number;
  channels: number;
  blockAlign: number;
}

function parseFmtChunk(view: DataView, offset: number, size: number): FmtChunk {
  if (size < MIN_FMT_BYTES)
    throw new WavError('invalid_wav', `fmt chunk is ${size} bytes, expected at least 16`);
  let formatTag = view.getUint16(offset, true);
  const channels = view.getUint16(offset + 2, true);
  const sampleRate = view.getUint32(offset + 4, true);
  const blockAlign = view.getUint16(offset + 12, true);
  const bitsPerSample = view.getUint16(offset + 14, true);
  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    // WAVEFORMATEXTENSIBLE: cbSize(2) validBits(2) channelMask(4), then a GUID whose first 2 bytes are the tag.
    if (size < 40) throw new WavError('invalid_wav', `extensible fmt chunk is ${size} bytes, expected 40`);
    formatTag = view.getUint16(offset + 24, true);
  }
  const encodingByTag: Record<number, WavEncoding> = {
    [WAVE_FORMAT_PCM]: 'pcm16',
    [WAVE_FORMAT_MULAW]: 'mulaw',
    [WAVE_FORMAT_ALAW]: 'alaw',
  };
  const encoding = encodingByTag[formatTag];
  if (encoding === undefined) {
    throw new WavError(
      'unsupported_format',
      `WAV format tag ${formatTag} is not supported (PCM16, μ-law, A-law)`,
    );
  }
  const expectedBits = bytesPerSample(encoding) * 8;
  if (bitsPerSample !== expectedBits) {
    throw new WavError(
      'unsupported_format',
      `${encoding} WAV with ${bitsPerSample} bits per sample is not supported (expected ${expectedBits})`,
    );
  }
  if (channels === 0) throw new WavError('invalid_wav', 'fmt chunk declares 0 channels');
  if (sampleRate === 0) throw new WavError('invalid_wav', 'fmt chunk declares a sample rate of 0');
  if (blockAlign !== channels * bytesPerSample(encoding)) {
    throw new WavError(
      'invalid_wav',
      `block align ${blockAlign} does not match ${channels} × ${expectedBits}-bit`,
    );
  }
  return { encoding, sampleRate, channels, blockAlign };
}

/**
 * Parses the header up to the start of the audio. Throws WavError with code 'incomplete_wav' when
 * `bytes` ends before the data chunk starts (a streaming caller should wait for more bytes),
 * 'invalid_wav' for a broken structure and 'unsupported_format' for codecs we do not decode.
 */
export function parseWavHeader(bytes: Uint8Array): WavHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < RIFF_HEADER_BYTES) {
    // Reject non-WAV input early instead of waiting forever for "more header".
    const prefix = String.fromCharCode(...bytes.subarray(0, 4));
    if (!'RIFF'.startsWith(prefix)) throw new WavError('invalid_wav', 'not a RIFF file');
    throw incomplete(RIFF_HEADER_BYTES, bytes.length);
  }
  const riff = fourCC(view, 0);
  if (riff === 'RIFX' || riff === 'RF64') {
    throw new WavError('unsupported_format', `${riff} WAV files are not supported`);
  }
  if (riff !== 'RIFF') throw new WavError('invalid_wav', 'not a RIFF file');
  if (fourCC(view, 8) !== 'WAVE') throw new WavError('invalid_wav', 'RIFF file is not WAVE');

  let fmt: FmtChunk | undefined;
  let offset = RIFF_HEADER_BYTES;
  for (;;) {
    if (offset + CHUNK_HEADER_BYTES > bytes.length)
      throw incomplete(offset + CHUNK_HEADER_BYTES, bytes.length);
    const id = fourCC(view, offset);
    const size = view.getUint32(offset + 4, true);
    const bodyOffset = offset + CHUNK_HEADER_BYTES;
    if (id === 'data') {
      if (fmt === undefined) throw new WavError('invalid_wav', 'data chunk comes before the fmt chunk');
      const dataLength = isUnknownLengthSentinel(size) ? undefined : size;
      if (dataLength !== undefined && dataLength % fmt.blockAlign !== 0) {
        throw new WavError(
          'invalid_wav',
          `data chunk of ${dataLength} bytes is not whole ${fmt.blockAlign}-byte frames`,
        );
      }
      return { ...fmt, dataOffset: bodyOffset, dataLength };
    }
    if (id === 'fmt ') {
      if (bodyOffset + size > bytes.length) throw incomplete(bodyOffset + size, bytes.length);
      fmt = parseFmtChunk(view, bodyOffset, size);
    }
    offset = bodyOffset + size + (size % 2); // chunks are word-aligned
  }
}
