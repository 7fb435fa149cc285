import type { Metadata } from 'next';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { recordingDraft } from './draft.ts';
import { RecordingForm } from './recording-form.tsx';

export const metadata: Metadata = { title: 'Recording & retention' };

export default async function RecordingPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  return (
    <SectionFrame
      businessId={businessId}
      slug="recording"
      description="Whether whole calls are recorded, and how long the recordings are kept."
    >
      <RecordingForm businessId={businessId} initial={recordingDraft(profile)} readOnly={!isOwner} />
    </SectionFrame>
  );
}
