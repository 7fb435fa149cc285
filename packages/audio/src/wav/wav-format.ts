/** Shapes and constants shared by the WAV reader, writer and stream reader. */

export type WavEncoding = 'pcm16' | 'mulaw' | 'alaw';

export interface WavFormat {
  encoding: WavEncoding;
  sampleRate: number;
  channels: number;
}

export interface WavHeader extends WavFormat {
  /** Bytes per sample frame (all channels). */
  blockAlign: number;
  /** Offset of the first audio byte. */
  dataOffset: number;
  /**
   * Declared audio byte count, or undefined for "until the end of the stream" (a streaming writer's
   * placeholder size; see UNKNOWN_LENGTH_THRESHOLD).
   */
  dataLength: number | undefined;
}

export const WAVE_FORMAT_PCM = 1;
export const WAVE_FORMAT_ALAW = 6;
export const WAVE_FORMAT_MULAW = 7;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/**
 * Declared data sizes at or above this mean "unknown, read until the end". Streaming writers can't seek
 * back to patch the size: espeak-ng `--stdout` writes 0x7ffff000, others 0x7fffffff or 0xffffffff. No
 * genuine file we handle approaches 2 GiB.
 */
export const UNKNOWN_LENGTH_THRESHOLD = 0x7ffff000;

export function isUnknownLengthSentinel(size: number): boolean {
  return size >= UNKNOWN_LENGTH_THRESHOLD;
}

export const FORMAT_TAG_BY_ENCODING: Readonly<Record<WavEncoding, number>> = {
  pcm16: WAVE_FORMAT_PCM,
  mulaw: WAVE_FORMAT_MULAW,
  alaw: WAVE_FORMAT_ALAW,
};

export function bytesPerSample(encoding: WavEncoding): number {
  return encoding === 'pcm16' ? 2 : 1;
}
