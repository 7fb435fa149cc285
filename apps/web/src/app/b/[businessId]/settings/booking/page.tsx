import type { Metadata } from 'next';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { BookingForm } from './booking-form.tsx';
import { bookingDraft } from './draft.ts';

export const metadata: Metadata = { title: 'Booking rules' };

export default async function BookingSettingsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  return (
    <SectionFrame
      businessId={businessId}
      slug="booking"
      description="How soon and how far ahead callers may book, and until when they may cancel."
    >
      <BookingForm businessId={businessId} initial={bookingDraft(profile)} readOnly={!isOwner} />
    </SectionFrame>
  );
}
