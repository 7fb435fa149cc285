import type { Metadata } from 'next';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { faqDraft } from './draft.ts';
import { FaqForm } from './faq-form.tsx';

export const metadata: Metadata = { title: 'Questions & answers' };

export default async function FaqPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  return (
    <SectionFrame
      businessId={businessId}
      slug="faq"
      description="Answers the receptionist gives word for word: parking, insurance, policies."
    >
      <FaqForm businessId={businessId} initial={faqDraft(profile)} readOnly={!isOwner} />
    </SectionFrame>
  );
}
