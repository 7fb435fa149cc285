import { PLAN_CATALOGUE } from '@receptionist/domain';
import { describe, expect, it } from 'vitest';
import { landingPlans } from './plans.ts';

describe('landingPlans', () => {
  it('lists every catalogue plan with its name and minutes, trial first', () => {
    const plans = landingPlans({ starter: 'prod_s', pro: 'prod_p' });
    expect(plans.map((p) => p.plan)).toEqual(Object.keys(PLAN_CATALOGUE));
    for (const plan of plans) {
      expect(plan.name).toBe(PLAN_CATALOGUE[plan.plan].name);
      expect(plan.includedMinutes).toBe(PLAN_CATALOGUE[plan.plan].includedMinutes);
    }
    expect(plans[0]).toMatchObject({ plan: 'trial', allowance: 'once', purchasable: true });
    expect(plans.slice(1).every((p) => p.allowance === 'month' && p.purchasable)).toBe(true);
  });

  it('marks a paid plan without a configured Polar product as not purchasable', () => {
    const plans = landingPlans({ pro: 'prod_p' });
    expect(plans.find((p) => p.plan === 'starter')?.purchasable).toBe(false);
    expect(plans.find((p) => p.plan === 'pro')?.purchasable).toBe(true);
    expect(plans.find((p) => p.plan === 'trial')?.purchasable).toBe(true);
  });

  it('follows the catalogue it is given, so a new plan needs no page change', () => {
    const plans = landingPlans(
      { starter: 'a', pro: 'b' },
      {
        trial: { name: 'Try', includedMinutes: 5 },
        starter: { name: 'Small', includedMinutes: 50 },
        pro: { name: 'Big', includedMinutes: 500 },
      },
    );
    expect(plans.map((p) => `${p.name}:${p.includedMinutes}`)).toEqual(['Try:5', 'Small:50', 'Big:500']);
  });
});
