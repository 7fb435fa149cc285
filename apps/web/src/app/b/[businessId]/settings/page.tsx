import { loadBusinessProfile } from '@receptionist/domain';
import type { Metadata } from 'next';
import { profileToDraft } from '../../../../components/profile/profile-draft.ts';
import { ButtonLink, PageHeader } from '../../../../components/ui.tsx';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { getDb } from '../../../../server/db.ts';
import { ConnectSection } from './connect-section.tsx';
import { ProfileEditor } from './profile-editor.tsx';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { membership } = await requireBusinessAccess(businessId);
  const profile = await loadBusinessProfile(await getDb(), businessId);
  const isOwner = membership.role === 'owner';
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your business profile, hours, services, answers, transfers and limits."
        actions={
          <div className="flex gap-2">
            <ButtonLink variant="secondary" href={`/b/${businessId}/settings/notifications`}>
              Notifications
            </ButtonLink>
            <ButtonLink variant="secondary" href={`/b/${businessId}/settings/outbound`}>
              Reminders &amp; outbound
            </ButtonLink>
            <ButtonLink variant="secondary" href={`/b/${businessId}/settings/calendar`}>
              Calendar
            </ButtonLink>
          </div>
        }
      />
      <div className="space-y-8">
        <ConnectSection businessId={businessId} isOwner={isOwner} />
        <ProfileEditor businessId={businessId} initial={profileToDraft(profile)} readOnly={!isOwner} />
      </div>
    </>
  );
}
