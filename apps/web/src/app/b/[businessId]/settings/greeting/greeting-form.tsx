'use client';

import { PathTextarea } from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { useDraft } from '../../../../../components/settings/use-draft.ts';
import { type GreetingDraft, greetingPatch } from './draft.ts';

export function GreetingForm({
  businessId,
  initial,
  readOnly,
}: {
  businessId: string;
  initial: GreetingDraft;
  readOnly: boolean;
}) {
  const { draft, set } = useDraft(initial);
  return (
    <SettingsForm businessId={businessId} section="greeting" patch={greetingPatch(draft)} readOnly={readOnly}>
      <PathTextarea
        path="greeting"
        label="Greeting"
        hint="The first thing callers hear, in the primary language (up to 500 characters)."
        value={draft.greeting}
        onValueChange={set('greeting')}
      />
      <PathTextarea
        path="aiDisclosure"
        label="AI disclosure"
        hint="Said right after the greeting, so callers know they are talking to an AI. Empty: a plain default sentence."
        value={draft.aiDisclosure}
        onValueChange={set('aiDisclosure')}
        rows={2}
      />
    </SettingsForm>
  );
}
