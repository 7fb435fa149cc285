import { PLAN_CATALOGUE } from '@receptionist/domain';

type BillingPlan = keyof typeof PLAN_CATALOGUE;

/** One plan as the landing page shows it: everything comes from the plan catalogue and the billing settings. */
export interface LandingPlan {
  plan: BillingPlan;
  name: string;
  includedMinutes: number;
  /** `once`: the trial's one-off allowance; `month`: a paid plan's minutes per billing period. */
  allowance: 'once' | 'month';
  /** A paid plan can be bought here only when its Polar product is configured. */
  purchasable: boolean;
}

/**
 * The catalogue in its own order (trial first), so a plan added to `PLAN_CATALOGUE` appears on the page
 * without touching it. Prices are not here on purpose: they live in Polar and are shown at checkout.
 */
export function landingPlans(
  products: Partial<Record<BillingPlan, string>>,
  catalogue: Readonly<Record<BillingPlan, { name: string; includedMinutes: number }>> = PLAN_CATALOGUE,
): LandingPlan[] {
  return (Object.keys(catalogue) as BillingPlan[]).map((plan) => ({
    plan,
    name: catalogue[plan].name,
    includedMinutes: catalogue[plan].includedMinutes,
    allowance: plan === 'trial' ? 'once' : 'month',
    purchasable: plan === 'trial' || products[plan] !== undefined,
  }));
}
