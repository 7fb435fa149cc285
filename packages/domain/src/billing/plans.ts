import type { BillingPlan, CallRow } from '@receptionist/db';

/**
 * The plans, and the minutes each includes per billing period. The price lives in Polar (each paid plan is
 * a Polar product: a fixed monthly price plus a metered price per minute past the included ones); here is
 * only what the product needs to decide and to show.
 */
export const PLAN_CATALOGUE: Readonly<Record<BillingPlan, { name: string; includedMinutes: number }>> = {
  /** Every new business: a one-off allowance to try the receptionist, no period, no card. */
  trial: { name: 'Trial', includedMinutes: 30 },
  starter: { name: 'Starter', includedMinutes: 300 },
  pro: { name: 'Pro', includedMinutes: 1500 },
};

/** The share of the included minutes at which the owner is warned, and at which the limit applies. */
export const USAGE_WARNING_PERCENTS = [80, 100] as const;

/**
 * Calls that never reached the receptionist: nobody answered, or TwiML alone handled them (after-hours
 * dial or voicemail, the usage limit's voicemail, a draining server). They cost no AI time and bill 0.
 */
const UNANSWERED_STATUSES: ReadonlySet<string> = new Set(['busy', 'no_answer', 'canceled']);
const TWIML_ONLY_END_REASONS = /^(after_hours_|usage_limit_|server_draining$)/;

/**
 * THE ROUNDING RULE. Each ended call bills its own duration, from the call row's start to its end,
 * rounded UP to the whole second (a 61.2 s call bills 62 s), with no per-call minimum; a call that never
 * reached the receptionist bills 0 s. Minutes shown and compared with a plan are the period's total
 * seconds divided by 60, rounded up (`minutesOf`). Polar receives seconds, so its meter agrees to the second.
 */
export function billableSecondsOf(call: Pick<CallRow, 'status' | 'endReason' | 'durationMs'>): number {
  if (UNANSWERED_STATUSES.has(call.status)) return 0;
  if (call.endReason !== null && TWIML_ONLY_END_REASONS.test(call.endReason)) return 0;
  return Math.ceil(Math.max(0, call.durationMs ?? 0) / 1000);
}

/** Whole minutes for a number of billable seconds, rounded up. */
export function minutesOf(billableSeconds: number): number {
  return Math.ceil(billableSeconds / 60);
}
