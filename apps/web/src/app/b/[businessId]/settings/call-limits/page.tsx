import type { Metadata } from 'next';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { CallLimitsForm } from './call-limits-form.tsx';
import { callLimitsDraft } from './draft.ts';

export const metadata: Metadata = { title: 'Call limits' };

export default async function CallLimitsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  return (
    <SectionFrame
      businessId={businessId}
      slug="call-limits"
      description="How long a call may last, and how long silence is waited out."
    >
      <CallLimitsForm businessId={businessId} initial={callLimitsDraft(profile)} readOnly={!isOwner} />
    </SectionFrame>
  );
}
