import type { Metadata } from 'next';
import { TestCall } from '../../../../components/test-call/test-call.tsx';
import { PageHeader } from '../../../../components/ui.tsx';
import { requireBusinessAccess } from '../../../../server/auth/current-user.ts';

export const metadata: Metadata = { title: 'Test call' };

export default async function TestCallPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { membership } = await requireBusinessAccess(businessId);
  return (
    <>
      <PageHeader
        title="Test call"
        description="Talk to your receptionist from the browser: the same engine, tools and call log as a phone call."
      />
      <TestCall businessId={businessId} businessName={membership.businessName} />
    </>
  );
}
