import type { Metadata } from 'next';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { servicesDraft } from './draft.ts';
import { ServicesForm } from './services-form.tsx';

export const metadata: Metadata = { title: 'Services' };

export default async function ServicesPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  return (
    <SectionFrame
      businessId={businessId}
      slug="services"
      description="What callers can book: how long it takes, what it costs and the time kept free after it."
    >
      <ServicesForm
        businessId={businessId}
        initial={servicesDraft(profile)}
        currency={profile.currency}
        readOnly={!isOwner}
      />
    </SectionFrame>
  );
}
