import { describe, expect, it } from 'vitest';
import { measureResamplerResponse, measureTone } from './frequency-response.ts';
import { designPolyphaseFilter } from './polyphase-filter.ts';
import { resample } from './resample.ts';
import { Resampler } from './resampler.ts';

const TELEPHONY_RATES = [8000, 16000, 24000, 48000] as const;
const RATE_PAIRS = TELEPHONY_RATES.flatMap((inputRate) =>
  TELEPHONY_RATES.filter((outputRate) => outputRate !== inputRate).map((outputRate) => ({
    inputRate,
    outputRate,
  })),
);

/** Deterministic pseudo-random numbers (mulberry32), so failures reproduce. */
function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function noise(length: number, seed: number): Float32Array {
  const random = randomGenerator(seed);
  return Float32Array.from({ length }, () => random() * 1.6 - 0.8);
}

describe('resampler frequency response, measured with sine sweeps', () => {
  it.each(RATE_PAIRS)(
    '$inputRate → $outputRate Hz: ripple ≤ 0.5 dB, stopband ≥ 60 dB',
    ({ inputRate, outputRate }) => {
      const response = measureResamplerResponse(inputRate, outputRate);
      expect(response.tones.length).toBeGreaterThanOrEqual(48);
      // ±0.25 dB around unity bounds the peak-to-peak passband ripple by 0.5 dB.
      expect(response.passbandRippleDb).toBeLessThanOrEqual(0.25);
      expect(response.stopbandAttenuationDb).toBeGreaterThanOrEqual(60);
    },
  );

  it('the measurement catches aliasing (a naive decimator fails it)', () => {
    // Control: keep every second sample of a 6 kHz tone at 16 kHz → a full-strength 2 kHz alias at 8 kHz.
    const tone = Float32Array.from(
      { length: 8000 },
      (_, n) => 0.5 * Math.sin((2 * Math.PI * 6000 * n) / 16000),
    );
    const decimated = tone.filter((_, n) => n % 2 === 0);
    let energy = 0;
    for (const sample of decimated) energy += sample * sample;
    expect(Math.sqrt(energy / decimated.length)).toBeGreaterThan(0.3);
    // …whereas ours leaves nothing of it.
    expect(measureTone(16000, 8000, 6000).spuriousDb).toBeLessThan(-60);
  });

  it('keeps output aligned with input (group delay compensated)', () => {
    const inputRate = 8000;
    const outputRate = 24000;
    const frequency = 440;
    const input = Float32Array.from({ length: 4000 }, (_, n) =>
      Math.sin((2 * Math.PI * frequency * n) / inputRate),
    );
    const output = resample(input, inputRate, outputRate);
    let worst = 0;
    for (let n = 600; n < output.length - 600; n++) {
      const expected = Math.sin((2 * Math.PI * frequency * n) / outputRate);
      worst = Math.max(worst, Math.abs(output[n]! - expected));
    }
    expect(worst).toBeLessThan(0.002);
  });
});

