import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { SiteHeader } from '../../components/landing/site-header.tsx';
import { TestCall } from '../../components/test-call/test-call.tsx';
import { publicDemoBusiness } from '../../server/public-demo.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Call the demo' };

/**
 * The public demo: the same browser test call owners use, on the seeded demo business, for visitors
 * without an account. Tickets come from `/api/demo/sessions`, which can name no other business.
 */
export default async function DemoCallPage() {
  const demo = await publicDemoBusiness();
  if (demo === undefined) notFound();
  return (
    <>
      <SiteHeader />
      <main id="main-content" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 outline-none">
        <div className="mb-6">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Call the demo</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            {demo.name} is a made-up dental practice. Ask about opening hours or prices, book a cleaning, or
            leave a message: speak through your microphone or type. The call is kept in the demo
            business&apos;s call log, so please use made-up names and numbers.
          </p>
        </div>
        <TestCall businessId={demo.id} businessName={demo.name} ticketEndpoint="/api/demo/sessions" />
        <p className="mt-8 text-sm text-slate-600">
          Like it?{' '}
          <Link
            href="/sign-in?mode=register"
            className="font-medium text-brand-700 underline underline-offset-2"
          >
            Create an account
          </Link>{' '}
          to set up a receptionist for your own business.
        </p>
      </main>
    </>
  );
}
