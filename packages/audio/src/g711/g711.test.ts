import { describe, expect, it } from 'vitest';
import { ALAW_SILENCE, alawDecode, alawDecodeSample, alawEncode, alawEncodeSample } from './alaw.ts';
import { MULAW_SILENCE, mulawDecode, mulawDecodeSample, mulawEncode, mulawEncodeSample } from './mulaw.ts';

// Independent references: transcriptions of the ITU-T G.191 STL g711.c loops (ulaw_compress, ulaw_expand,
// alaw_compress, alaw_expand), deliberately in their original loop-and-shift style, not our formulation.
function referenceUlawCompress(linear: number): number {
  let absno = linear < 0 ? (~linear >> 2) + 33 : (linear >> 2) + 33;
  if (absno > 0x1fff) absno = 0x1fff;
  let i = absno >> 6;
  let segno = 1;
  while (i !== 0) {
    segno++;
    i >>= 1;
  }
  const highNibble = 0x0008 - segno;
  let lowNibble = (absno >> segno) & 0x000f;
  lowNibble = 0x000f - lowNibble;
  let code = (highNibble << 4) | lowNibble;
  if (linear >= 0) code |= 0x0080;
  return code;
}

function referenceUlawExpand(code: number): number {
  const sign = code < 0x0080 ? -1 : 1;
  let mantissa = ~code;
  const exponent = (mantissa >> 4) & 0x0007;
  const segment = exponent + 1;
  mantissa &= 0x000f;
  const step = 4 << segment;
  return sign * ((0x0080 << exponent) + step * mantissa + step / 2 - 4 * 33);
}

function referenceAlawCompress(linear: number): number {
  let ix = linear < 0 ? ~linear >> 4 : linear >> 4;
  if (ix > 15) {
    let iexp = 1;
    while (ix > 16 + 15) {
      ix >>= 1;
      iexp++;
    }
    ix -= 16;
    ix += iexp << 4;
  }
  if (linear >= 0) ix |= 0x0080;
  return ix ^ 0x0055;
}

function referenceAlawExpand(code: number): number {
  let ix = code ^ 0x0055;
  ix &= 0x007f;
  const iexp = ix >> 4;
  let mant = ix & 0x000f;
  if (iexp > 0) mant += 16;
  mant = (mant << 4) + 0x0008;
  if (iexp > 1) mant <<= iexp - 1;
  return code > 127 ? mant : -mant;
}

function everyPcm16Value(): Int16Array {
  const all = new Int16Array(65536);
  for (let i = 0; i < all.length; i++) all[i] = i - 32768;
  return all;
}

function everyCode(): Uint8Array {
  return Uint8Array.from({ length: 256 }, (_, i) => i);
}

