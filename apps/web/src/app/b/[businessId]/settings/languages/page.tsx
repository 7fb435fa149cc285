import type { Metadata } from 'next';
import { languagesToDraft } from '../../../../../components/profile/language-draft.ts';
import { loadSectionPage, SectionFrame } from '../section-page.tsx';
import { LanguagesForm } from './languages-form.tsx';

export const metadata: Metadata = { title: 'Languages' };

export default async function LanguagesPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId, profile, isOwner } = await loadSectionPage(params);
  return (
    <SectionFrame
      businessId={businessId}
      slug="languages"
      description="The languages callers are served in, the keypad choice and the greeting in each."
    >
      <LanguagesForm
        businessId={businessId}
        initial={languagesToDraft(profile)}
        services={profile.services.map(({ id, name }) => ({ id, name }))}
        readOnly={!isOwner}
      />
    </SectionFrame>
  );
}
