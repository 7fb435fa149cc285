import type { Metadata } from 'next';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { BusinessForm } from './business-form.tsx';
import { businessDraft } from './draft.ts';

export const metadata: Metadata = { title: 'Business details' };

export default async function BusinessDetailsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  return (
    <SectionFrame
      businessId={businessId}
      slug="business"
      description="Your name, time zone, address and the receptionist’s voice."
    >
      <BusinessForm businessId={businessId} initial={businessDraft(profile)} readOnly={!isOwner} />
    </SectionFrame>
  );
}
