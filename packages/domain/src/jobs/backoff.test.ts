import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';

const policy = { baseMs: 1_000, maxMs: 10_000 };

describe('retryDelayMs', () => {
  it('doubles per attempt, half fixed and half jittered', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, () => 0, policy))).toEqual([500, 1_000, 2_000]);
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, () => 0.5, policy))).toEqual([750, 1_500, 3_000]);
    expect(retryDelayMs(1, () => 0.999_999, policy)).toBe(1_000);
  });

  it('never exceeds the cap, however many attempts failed', () => {
    expect(retryDelayMs(5, () => 0, policy)).toBe(5_000);
    expect(retryDelayMs(60, () => 0.999_999, policy)).toBe(10_000);
  });

  it('defaults to 30 s doubling', () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000);
    expect(retryDelayMs(2, () => 0)).toBe(30_000);
  });
});
