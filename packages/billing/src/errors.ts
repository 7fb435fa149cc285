/**
 * Why a call to Polar did not happen, in words a business owner can be shown. `code` is machine-readable:
 * `polar_unavailable` (network, timeout, 5xx: try again later), `polar_rate_limited` (429),
 * `polar_rejected` (4xx: our request or configuration is wrong), `billing_not_configured`.
 */
export type BillingErrorCode =
  | 'polar_unavailable'
  | 'polar_rate_limited'
  | 'polar_rejected'
  | 'billing_not_configured'
  | 'unknown_plan';

export class BillingProviderError extends Error {
  readonly code: BillingErrorCode;
  readonly status: number | undefined;
  constructor(code: BillingErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status;
  }

  /** Worth retrying later (Polar down or throttling), as opposed to a request Polar will always refuse. */
  get retryable(): boolean {
    return this.code === 'polar_unavailable' || this.code === 'polar_rate_limited';
  }
}
