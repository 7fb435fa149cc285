import type { Metadata } from 'next';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { transfersDraft } from './draft.ts';
import { TransfersForm } from './transfers-form.tsx';

export const metadata: Metadata = { title: 'Transfers' };

export default async function TransfersPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  return (
    <SectionFrame
      businessId={businessId}
      slug="transfers"
      description="Who callers can be put through to, the fallback line and where transfers may ring."
    >
      <TransfersForm businessId={businessId} initial={transfersDraft(profile)} readOnly={!isOwner} />
    </SectionFrame>
  );
}
