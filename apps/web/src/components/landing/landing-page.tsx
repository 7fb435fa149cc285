import Link from 'next/link';
import type { DemoBusiness } from '../../server/queries/demo.ts';
import { buttonClass } from '../ui.tsx';
import type { LandingPlan } from './plans.ts';
import { Pricing } from './pricing.tsx';
import { SiteHeader } from './site-header.tsx';

const FEATURES = [
  {
    title: 'Answers every call',
    text: 'Day and night, in your languages, with your greeting and an honest AI disclosure. After hours it follows your rules: voicemail, a message or your fallback number.',
  },
  {
    title: 'Books appointments',
    text: 'Checks your hours, lunch breaks, closures, buffers and lead time before it promises a slot, and can keep a Google Calendar in step.',
  },
  {
    title: 'Takes messages and transfers',
    text: 'Writes down who called and why, or puts the caller through to the right person when your rules say so.',
  },
  {
    title: 'A log you can trust',
    text: 'Every call with its transcript, summary and what the receptionist did. It never confirms a booking that did not happen.',
  },
  {
    title: 'Your phone number',
    text: 'Bring a Twilio number or test from the browser. Calls run on OpenAI Realtime or on a fully offline engine.',
  },
  {
    title: 'Open to your tools',
    text: 'A REST API, signed webhooks, email and SMS notifications, and a daily digest of what happened.',
  },
] as const;

const STEPS = [
  'Create an account and describe your business: hours, services, answers to common questions.',
  'Make a test call from the browser and hear how it answers.',
  'Connect your phone number. Calls, bookings and messages show up in the dashboard.',
] as const;

/** The page a visitor sees at `/`: what the product does, the demo call, pricing, sign-in. */
export function LandingPage({
  demo,
  plans,
  billingOn,
}: {
  demo: DemoBusiness | undefined;
  plans: LandingPlan[];
  billingOn: boolean;
}) {
  return (
    <>
      <SiteHeader />
      <main id="main-content" tabIndex={-1} className="outline-none">
        <section aria-labelledby="hero-title" className="border-b border-slate-200 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-14 sm:py-20">
            <p className="text-sm font-semibold text-brand-700">Voice AI receptionist for small businesses</p>
            <h1
              id="hero-title"
              className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-slate-900 sm:text-5xl"
            >
              Your phone line, answered.
            </h1>
            <p className="mt-5 max-w-2xl text-lg text-slate-600">
              AI Receptionist picks up when you cannot: it answers questions, books, moves and cancels
              appointments, takes messages and transfers calls, then tells you what happened. Self-hostable,
              with your own phone number.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              {demo ? (
                <Link href="/demo" className={buttonClass('primary', 'px-5 py-3 text-base')}>
                  Call the demo
                </Link>
              ) : null}
              <Link href="/sign-in?mode=register" className={buttonClass('secondary', 'px-5 py-3 text-base')}>
                Create your account
              </Link>
            </div>
            {demo ? (
              <p className="mt-3 text-sm text-slate-600">
                Talk to {demo.name}, a made-up dental practice, from your browser. No account needed.
              </p>
            ) : null}
          </div>
        </section>

        <div className="mx-auto max-w-6xl space-y-16 px-4 py-14">
          <section aria-labelledby="features-title">
            <h2 id="features-title" className="text-2xl font-semibold tracking-tight text-slate-900">
              What it does
            </h2>
            <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {FEATURES.map((feature) => (
                <li key={feature.title} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
                  <h3 className="font-semibold text-slate-900">{feature.title}</h3>
                  <p className="mt-2 text-sm text-slate-600">{feature.text}</p>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="steps-title">
            <h2 id="steps-title" className="text-2xl font-semibold tracking-tight text-slate-900">
              Live in an afternoon
            </h2>
            <ol className="mt-6 grid gap-4 md:grid-cols-3">
              {STEPS.map((step, index) => (
                <li key={step} className="flex gap-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
                  <span
                    aria-hidden="true"
                    className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700"
                  >
                    {index + 1}
                  </span>
                  <p className="text-sm text-slate-700">{step}</p>
                </li>
              ))}
            </ol>
          </section>

          <Pricing plans={plans} billingOn={billingOn} />
        </div>
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-6 text-sm text-slate-600">
          <p>AI Receptionist: open source, self-hostable.</p>
          <p className="flex gap-4">
            <Link href="/sign-in" className="underline-offset-2 hover:underline">
              Sign in
            </Link>
            <Link href="/sign-in?mode=register" className="underline-offset-2 hover:underline">
              Create account
            </Link>
          </p>
        </div>
      </footer>
    </>
  );
}
