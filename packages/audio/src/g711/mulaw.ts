/**
 * G.711 μ-law, bit-exact with the ITU-T G.191 reference (`ulaw_compress` / `ulaw_expand`): 16-bit PCM is
 * truncated to the 14-bit linear range G.711 defines, negative values via one's complement so that x and
 * -x-1 get mirrored codes. (The old Sun/CCITT sample code negates instead, which maps -1 to 0x7E; we don't.)
 *
 * Table driven: one 64 KiB encode table indexed by the 16-bit pattern and a 256-entry decode table, both
 * built once at module load (~1 ms), so whole-buffer conversion is a single lookup per sample.
 */
import { decodeWithTable, encodeWithTable } from './buffers.ts';

const MULAW_BIAS = 33; // 0x84 >> 2: the bias in the 14-bit domain
const MULAW_MAX_BIASED = 0x1fff;

function encodeMulawUncached(sample: number): number {
  const negative = sample < 0;
  const magnitude = (negative ? ~sample : sample) >> 2;
  const biased = Math.min(magnitude + MULAW_BIAS, MULAW_MAX_BIASED);
  // biased >= 32, so its highest set bit is 5..12; the segment (exponent) is that bit minus 5.
  const exponent = 31 - Math.clz32(biased) - 5;
  const mantissa = (biased >> (exponent + 1)) & 0x0f;
  // Codes are transmitted inverted; the sign bit is 1 for non-negative samples.
  return (negative ? 0x7f : 0xff) ^ ((exponent << 4) | mantissa);
}

function decodeMulawUncached(code: number): number {
  const inverted = ~code & 0xff;
  const exponent = (inverted >> 4) & 0x07;
  const mantissa = inverted & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return inverted & 0x80 ? -magnitude : magnitude;
}

const ENCODE_TABLE = new Uint8Array(65536);
for (let pattern = 0; pattern < 65536; pattern++) {
  ENCODE_TABLE[pattern] = encodeMulawUncached((pattern << 16) >> 16);
}

const DECODE_TABLE = new Int16Array(256);
for (let code = 0; code < 256; code++) DECODE_TABLE[code] = decodeMulawUncached(code);

/** The μ-law code for digital silence (PCM 0); Twilio pads gaps with it. */
export const MULAW_SILENCE = 0xff;

/** Encodes one PCM16 sample (any number is truncated to its low 16 bits, as Int16Array would). */
export function mulawEncodeSample(sample: number): number {
  return ENCODE_TABLE[sample & 0xffff]!;
}

export function mulawDecodeSample(code: number): number {
  return DECODE_TABLE[code & 0xff]!;
}

/** PCM16 → μ-law bytes. Pass `out` (same length) to reuse a buffer on hot paths. */
export function mulawEncode(pcm: Int16Array, out?: Uint8Array): Uint8Array {
  return encodeWithTable(pcm, ENCODE_TABLE, out ?? new Uint8Array(pcm.length));
}

/** μ-law bytes → PCM16. Pass `out` (same length) to reuse a buffer on hot paths. */
export function mulawDecode(bytes: Uint8Array, out?: Int16Array): Int16Array {
  return decodeWithTable(bytes, DECODE_TABLE, out ?? new Int16Array(bytes.length));
}
