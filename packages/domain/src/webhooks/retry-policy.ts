/**
 * When a failed webhook delivery is tried again: exponential backoff from `firstRetryDelayMs`, doubling
 * up to `maxRetryDelayMs`, until `giveUpAfterMs` after the first attempt; then the delivery has failed and
 * the endpoint is disabled. The defaults give about sixteen attempts over 24 hours.
 */
export interface WebhookRetryPolicy {
  firstRetryDelayMs: number;
  maxRetryDelayMs: number;
  giveUpAfterMs: number;
}

export const DEFAULT_WEBHOOK_RETRY_POLICY: WebhookRetryPolicy = {
  firstRetryDelayMs: 5_000,
  maxRetryDelayMs: 4 * 3_600_000,
  giveUpAfterMs: 24 * 3_600_000,
};

/**
 * When attempt number `attempts + 1` runs, after `attempts` failures in a window that began at
 * `firstAttemptAtMs`; undefined when the window is over. The last retry lands exactly at the window's end,
 * so the receiver is given the full 24 hours.
 */
export function nextWebhookAttemptAt(
  input: { attempts: number; firstAttemptAtMs: number; nowMs: number },
  policy: WebhookRetryPolicy = DEFAULT_WEBHOOK_RETRY_POLICY,
): number | undefined {
  const deadline = input.firstAttemptAtMs + policy.giveUpAfterMs;
  if (input.nowMs >= deadline) return undefined;
  const delayMs = Math.min(
    policy.maxRetryDelayMs,
    policy.firstRetryDelayMs * 2 ** Math.max(0, input.attempts - 1),
  );
  return Math.min(input.nowMs + delayMs, deadline);
}
