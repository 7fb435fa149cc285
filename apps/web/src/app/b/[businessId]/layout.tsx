import Link from 'next/link';
import type { ReactNode } from 'react';
import { DashboardSidebar } from '../../../components/dashboard-sidebar.tsx';
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
      <DashboardSidebar
        brand={
          <Link href="/" className="flex items-center gap-2.5 rounded-md px-2">
            <span
              aria-hidden="true"
              className="flex h-8 w-8 items-center justify-center rounded-lg bg-brand-600 text-xs font-bold text-white"
            >
              AI
            </span>
            <span className="text-sm font-semibold">AI Receptionist</span>
          </Link>
        }
      >
        <details className="group rounded-lg ring-1 ring-slate-200">
          <summary className="cursor-pointer list-none rounded-lg px-3 py-2">
            <span className="block text-xs text-slate-600">Business</span>
            <span className="block truncate text-sm font-medium" data-testid="business-name">
              {membership.businessName}
            </span>
          </summary>
          <div className="border-t border-slate-100 p-1">
            {memberships.map((m) => (
              <Link
                key={m.businessId}
                href={`/b/${m.businessId}`}
                className="block truncate rounded px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
              >
                {m.businessName}
              </Link>
            ))}
            <Link
              href="/onboarding"
              className="block rounded px-2 py-1.5 text-sm font-medium text-brand-700 hover:bg-slate-100"
            >
              + New business
            </Link>
          </div>
        </details>
        <SidebarNav businessId={businessId} />
        <div className="mt-auto space-y-2 border-t border-slate-100 pt-4">
          <p className="truncate px-2 text-xs text-slate-600">{user.email}</p>
          <form action={signOutAction}>
            <button
              type="submit"
              className="w-full rounded px-2 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100"
            >
              Sign out
            </button>
          </form>
          <form action={signOutEverywhereAction}>
            <button
              type="submit"
              className="w-full rounded px-2 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100"
            >
              Sign out everywhere
            </button>
          </form>
        </div>
      </DashboardSidebar>
      <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 px-4 py-8 outline-none md:px-10">
        {children}
      </main>
    </div>
  );
}