describe.each([
  {
    law: 'μ-law',
    encode: mulawEncode,
    decode: mulawDecode,
    encodeSample: mulawEncodeSample,
    decodeSample: mulawDecodeSample,
    referenceCompress: referenceUlawCompress,
    referenceExpand: referenceUlawExpand,
    silence: MULAW_SILENCE,
  },
  {
    law: 'A-law',
    encode: alawEncode,
    decode: alawDecode,
    encodeSample: alawEncodeSample,
    decodeSample: alawDecodeSample,
    referenceCompress: referenceAlawCompress,
    referenceExpand: referenceAlawExpand,
    silence: ALAW_SILENCE,
  },
])('G.711 $law', (codec) => {
  it('encodes all 65,536 PCM16 values exactly like the G.191 reference', () => {
    const pcm = everyPcm16Value();
    const encoded = codec.encode(pcm);
    const mismatches: number[] = [];
    for (let i = 0; i < pcm.length; i++) {
      const expected = codec.referenceCompress(pcm[i]!);
      if (encoded[i] !== expected || codec.encodeSample(pcm[i]!) !== expected) mismatches.push(pcm[i]!);
    }
    expect(mismatches).toEqual([]);
  });

  it('decodes all 256 codes exactly like the G.191 reference', () => {
    const codes = everyCode();
    const decoded = codec.decode(codes);
    for (let code = 0; code < 256; code++) {
      const expected = codec.referenceExpand(code);
      // `+ 0` folds the reference's -0 (sign * 0) into the 0 an Int16Array holds.
      expect(decoded[code], `code 0x${code.toString(16)}`).toBe(expected + 0);
      expect(codec.decodeSample(code)).toBe(expected + 0);
    }
  });

  it("round-trips every code (decode then encode is the identity, except μ-law's duplicate zero)", () => {
    for (let code = 0; code < 256; code++) {
      const reencoded = codec.encodeSample(codec.decodeSample(code));
      if (codec.decodeSample(code) === 0) expect(reencoded).toBe(codec.silence);
      else expect(reencoded).toBe(code);
    }
  });

  it('encodes PCM 0 to the silence code and writes into a caller-provided buffer', () => {
    expect(codec.encodeSample(0)).toBe(codec.silence);
    const out = new Uint8Array(3);
    expect(codec.encode(Int16Array.of(0, 0, 0), out)).toBe(out);
    expect([...out]).toEqual([codec.silence, codec.silence, codec.silence]);
    const pcmOut = new Int16Array(2);
    expect(codec.decode(Uint8Array.of(codec.silence, codec.silence), pcmOut)).toBe(pcmOut);
    // A-law has no zero level: its silence code decodes to the first half step (8).
    const silenceLevel = codec.decodeSample(codec.silence);
    expect(Math.abs(silenceLevel)).toBeLessThanOrEqual(8);
    expect([...pcmOut]).toEqual([silenceLevel, silenceLevel]);
  });

  it('gives the per-sample result for every length and alignment (word-wise and plain paths)', () => {
    const backingPcm = new Int16Array(2100);
    for (let i = 0; i < backingPcm.length; i++) backingPcm[i] = Math.imul(i, 2654435761) >> 16;
    const backingCodes = Uint8Array.from({ length: 2100 }, (_, i) => (i * 151) & 0xff);
    for (const length of [0, 1, 3, 4, 511, 512, 513, 1027, 2048]) {
      for (const offset of [0, 1, 2, 3, 4]) {
        const pcm = backingPcm.subarray(offset, offset + length);
        const codes = backingCodes.subarray(offset, offset + length);
        expect([...codec.encode(pcm)]).toEqual([...pcm].map(codec.encodeSample));
        expect([...codec.decode(codes)]).toEqual([...codes].map(codec.decodeSample));
        // Misaligned caller-provided outputs too.
        const outCodes = new Uint8Array(length + 1).subarray(1);
        expect([...codec.encode(pcm, outCodes)]).toEqual([...pcm].map(codec.encodeSample));
        const outPcm = new Int16Array(length + 1).subarray(1);
        expect([...codec.decode(codes, outPcm)]).toEqual([...codes].map(codec.decodeSample));
      }
    }
  });

  it('rejects an output buffer of the wrong length', () => {
    expect(() => codec.encode(new Int16Array(4), new Uint8Array(3))).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(() => codec.decode(new Uint8Array(4), new Int16Array(5))).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });

  it('is monotonic and symmetric, with a small relative quantisation error', () => {
    let previous = -Infinity;
    for (let x = -32768; x <= 32767; x++) {
      const y = codec.decodeSample(codec.encodeSample(x));
      if (y < previous) throw new Error(`not monotonic at ${x}`);
      previous = y;
      // One's-complement symmetry: x and -x-1 decode to mirrored values.
      if (codec.decodeSample(codec.encodeSample(-x - 1)) !== 0 - y) throw new Error(`asymmetric at ${x}`);
      // Logarithmic companding: half a step is at most ~3% of the level (+ the fine steps near zero).
      if (Math.abs(y - x) > Math.max(16, 0.04 * Math.abs(x)))
        throw new Error(`error too large at ${x}: ${y}`);
    }
  });
});
