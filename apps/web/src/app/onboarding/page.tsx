import type { Metadata } from 'next';
import Link from 'next/link';
import { listMemberships } from '../../server/auth/accounts.ts';
import { requireUser } from '../../server/auth/current-user.ts';
import { getDb } from '../../server/db.ts';
import { OnboardingWizard } from './wizard.tsx';

export const metadata: Metadata = { title: 'Set up your business' };

export default async function OnboardingPage() {
  const user = await requireUser();
  const memberships = await listMemberships(await getDb(), user.id);
  return (
    <main id="main-content" tabIndex={-1} className="outline-none mx-auto max-w-3xl px-4 py-10">
      <div className="mb-8 flex items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Set up your receptionist</h1>
          <p className="mt-1 text-sm text-slate-500">
            Five short steps. You can change everything later in Settings.
          </p>
        </div>
        {memberships[0] ? (
          <Link className="text-sm text-brand-600 hover:underline" href={`/b/${memberships[0].businessId}`}>
            Back to dashboard
          </Link>
        ) : null}
      </div>
      <OnboardingWizard />
    </main>
  );
}
