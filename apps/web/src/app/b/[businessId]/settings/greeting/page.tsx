import type { Metadata } from 'next';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { greetingDraft } from './draft.ts';
import { GreetingForm } from './greeting-form.tsx';

export const metadata: Metadata = { title: 'Greeting & AI disclosure' };

export default async function GreetingPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  return (
    <SectionFrame
      businessId={businessId}
      slug="greeting"
      description="What the receptionist says when it answers. Other languages’ greetings are under Languages."
    >
      <GreetingForm businessId={businessId} initial={greetingDraft(profile)} readOnly={!isOwner} />
    </SectionFrame>
  );
}
