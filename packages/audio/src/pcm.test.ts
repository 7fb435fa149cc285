import { describe, expect, it } from 'vitest';
import { clampToPcm16, float32ToPcm16, pcm16FromBytesLE, pcm16ToBytesLE, pcm16ToFloat32 } from './pcm.ts';

describe('PCM16 ⇄ Float32', () => {
  it('maps full scale to [-1, 1) and back exactly for every PCM16 value', () => {
    const pcm = new Int16Array(65536);
    for (let i = 0; i < pcm.length; i++) pcm[i] = i - 32768;
    const floats = pcm16ToFloat32(pcm);
    expect(floats[0]).toBe(-1);
    expect(floats[65535]).toBe(32767 / 32768);
    expect(float32ToPcm16(floats)).toEqual(pcm);
  });

  it('rounds to nearest, clips out-of-range values and turns NaN into 0', () => {
    const floats = Float32Array.of(1.5, -2, 0.25 / 32768, 0.75 / 32768, Number.NaN, -0.75 / 32768);
    expect([...float32ToPcm16(floats)]).toEqual([32767, -32768, 0, 1, 0, -1]);
    expect(clampToPcm16(40000.4)).toBe(32767);
    expect(clampToPcm16(-12.6)).toBe(-13);
  });

  it('writes into a caller buffer and rejects a mismatched one', () => {
    const out = new Float32Array(2);
    expect(pcm16ToFloat32(Int16Array.of(16384, -16384), out)).toBe(out);
    expect([...out]).toEqual([0.5, -0.5]);
    expect(() => float32ToPcm16(new Float32Array(3), new Int16Array(2))).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });
});

describe('PCM16 ⇄ little-endian bytes', () => {
  it('reads little-endian samples explicitly, whatever the byte offset', () => {
    // 0x0201 = 513, 0xfffe = -2, from an odd offset inside a larger buffer.
    const backing = Uint8Array.of(0xaa, 0x01, 0x02, 0xfe, 0xff, 0xbb);
    const view = backing.subarray(1, 5);
    const samples = pcm16FromBytesLE(view);
    expect([...samples]).toEqual([513, -2]);
    backing[1] = 0; // the result is a copy, not a view on the caller's buffer
    expect(samples[0]).toBe(513);
  });

  it('writes little-endian bytes and round-trips', () => {
    const pcm = Int16Array.of(513, -2, 32767, -32768);
    const bytes = pcm16ToBytesLE(pcm.subarray(0, 2));
    expect([...bytes]).toEqual([0x01, 0x02, 0xfe, 0xff]);
    expect(pcm16FromBytesLE(pcm16ToBytesLE(pcm))).toEqual(pcm);
  });

  it('rejects half a sample', () => {
    expect(() => pcm16FromBytesLE(new Uint8Array(3))).toThrow(
      expect.objectContaining({ code: 'invalid_argument', name: 'InvalidAudioArgumentError' }),
    );
  });
});
