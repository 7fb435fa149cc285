/**
 * G.711 A-law, bit-exact with the ITU-T G.191 reference (`alaw_compress` / `alaw_expand`): 16-bit PCM is
 * truncated to the 13-bit linear range G.711 defines (12-bit magnitude via one's complement), and even
 * bits are inverted (XOR 0x55) on the wire. Table driven, like μ-law.
 */
import { decodeWithTable, encodeWithTable } from './buffers.ts';

const ALAW_EVEN_BIT_INVERSION = 0x55;

function encodeAlawUncached(sample: number): number {
  const negative = sample < 0;
  const magnitude = (negative ? ~sample : sample) >> 4; // 0..2047
  let segmentAndMantissa: number;
  if (magnitude < 32) {
    // Segments 0 and 1 share the same step, so the 5-bit magnitude is already exponent|mantissa.
    segmentAndMantissa = magnitude;
  } else {
    const exponent = 31 - Math.clz32(magnitude) - 3; // 2..7
    segmentAndMantissa = (exponent << 4) | ((magnitude >> (exponent - 1)) & 0x0f);
  }
  return (segmentAndMantissa | (negative ? 0 : 0x80)) ^ ALAW_EVEN_BIT_INVERSION;
}

function decodeAlawUncached(code: number): number {
  const toggled = (code ^ ALAW_EVEN_BIT_INVERSION) & 0x7f;
  const exponent = toggled >> 4;
  const mantissa = toggled & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : (((mantissa | 0x10) << 4) + 8) << (exponent - 1);
  return code & 0x80 ? magnitude : -magnitude;
}

const ENCODE_TABLE = new Uint8Array(65536);
for (let pattern = 0; pattern < 65536; pattern++) {
  ENCODE_TABLE[pattern] = encodeAlawUncached((pattern << 16) >> 16);
}

const DECODE_TABLE = new Int16Array(256);
for (let code = 0; code < 256; code++) DECODE_TABLE[code] = decodeAlawUncached(code);

/** The A-law code PCM 0 encodes to. */
export const ALAW_SILENCE = 0xd5;

export function alawEncodeSample(sample: number): number {
  return ENCODE_TABLE[sample & 0xffff]!;
}

export function alawDecodeSample(code: number): number {
  return DECODE_TABLE[code & 0xff]!;
}

/** PCM16 → A-law bytes. Pass `out` (same length) to reuse a buffer on hot paths. */
export function alawEncode(pcm: Int16Array, out?: Uint8Array): Uint8Array {
  return encodeWithTable(pcm, ENCODE_TABLE, out ?? new Uint8Array(pcm.length));
}

/** A-law bytes → PCM16. Pass `out` (same length) to reuse a buffer on hot paths. */
export function alawDecode(bytes: Uint8Array, out?: Int16Array): Int16Array {
  return decodeWithTable(bytes, DECODE_TABLE, out ?? new Int16Array(bytes.length));
}
