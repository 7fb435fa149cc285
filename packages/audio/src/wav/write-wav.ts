import { assertPositiveInteger, InvalidAudioArgumentError } from '../errors.ts';
import { alawEncode } from '../g711/alaw.ts';
import { mulawEncode } from '../g711/mulaw.ts';
import { pcm16ToBytesLE } from '../pcm.ts';
import { bytesPerSample, FORMAT_TAG_BY_ENCODING, type WavEncoding, type WavFormat } from './wav-format.ts';

export interface WriteWavOptions {
  sampleRate: number;
  /** Default 1. Samples are interleaved. */
  channels?: number;
  /** Stored encoding; default 'pcm16'. μ-law/A-law are encoded from the PCM16 samples. */
  encoding?: WavEncoding;
}

/** Encodes PCM16 samples into a complete WAV file. */
export function writeWav(samples: Int16Array, options: WriteWavOptions): Uint8Array {
  const encoding = options.encoding ?? 'pcm16';
  const data =
    encoding === 'mulaw'
      ? mulawEncode(samples)
      : encoding === 'alaw'
        ? alawEncode(samples)
        : pcm16ToBytesLE(samples);
  return wrapWavData(data, { encoding, sampleRate: options.sampleRate, channels: options.channels ?? 1 });
}

/**
 * Wraps already-encoded audio bytes (e.g. μ-law straight from Twilio) in a WAV header. Non-PCM formats
 * get the 18-byte fmt chunk and the fact chunk the RIFF spec requires for them.
 */
export function wrapWavData(data: Uint8Array, format: WavFormat): Uint8Array {
  assertPositiveInteger('sampleRate', format.sampleRate);
  assertPositiveInteger('channels', format.channels);
  const blockAlign = format.channels * bytesPerSample(format.encoding);
  if (data.length % blockAlign !== 0) {
    throw new InvalidAudioArgumentError(
      `${data.length} bytes is not a whole number of ${blockAlign}-byte frames`,
    );
  }
  const isPcm = format.encoding === 'pcm16';
  const fmtSize = isPcm ? 16 : 18;
  const factBytes = isPcm ? 0 : 12;
  const headerBytes = 12 + 8 + fmtSize + factBytes + 8;
  const padding = data.length % 2;
  const out = new Uint8Array(headerBytes + data.length + padding);
  const view = new DataView(out.buffer);
  const writeFourCC = (offset: number, id: string) => {
    for (let i = 0; i < 4; i++) view.setUint8(offset + i, id.charCodeAt(i));
  };
  writeFourCC(0, 'RIFF');
  view.setUint32(4, out.length - 8, true);
  writeFourCC(8, 'WAVE');
  writeFourCC(12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, FORMAT_TAG_BY_ENCODING[format.encoding], true);
  view.setUint16(22, format.channels, true);
  view.setUint32(24, format.sampleRate, true);
  view.setUint32(28, format.sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bytesPerSample(format.encoding) * 8, true);
  let offset = 36;
  if (!isPcm) {
    view.setUint16(offset, 0, true); // cbSize: no extra format bytes
    offset += 2;
    writeFourCC(offset, 'fact');
    view.setUint32(offset + 4, 4, true);
    view.setUint32(offset + 8, data.length / blockAlign, true);
    offset += 12;
  }
  writeFourCC(offset, 'data');
  view.setUint32(offset + 4, data.length, true);
  out.set(data, offset + 8);
  return out;
}