describe('Resampler streaming', () => {
  it.each([...RATE_PAIRS, { inputRate: 22050, outputRate: 24000 }, { inputRate: 22050, outputRate: 8000 }])(
    '$inputRate → $outputRate Hz: random chunk sizes give exactly the one-call samples',
    ({ inputRate, outputRate }) => {
      const signal = noise(Math.round(inputRate * 0.3) + 7, inputRate + outputRate);
      const whole = resample(signal, inputRate, outputRate);
      expect(whole.length).toBe(Math.ceil((signal.length * outputRate) / inputRate));

      const random = randomGenerator(outputRate);
      const streamed = new Resampler({ inputRate, outputRate, format: 'float32' });
      const pieces: Float32Array[] = [];
      for (let offset = 0; offset < signal.length; ) {
        const size = Math.min(signal.length - offset, Math.floor(random() * 700)); // includes 0 and 1
        pieces.push(streamed.process(signal.subarray(offset, offset + size)));
        offset += size;
      }
      pieces.push(streamed.flush());
      const joined = new Float32Array(pieces.reduce((total, piece) => total + piece.length, 0));
      let at = 0;
      for (const piece of pieces) {
        joined.set(piece, at);
        at += piece.length;
      }
      expect(joined).toEqual(whole);
    },
  );

  it('returns PCM16 by default, accepts PCM16 or Float32 input, and rounds/clips', () => {
    const resampler = new Resampler({ inputRate: 8000, outputRate: 16000 });
    const loud = new Int16Array(400).fill(32767);
    const out = resampler.process(loud);
    expect(out).toBeInstanceOf(Int16Array);
    expect(out.length).toBeGreaterThan(700);
    expect(Math.max(...out)).toBe(32767); // overshoot at the step is clipped, not wrapped
    expect(out[400]).toBeGreaterThan(32700); // steady full scale stays full scale
    const fromFloats = resampler.process(new Float32Array(100).fill(0.5));
    expect(fromFloats).toBeInstanceOf(Int16Array);
    expect(resampler.flush()).toBeInstanceOf(Int16Array);
  });

  it('matches Float32 processing when fed PCM16 (PCM16 output is the rounded Float32 output)', () => {
    const random = randomGenerator(99);
    const pcm = Int16Array.from({ length: 1600 }, () => Math.round(random() * 20000 - 10000));
    const asInt = resample(pcm, 8000, 24000);
    const asFloat = resample(
      Float32Array.from(pcm, (x) => x / 32768),
      8000,
      24000,
    );
    expect(asInt.length).toBe(asFloat.length);
    for (let i = 0; i < asInt.length; i++)
      expect(Math.abs(asInt[i]! - asFloat[i]! * 32768)).toBeLessThanOrEqual(0.5);
  });

  it('reports its latency, and flush() ends the stream and resets for the next one', () => {
    const resampler = new Resampler({ inputRate: 8000, outputRate: 24000, format: 'float32' });
    const chunk = noise(160, 5);
    const first = resampler.process(chunk);
    expect(first.length + resampler.latencySamples).toBe(480);
    expect(resampler.latencySamples).toBeGreaterThan(0);
    expect(resampler.latencySamples).toBeLessThan(24 * 5); // under 5 ms of added delay
    const tail = resampler.flush();
    expect(first.length + tail.length).toBe(480);
    expect(resampler.latencySamples).toBe(0);
    // After flush the same input gives the same output again.
    expect(resampler.process(chunk)).toEqual(first);
  });

  it('passes samples through unchanged when the rates are equal', () => {
    const signal = noise(100, 1);
    expect(resample(signal, 16000, 16000)).toEqual(signal);
    const pcm = Int16Array.of(1, -2, 32767, -32768);
    expect(resample(pcm, 8000, 8000)).toEqual(pcm);
  });

  it('treats NaN and Infinity input as silence instead of poisoning the stream', () => {
    const bad = new Float32Array(800);
    bad[100] = Number.NaN;
    bad[200] = Number.POSITIVE_INFINITY;
    const out = resample(bad, 8000, 16000);
    expect([...out].every((sample) => sample === 0)).toBe(true);
  });

  it('handles an empty stream', () => {
    const resampler = new Resampler({ inputRate: 16000, outputRate: 8000 });
    expect(resampler.process(new Int16Array(0)).length).toBe(0);
    expect(resampler.flush().length).toBe(0);
  });

  it('rejects invalid or unreasonable rates with an AudioError', () => {
    for (const [inputRate, outputRate] of [
      [0, 8000],
      [8000, -1],
      [8000.5, 16000],
      [Number.NaN, 8000],
      [8000, 1_000_000],
      [44100, 44099],
    ] as const) {
      expect(() => new Resampler({ inputRate, outputRate })).toThrow(
        expect.objectContaining({ code: 'invalid_argument' }),
      );
    }
  });

  it('uses a polyphase bank with no more than ~60 taps per output for 8 → 24 kHz', () => {
    const filter = designPolyphaseFilter(8000, 24000);
    expect(filter.upFactor).toBe(3);
    expect(filter.downFactor).toBe(1);
    expect(filter.tapsPerPhase).toBeLessThanOrEqual(60);
  });
});
