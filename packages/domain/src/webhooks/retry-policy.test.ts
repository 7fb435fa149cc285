import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_RETRY_POLICY, nextWebhookAttemptAt } from './retry-policy.ts';

const HOUR_MS = 3_600_000;

describe('nextWebhookAttemptAt', () => {
  it('doubles the wait after each failure, up to the cap', () => {
    const delays = [1, 2, 3, 4].map(
      (attempts) => (nextWebhookAttemptAt({ attempts, firstAttemptAtMs: 0, nowMs: 0 }) ?? 0) - 0,
    );
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(nextWebhookAttemptAt({ attempts: 30, firstAttemptAtMs: 0, nowMs: HOUR_MS })).toBe(5 * HOUR_MS);
  });

  it('keeps trying for 24 hours, the last try at the deadline, then stops', () => {
    let now = 0;
    let attempts = 1;
    const times: number[] = [];
    for (;;) {
      const next = nextWebhookAttemptAt({ attempts, firstAttemptAtMs: 0, nowMs: now });
      if (next === undefined) break;
      times.push(next);
      now = next;
      attempts += 1;
    }
    expect(times.at(-1)).toBe(DEFAULT_WEBHOOK_RETRY_POLICY.giveUpAfterMs);
    expect(attempts).toBeGreaterThan(10);
    expect(attempts).toBeLessThan(25);
  });
});
