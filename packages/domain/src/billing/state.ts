import type {
  BillingAccountRow,
  BillingPlan,
  BillingStatus,
  OverageBehaviour,
  TenantDb,
} from '@receptionist/db';
import { DomainError } from '../errors.ts';
import { PLAN_CATALOGUE } from './plans.ts';

/** Subscription statuses in which the plan's minutes are still owed (past_due: Polar is retrying payment). */
const ENTITLED_STATUSES: ReadonlySet<BillingStatus> = new Set(['trialing', 'active', 'past_due']);

/** A business's billing as the product acts on it: derived from its account row, or the trial without one. */
export interface BillingState {
  plan: BillingPlan;
  status: BillingStatus;
  /** Minutes of the current period the plan pays for (0 once a subscription has lapsed). */
  includedMinutes: number;
  /** Epoch ms; the trial's period starts when the business was created and never ends. */
  periodStartMs: number;
  periodEndMs: number | null;
  overageBehaviour: OverageBehaviour;
  /** A paid plan whose subscription still entitles the business to it. */
  subscribed: boolean;
  /** A paid subscription that ended, was revoked or never got paid: no minutes until the owner resubscribes. */
  lapsed: boolean;
  cancelAtPeriodEnd: boolean;
  /** Polar's customer id once a webhook told us (null before the first checkout). */
  polarCustomerId: string | null;
}

export function billingStateOf(
  account: BillingAccountRow | undefined,
  businessCreatedAt: number,
): BillingState {
  if (account === undefined || account.plan === 'trial') {
    return {
      plan: 'trial',
      status: 'trialing',
      includedMinutes: PLAN_CATALOGUE.trial.includedMinutes,
      periodStartMs: businessCreatedAt,
      periodEndMs: null,
      overageBehaviour: account?.overageBehaviour ?? 'take_message',
      subscribed: false,
      lapsed: false,
      cancelAtPeriodEnd: false,
      polarCustomerId: account?.polarCustomerId ?? null,
    };
  }
  const lapsed = !ENTITLED_STATUSES.has(account.status);
  return {
    plan: account.plan,
    status: account.status,
    includedMinutes: lapsed ? 0 : PLAN_CATALOGUE[account.plan].includedMinutes,
    periodStartMs: account.periodStart ?? businessCreatedAt,
    periodEndMs: account.periodEnd,
    // Overage needs a subscription to bill it to: a lapsed one takes messages.
    overageBehaviour: lapsed ? 'take_message' : account.overageBehaviour,
    subscribed: !lapsed,
    lapsed,
    cancelAtPeriodEnd: account.cancelAtPeriodEnd,
    polarCustomerId: account.polarCustomerId,
  };
}

/** The business's billing state now. */
export async function loadBillingState(tenant: TenantDb): Promise<BillingState> {
  const business = await tenant.business.get();
  if (business === undefined) throw new DomainError('business_not_found', 'This business no longer exists.');
  return billingStateOf(await tenant.billing.getAccount(), business.createdAt);
}

/** The window [from, to) the current period's usage is counted over. */
export function periodRangeOf(state: BillingState): { fromMs: number; toMs: number } {
  return { fromMs: state.periodStartMs, toMs: state.periodEndMs ?? Number.MAX_SAFE_INTEGER };
}
