import { PLAN_CATALOGUE, readUsage, tenantContext, type UsageReport } from '@receptionist/domain';
import type { Metadata } from 'next';
import { Badge, type BadgeTone, buttonClass, Card, PageHeader, Stat } from '../../../../components/ui.tsx';
import { getEnv } from '../../../../env.ts';
import { formatDate } from '../../../../lib/format.ts';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { getPolarBilling } from '../../../../server/billing/polar.ts';
import { systemClock } from '../../../../server/clock.ts';
import { getDb } from '../../../../server/db.ts';
import { loadBusinessTimeZone } from '../../../../server/queries/business.ts';
import { openPortalAction, setOverageAction, startCheckoutAction } from './actions.ts';
import { UsageBars } from './usage-bars.tsx';

export const metadata: Metadata = { title: 'Billing' };

const ERRORS: Record<string, string> = {
  polar_unavailable:
    'Polar, our payment provider, could not be reached. Nothing was changed; please try again in a few minutes.',
  polar_rate_limited: 'Polar is busy right now. Nothing was changed; please try again in a minute.',
  polar_rejected:
    'Polar refused the request. If you have never subscribed, there is no billing account to manage yet; otherwise check the Polar settings.',
  billing_not_configured: 'Billing is not set up on this installation.',
  invalid_input: 'That choice is not valid.',
};

const STATUS_TONES: Partial<Record<UsageReport['status'], BadgeTone>> = {
  active: 'green',
  trialing: 'blue',
  past_due: 'amber',
  canceled: 'red',
  revoked: 'red',
  unpaid: 'red',
};

export default async function BillingPage({
  params,
  searchParams,
}: {
  params: Promise<{ businessId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { businessId } = await params;
  const query = await searchParams;
  const { user, membership } = await requireBusinessAccess(businessId);
  const isOwner = membership.role === 'owner';
  const db = await getDb();
  const timeZone = await loadBusinessTimeZone(db, businessId);
  const usage = await readUsage({
    ctx: {
      ...tenantContext(db, businessId, { kind: 'staff', userId: user.id }),
      nowMs: systemClock(),
    },
    input: {},
  });
  const billingOn = getPolarBilling() !== undefined;
  const products = getEnv().polar.products;
  const error =
    typeof query.error === 'string' ? (ERRORS[query.error] ?? 'Something went wrong.') : undefined;
  const usedPercent =
    usage.includedMinutes === 0 ? 100 : Math.round((usage.minutes / usage.includedMinutes) * 100);
  const subscribed = usage.plan !== 'trial' && usage.includedMinutes > 0;

  return (
    <>
      <PageHeader
        title="Billing"
        description="Your plan, the call minutes you have used this period, and what happens at the limit."
      />
      {error ? (
        <div role="alert" className="mb-6 rounded-lg bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </div>
      ) : null}
      {query.checkout === 'success' ? (
        <div
          role="status"
          className="mb-6 rounded-lg bg-emerald-50 p-4 text-sm text-emerald-800 ring-1 ring-emerald-200"
        >
          {subscribed
            ? `Thank you! You are on the ${PLAN_CATALOGUE[usage.plan].name} plan.`
            : 'Thank you! Your payment is being confirmed; this page shows the new plan as soon as Polar tells us.'}
        </div>
      ) : null}
      {billingOn ? null : (
        <div className="mb-6 rounded-lg bg-slate-50 p-4 text-sm text-slate-700 ring-1 ring-slate-200">
          Billing is off on this installation (no Polar access token). Minutes are still counted below.
        </div>
      )}

      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Stat
          label="Plan"
          value={<span data-testid="billing-plan">{PLAN_CATALOGUE[usage.plan].name}</span>}
          hint={
            <Badge tone={STATUS_TONES[usage.status] ?? 'gray'}>{usage.status.replaceAll('_', ' ')}</Badge>
          }
        />
        <Stat
          label="Minutes used"
          value={
            <span data-testid="billing-minutes">
              {usage.minutes} / {usage.includedMinutes}
            </span>
          }
          hint={`${usedPercent}% of included minutes · ${usage.calls} ${usage.calls === 1 ? 'call' : 'calls'}`}
        />
        <Stat
          label={usage.periodEnd === null ? 'Trial since' : 'Current period'}
          value={formatDate(Date.parse(usage.periodStart), timeZone)}
          hint={
            usage.periodEnd === null
              ? 'The trial allowance does not expire'
              : `until ${formatDate(Date.parse(usage.periodEnd), timeZone)}`
          }
        />
      </div>

      <Card title="Minutes per day" className="mb-6">
        <UsageBars days={usage.days} />
      </Card>

      {isOwner ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Plans">
            <ul className="space-y-3">
              {(['starter', 'pro'] as const).map((plan) => {
                const current = usage.plan === plan && subscribed;
                return (
                  <li key={plan} className="flex items-center justify-between gap-4">
                    <div>
                      <p className="font-medium text-slate-900">{PLAN_CATALOGUE[plan].name}</p>
                      <p className="text-sm text-slate-500">
                        {PLAN_CATALOGUE[plan].includedMinutes} call minutes a month included
                      </p>
                    </div>
                    {current ? (
                      <Badge tone="green">current plan</Badge>
                    ) : billingOn && products[plan] !== undefined ? (
                      <form action={startCheckoutAction}>
                        <input type="hidden" name="businessId" value={businessId} />
                        <input type="hidden" name="plan" value={plan} />
                        <button type="submit" className={buttonClass('primary')}>
                          Choose {PLAN_CATALOGUE[plan].name}
                        </button>
                      </form>
                    ) : (
                      <span className="text-sm text-slate-500">not available</span>
                    )}
                  </li>
                );
              })}
            </ul>
            {billingOn && usage.plan !== 'trial' ? (
              <form action={openPortalAction} className="mt-4 border-t border-slate-100 pt-4">
                <input type="hidden" name="businessId" value={businessId} />
                <button type="submit" className={buttonClass('secondary')}>
                  Invoices, payment method and cancellation
                </button>
              </form>
            ) : null}
          </Card>

          <Card title="At the limit">
            <form action={setOverageAction} className="space-y-3">
              <input type="hidden" name="businessId" value={businessId} />
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="overageBehaviour"
                  value="take_message"
                  defaultChecked={usage.overageBehaviour === 'take_message'}
                />
                <span>Take a message and promise a call back (no extra cost)</span>
              </label>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="overageBehaviour"
                  value="bill_overage"
                  defaultChecked={usage.overageBehaviour === 'bill_overage'}
                />
                <span>Keep answering and bill the extra minutes (paid plans only)</span>
              </label>
              <button type="submit" className={buttonClass('secondary')}>
                Save
              </button>
              {query.saved === '1' ? <span className="ml-3 text-sm text-emerald-700">Saved</span> : null}
            </form>
            <p className="mt-3 text-xs text-slate-500">
              You are emailed at 80% and 100% of your included minutes. A call in progress is never cut off.
            </p>
          </Card>
        </div>
      ) : null}
    </>
  );
}
