import { type Executor, forBusiness } from '@receptionist/db';
import { minutesOf } from './plans.ts';
import { type BillingState, loadBillingState, periodRangeOf } from './state.ts';

/**
 * How a call is answered as far as billing goes, decided once when it rings and never again: a plan that
 * lapses or a limit reached during a call changes nothing for that caller.
 * - `answer`: within the plan's minutes, or past them with overage billing on (`overage` says which);
 * - `take_message`: past the limit without overage (or with no subscription to bill it to): the caller
 *   is greeted, asked for a message and promised a call back, with no AI time spent.
 */
export type CallEntitlement =
  | { kind: 'answer'; overage: boolean }
  | { kind: 'take_message'; reason: 'trial_used' | 'plan_limit' | 'subscription_lapsed' };

export function callEntitlementOf(state: BillingState, usedSeconds: number): CallEntitlement {
  if (state.lapsed) return { kind: 'take_message', reason: 'subscription_lapsed' };
  if (usedSeconds < state.includedMinutes * 60) return { kind: 'answer', overage: false };
  if (state.subscribed && state.overageBehaviour === 'bill_overage') return { kind: 'answer', overage: true };
  return { kind: 'take_message', reason: state.plan === 'trial' ? 'trial_used' : 'plan_limit' };
}

/** The entitlement of a business's next call, from its current period's usage. */
export async function checkCallEntitlement({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: { businessId: string };
}): Promise<CallEntitlement & { minutesUsed: number; includedMinutes: number }> {
  const tenant = forBusiness(ctx.db, input.businessId);
  const state = await loadBillingState(tenant);
  const { billableSeconds } = await tenant.billing.totals(periodRangeOf(state));
  return {
    ...callEntitlementOf(state, billableSeconds),
    minutesUsed: minutesOf(billableSeconds),
    includedMinutes: state.includedMinutes,
  };
}
