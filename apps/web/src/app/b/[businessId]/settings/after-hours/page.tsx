import type { Metadata } from 'next';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { AfterHoursForm } from './after-hours-form.tsx';
import { afterHoursDraft } from './draft.ts';

export const metadata: Metadata = { title: 'After hours' };

export default async function AfterHoursPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  return (
    <SectionFrame
      businessId={businessId}
      slug="after-hours"
      description="What the receptionist does with calls outside your opening hours and on closures."
    >
      <AfterHoursForm
        businessId={businessId}
        initial={afterHoursDraft(profile)}
        destinations={profile.transferDestinations}
        readOnly={!isOwner}
      />
    </SectionFrame>
  );
}
