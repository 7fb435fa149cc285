import Link from 'next/link';
import { buttonClass, cx } from '../ui.tsx';
import type { LandingPlan } from './plans.ts';

const minutes = new Intl.NumberFormat('en-US');

/** The plans from the catalogue; prices are Polar's and shown at checkout, never typed into this page. */
export function Pricing({ plans, billingOn }: { plans: LandingPlan[]; billingOn: boolean }) {
  return (
    <section id="pricing" aria-labelledby="pricing-title" className="scroll-mt-8">
      <h2 id="pricing-title" className="text-2xl font-semibold tracking-tight text-slate-900">
        Pricing
      </h2>
      <p className="mt-2 max-w-2xl text-slate-600">
        Every business starts with free trial minutes, no card needed. A plan includes call minutes each
        month; you choose what happens past them: take messages at no extra cost, or keep answering and pay
        per minute.
        {billingOn ? ' Prices are shown at checkout.' : ' Payments are not set up on this installation.'}
      </p>
      <ul className="mt-6 grid gap-4 md:grid-cols-3" data-testid="pricing-plans">
        {plans.map((plan) => (
          <li
            key={plan.plan}
            data-plan={plan.plan}
            className={cx(
              'flex flex-col rounded-xl bg-white p-6 shadow-sm ring-1',
              plan.plan === 'starter' ? 'ring-2 ring-brand-600' : 'ring-slate-200',
            )}
          >
            <h3 className="text-lg font-semibold text-slate-900" data-testid="plan-name">
              {plan.name}
            </h3>
            <p className="mt-3">
              <span
                className="text-3xl font-semibold tracking-tight text-slate-900"
                data-testid="plan-minutes"
              >
                {minutes.format(plan.includedMinutes)}
              </span>{' '}
              <span className="text-sm text-slate-600">
                call minutes {plan.allowance === 'once' ? 'to try it' : 'a month'}
              </span>
            </p>
            <p className="mt-2 flex-1 text-sm text-slate-600">
              {plan.allowance === 'once'
                ? 'Set up your business and take real calls. No card, no time limit on the allowance.'
                : plan.purchasable
                  ? 'Monthly subscription through Polar; cancel any time from the billing page.'
                  : 'Not on sale on this installation.'}
            </p>
            <Link
              href="/sign-in?mode=register"
              className={buttonClass(plan.plan === 'starter' ? 'primary' : 'secondary', 'mt-5')}
            >
              {plan.allowance === 'once' ? 'Start free' : `Start with ${plan.name}`}
              <span className="sr-only"> (create an account)</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
