import { describe, expect, it } from 'vitest';
import { dbfs, rms, rmsToDbfs, SILENCE_DBFS } from './level.ts';

describe('level', () => {
  it('measures RMS relative to full scale for PCM16 and Float32 alike', () => {
    expect(rms(new Int16Array(100).fill(-32768))).toBe(1);
    expect(rms(new Float32Array(100).fill(0.5))).toBe(0.5);
    const sine = Float32Array.from({ length: 8000 }, (_, n) => Math.sin((2 * Math.PI * 1000 * n) / 8000));
    expect(dbfs(sine)).toBeCloseTo(-3.01, 2);
    expect(dbfs(new Int16Array(160).fill(328))).toBeCloseTo(-40, 1);
  });

  it('reports silence and empty input as the silence floor, never -Infinity', () => {
    expect(rms(new Int16Array(0))).toBe(0);
    expect(dbfs(new Int16Array(160))).toBe(SILENCE_DBFS);
    expect(rmsToDbfs(1e-9)).toBe(SILENCE_DBFS);
    expect(rmsToDbfs(Number.NaN)).toBe(SILENCE_DBFS);
  });
});
