/** How long to wait before retrying a failed job. */
export interface BackoffPolicy {
  /** The first retry's nominal delay; each later one doubles it. */
  baseMs: number;
  /** No retry waits longer than this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 3_600_000 };

/**
 * Exponential backoff with "equal jitter": half the nominal delay is fixed, the other half random. The
 * fixed half keeps retries spaced out; the random half spreads jobs that failed together (an outage) so
 * they do not all come back in the same poll. `random` returns [0, 1), injected so tests are exact.
 */
export function retryDelayMs(
  attempt: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const nominalMs = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const unit = Math.min(Math.max(random(), 0), 1);
  return Math.round(nominalMs / 2 + (nominalMs / 2) * unit);
}
