import { loadBusinessProfile } from '@receptionist/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PROFILE_SECTIONS } from '../../../../components/settings/sections.ts';
import { PageHeader } from '../../../../components/ui.tsx';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { readTenant } from '../../../../server/queries/tenant.ts';
import { ConnectSection } from './connect-section.tsx';

export const metadata: Metadata = { title: 'Settings' };

/** Every settings page with a line on what it holds now; each page saves on its own. */
export default async function SettingsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { membership } = await requireBusinessAccess(businessId);
  const db = await getDb();
  const [profile, members] = await Promise.all([
    loadBusinessProfile(db, businessId),
    readTenant(db, businessId).members.list(),
  ]);
  const isOwner = membership.role === 'owner';
  const entries = [
    ...PROFILE_SECTIONS.map((section) => ({
      slug: section.slug,
      title: section.title,
      summary: section.summary(profile),
    })),
    {
      slug: 'staff',
      title: 'Staff',
      summary: `${members.length} ${members.length === 1 ? 'member' : 'members'}`,
    },
    { slug: 'notifications', title: 'Notifications', summary: 'Who is emailed or texted, and about what' },
    {
      slug: 'outbound',
      title: 'Reminders & outbound',
      summary: 'Reminder calls, callbacks and their limits',
    },
    { slug: 'calendar', title: 'Calendar', summary: 'Google Calendar and calendar feeds' },
  ];
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          isOwner
            ? 'Everything the receptionist knows about your business. Changes reach the next call.'
            : 'Everything the receptionist knows about your business. Only owners can change it.'
        }
      />
      <div className="space-y-8">
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="settings-sections">
          {entries.map((entry) => (
            <li key={entry.slug}>
              <Link
                href={`/b/${businessId}/settings/${entry.slug}`}
                className="block h-full rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-brand-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                data-testid={`settings-link-${entry.slug}`}
              >
                <span className="block text-sm font-semibold text-slate-900">{entry.title}</span>
                <span className="mt-1 block break-words text-sm text-slate-600">{entry.summary}</span>
              </Link>
            </li>
          ))}
        </ul>
        <ConnectSection businessId={businessId} isOwner={isOwner} />
      </div>
    </>
  );
}
