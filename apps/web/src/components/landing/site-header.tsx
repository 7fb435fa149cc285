import Link from 'next/link';
import { buttonClass } from '../ui.tsx';

/** The visitor's header: brand, pricing, sign-in and register. No client code, no external assets. */
export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="flex items-center gap-2.5 rounded-md">
          <span
            aria-hidden="true"
            className="flex h-8 w-8 items-center justify-center rounded-lg bg-brand-600 text-xs font-bold text-white"
          >
            AI
          </span>
          <span className="text-sm font-semibold">AI Receptionist</span>
        </Link>
        <nav aria-label="Site" className="flex items-center gap-1 text-sm">
          <a
            href="/#pricing"
            className="hidden rounded-md px-3 py-2 text-slate-700 hover:bg-slate-100 sm:inline-block"
          >
            Pricing
          </a>
          <Link
            href="/sign-in"
            className="rounded-md px-3 py-2 font-medium text-slate-700 hover:bg-slate-100"
          >
            Sign in
          </Link>
          <Link href="/sign-in?mode=register" className={buttonClass('primary')}>
            Create account
          </Link>
        </nav>
      </div>
    </header>
  );
}
