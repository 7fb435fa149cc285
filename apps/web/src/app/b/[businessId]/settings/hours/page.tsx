import type { Metadata } from 'next';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { hoursDraft } from './draft.ts';
import { HoursForm } from './hours-form.tsx';

export const metadata: Metadata = { title: 'Hours & breaks' };

export default async function HoursPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  return (
    <SectionFrame
      businessId={businessId}
      slug="hours"
      description={`Opening hours in ${profile.timeZone}, with breaks such as lunch.`}
    >
      <HoursForm businessId={businessId} initial={hoursDraft(profile)} readOnly={!isOwner} />
    </SectionFrame>
  );
}
