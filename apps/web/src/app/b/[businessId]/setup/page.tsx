import type { Metadata } from 'next';
import { ButtonLink, PageHeader } from '../../../../components/ui.tsx';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';
import { ConnectSection } from '../settings/connect-section.tsx';

export const metadata: Metadata = { title: 'Connect' };

/** The last onboarding step: connect a Twilio number and invite the team (both optional). */
export default async function SetupPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { membership } = await requireBusinessAccess(businessId);
  return (
    <>
      <PageHeader
        title={`${membership.businessName} is ready`}
        description="Connect your Twilio number and add your team. You can skip both and place a test call right away."
        actions={
          <>
            <ButtonLink variant="secondary" href={`/b/${businessId}`}>
              Go to dashboard
            </ButtonLink>
            <ButtonLink href={`/b/${businessId}/test`}>Place a test call</ButtonLink>
          </>
        }
      />
      <ConnectSection businessId={businessId} isOwner={membership.role === 'owner'} />
    </>
  );
}
