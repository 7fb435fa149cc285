import { describe, expect, it } from 'vitest';
import { EnergyVad, type VadEvent } from './energy-vad.ts';

const RATE = 8000;

/** Builds a test signal from segments: a tone (speech stand-in) at a dBFS level, or noise at a level. */
function signal(segments: { ms: number; dbfs: number; kind?: 'tone' | 'noise' }[]): Int16Array {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const total = segments.reduce((sum, segment) => sum + (segment.ms * RATE) / 1000, 0);
  const out = new Int16Array(total);
  let at = 0;
  for (const segment of segments) {
    const rmsValue = 10 ** (segment.dbfs / 20) * 32768;
    for (let i = 0; i < (segment.ms * RATE) / 1000; i++, at++) {
      out[at] =
        segment.kind === 'noise'
          ? Math.round((random() * 2 - 1) * rmsValue * Math.sqrt(3)) // uniform noise with that RMS
          : Math.round(Math.sin((2 * Math.PI * 440 * at) / RATE) * rmsValue * Math.SQRT2);
    }
  }
  return out;
}

function feedInChunks(vad: EnergyVad, samples: Int16Array, chunkSamples: number): VadEvent[] {
  const events: VadEvent[] = [];
  for (let i = 0; i < samples.length; i += chunkSamples)
    events.push(...vad.process(samples.subarray(i, i + chunkSamples)));
  return [...events, ...vad.flush()];
}

describe('EnergyVad', () => {
  it('finds an utterance with a fixed threshold, with accurate timestamps', () => {
    const vad = new EnergyVad({
      sampleRate: RATE,
      threshold: { kind: 'fixed', dbfs: -40 },
      minSpeechMs: 100,
      hangoverMs: 300,
    });
    const audio = signal([
      { ms: 500, dbfs: -70, kind: 'noise' },
      { ms: 800, dbfs: -20 },
      { ms: 1000, dbfs: -70, kind: 'noise' },
    ]);
    expect(feedInChunks(vad, audio, 160)).toEqual([
      { type: 'speech_start', atMs: 500, detectedAtMs: 600 },
      { type: 'speech_end', atMs: 1300, detectedAtMs: 1600 },
    ]);
  });

  it('gives the same events whatever the chunk size', () => {
    const audio = signal([
      { ms: 300, dbfs: -60, kind: 'noise' },
      { ms: 400, dbfs: -25 },
      { ms: 600, dbfs: -60, kind: 'noise' },
      { ms: 500, dbfs: -30 },
      { ms: 500, dbfs: -60, kind: 'noise' },
    ]);
    const reference = feedInChunks(new EnergyVad({ sampleRate: RATE }), audio, audio.length);
    expect(reference.length).toBe(4);
    for (const size of [1, 37, 160, 999]) {
      expect(feedInChunks(new EnergyVad({ sampleRate: RATE }), audio, size)).toEqual(reference);
    }
  });

  it('ignores bursts shorter than minSpeechMs and bridges pauses shorter than the hangover', () => {
    const vad = new EnergyVad({
      sampleRate: RATE,
      threshold: { kind: 'fixed', dbfs: -40 },
      minSpeechMs: 100,
      hangoverMs: 300,
    });
    const audio = signal([
      { ms: 200, dbfs: -80, kind: 'noise' },
      { ms: 60, dbfs: -10 }, // a click
      { ms: 400, dbfs: -80, kind: 'noise' },
      { ms: 400, dbfs: -20 },
      { ms: 200, dbfs: -80, kind: 'noise' }, // pause between words
      { ms: 400, dbfs: -20 },
      { ms: 600, dbfs: -80, kind: 'noise' },
    ]);
    expect(feedInChunks(vad, audio, 160)).toEqual([
      { type: 'speech_start', atMs: 660, detectedAtMs: 760 },
      { type: 'speech_end', atMs: 1660, detectedAtMs: 1960 },
    ]);
  });

  it('adapts to a noisy line: the noise floor follows the noise, speech above it still counts', () => {
    const vad = new EnergyVad({ sampleRate: RATE, threshold: { kind: 'adaptive', marginDb: 12 } });
    const audio = signal([
      { ms: 1000, dbfs: -35, kind: 'noise' }, // loud background: would be "speech" at a fixed -40
      { ms: 600, dbfs: -15 },
      { ms: 1000, dbfs: -35, kind: 'noise' },
    ]);
    const events = feedInChunks(vad, audio, 160);
    expect(events.map((event) => [event.type, event.atMs])).toEqual([
      ['speech_start', 1000],
      ['speech_end', 1600],
    ]);
    expect(vad.noiseFloorDbfs).toBeGreaterThan(-37);
    expect(vad.noiseFloorDbfs).toBeLessThan(-34);
    expect(vad.thresholdDbfs).toBeCloseTo(vad.noiseFloorDbfs! + 12, 5);
  });

  it('never calls faint hiss speech after digital silence (threshold floor)', () => {
    const vad = new EnergyVad({ sampleRate: RATE, threshold: { kind: 'adaptive', minDbfs: -50 } });
    const audio = signal([
      { ms: 500, dbfs: -200 },
      { ms: 500, dbfs: -60, kind: 'noise' },
    ]);
    expect(feedInChunks(vad, audio, 160)).toEqual([]);
    expect(vad.thresholdDbfs).toBe(-50);
  });

  it('flush() closes an utterance still open at the end of the stream', () => {
    const vad = new EnergyVad({ sampleRate: RATE, threshold: { kind: 'fixed', dbfs: -40 } });
    const events = vad.process(
      signal([
        { ms: 200, dbfs: -70, kind: 'noise' },
        { ms: 300, dbfs: -20 },
      ]),
    );
    expect(events).toEqual([{ type: 'speech_start', atMs: 200, detectedAtMs: 300 }]);
    expect(vad.speaking).toBe(true);
    expect(vad.flush()).toEqual([{ type: 'speech_end', atMs: 500, detectedAtMs: 500 }]);
    expect(vad.speaking).toBe(false);
  });

  it('accepts Float32 input and rejects bad options', () => {
    const vad = new EnergyVad({ sampleRate: 16000, threshold: { kind: 'fixed', dbfs: -30 }, minSpeechMs: 0 });
    expect(vad.process(new Float32Array(320).fill(0.5))).toEqual([
      { type: 'speech_start', atMs: 0, detectedAtMs: 20 },
    ]);
    expect(vad.lastLevelDbfs).toBeCloseTo(-6.02, 2);
    for (const options of [
      { sampleRate: 0 },
      { sampleRate: 22050, frameMs: 1 },
      { sampleRate: 8000, hangoverMs: -1 },
      { sampleRate: 8000, threshold: { kind: 'fixed' as const, dbfs: Number.NaN } },
    ]) {
      expect(() => new EnergyVad(options)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
  });
});
