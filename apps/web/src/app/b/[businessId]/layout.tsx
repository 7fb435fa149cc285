import Link from 'next/link';
import type { ReactNode } from 'react';
import { SidebarNav } from '../../../components/sidebar-nav.tsx';
import { listMemberships } from '../../../server/auth/accounts.ts';
import { requireBusinessAccess } from '../../../server/auth/current-user.ts';
import { getDb } from '../../../server/db.ts';
import { signOutAction, signOutEverywhereAction } from '../../sign-in/actions.ts';

export default async function BusinessLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ businessId: string }>;
}) {
  const { businessId } = await params;
  const { user, membership } = await requireBusinessAccess(businessId);
  const memberships = await listMemberships(await getDb(), user.id);
  return (
    <div className="min-h-screen md:flex">
      <aside className="border-b border-slate-200 bg-white md:sticky md:top-0 md:h-screen md:w-60 md:shrink-0 md:border-b-0 md:border-r">
        <div className="flex h-full flex-col gap-6 p-4">
          <Link href="/" className="flex items-center gap-2.5 px-2">
            <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-brand-600 text-xs font-bold text-white">
              AI
            </span>
            <span className="text-sm font-semibold">AI Receptionist</span>
          </Link>
          <details className="group rounded-lg ring-1 ring-slate-200">
            <summary className="cursor-pointer list-none px-3 py-2">
              <span className="block text-xs text-slate-500">Business</span>
              <span className="block truncate text-sm font-medium" data-testid="business-name">
                {membership.businessName}
              </span>
            </summary>
            <div className="border-t border-slate-100 p-1">
              {memberships.map((m) => (
                <Link
                  key={m.businessId}
                  href={`/b/${m.businessId}`}
                  className="block truncate rounded px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100"
                >
                  {m.businessName}
                </Link>
              ))}
              <Link
                href="/onboarding"
                className="block rounded px-2 py-1.5 text-sm font-medium text-brand-600 hover:bg-slate-100"
              >
                + New business
              </Link>
            </div>
          </details>
          <SidebarNav businessId={businessId} />
          <div className="mt-auto hidden space-y-2 border-t border-slate-100 pt-4 md:block">
            <p className="truncate px-2 text-xs text-slate-500">{user.email}</p>
            <form action={signOutAction}>
              <button
                type="submit"
                className="w-full rounded px-2 py-1.5 text-left text-sm text-slate-600 hover:bg-slate-100"
              >
                Sign out
              </button>
            </form>
            <form action={signOutEverywhereAction}>
              <button
                type="submit"
                className="w-full rounded px-2 py-1.5 text-left text-sm text-slate-600 hover:bg-slate-100"
              >
                Sign out everywhere
              </button>
            </form>
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-8 md:px-10">{children}</main>
    </div>
  );
}
