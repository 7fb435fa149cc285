import { DateTime } from 'luxon';
import type { Metadata } from 'next';
import { systemClock } from '../../../../../server/clock.ts';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { ClosuresForm } from './closures-form.tsx';
import { closuresDraft } from './draft.ts';

export const metadata: Metadata = { title: 'Closures & holidays' };

export default async function ClosuresPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  const today = DateTime.fromMillis(systemClock(), { zone: profile.timeZone }).toISODate() ?? '';
  return (
    <SectionFrame
      businessId={businessId}
      slug="closures"
      description="Whole days you are closed: holidays, training days, a week away. Callers hear you are closed."
    >
      <ClosuresForm
        businessId={businessId}
        initial={closuresDraft(profile)}
        today={today}
        readOnly={!isOwner}
      />
    </SectionFrame>
  );
}
