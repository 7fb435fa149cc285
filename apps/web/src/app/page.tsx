import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { landingPlans } from '../components/landing/plans.ts';
import { LandingPage } from '../components/landing/landing-page.tsx';
import { getEnv } from '../env.ts';
import { listMemberships } from '../server/auth/accounts.ts';
import { getCurrentUser } from '../server/auth/current-user.ts';
import { getPolarBilling } from '../server/billing/polar.ts';
import { getDb } from '../server/db.ts';
import { publicDemoBusiness } from '../server/public-demo.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { absolute: 'AI Receptionist: your phone line, answered' },
  description:
    'A voice AI receptionist for small businesses: answers calls, books appointments, takes messages and transfers calls.',
};

/** Signed in with a business → its dashboard; without one → onboarding; a visitor → the landing page. */
export default async function Home() {
  const user = await getCurrentUser();
  if (user !== null) {
    const [first] = await listMemberships(await getDb(), user.id);
    redirect(first === undefined ? '/onboarding' : `/b/${first.businessId}`);
  }
  return (
    <LandingPage
      demo={await publicDemoBusiness()}
      plans={landingPlans(getEnv().polar.products)}
      billingOn={getPolarBilling() !== undefined}
    />
  );
}
