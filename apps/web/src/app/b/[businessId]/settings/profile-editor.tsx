'use client';

import { useActionState, useState } from 'react';
import { LanguagesSection } from '../../../../components/profile/languages-section.tsx';
import { draftToProfileInput, type ProfileDraft } from '../../../../components/profile/profile-draft.ts';
import {
  BasicsSection,
  FaqSection,
  HoursSection,
  LimitsSection,
  ServicesSection,
  TransfersSection,
} from '../../../../components/profile/profile-sections.tsx';
import { buttonClass, FormError } from '../../../../components/ui.tsx';
import { type ActionState, saveProfileAction } from './actions.ts';

export function ProfileEditor({
  businessId,
  initial,
  readOnly,
}: {
  businessId: string;
  initial: ProfileDraft;
  readOnly: boolean;
}) {
  const [draft, setDraft] = useState(initial);
  const [state, action, pending] = useActionState<ActionState, FormData>(saveProfileAction, {});
  return (
    <form action={action} className="space-y-6">
      <input type="hidden" name="businessId" value={businessId} />
      <input type="hidden" name="profile" value={JSON.stringify(draftToProfileInput(draft))} />
      <fieldset disabled={readOnly} className="space-y-6">
        {(
          [
            ['basics', BasicsSection],
            ['hours', HoursSection],
            ['services', ServicesSection],
            ['faq', FaqSection],
            ['transfers', TransfersSection],
            ['languages', LanguagesSection],
            ['limits', LimitsSection],
          ] as const
        ).map(([key, Section]) => (
          <div key={key} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
            <Section draft={draft} setDraft={setDraft} />
          </div>
        ))}
      </fieldset>
      <div className="sticky bottom-0 flex items-center justify-end gap-3 border-t border-slate-200 bg-slate-50/95 py-3 backdrop-blur">
        <FormError message={state.error} />
        {state.ok ? (
          <span role="status" className="text-sm text-emerald-700">
            {state.ok}
          </span>
        ) : null}
        {readOnly ? (
          <span className="text-sm text-slate-500">Only owners can change settings.</span>
        ) : (
          <button type="submit" disabled={pending} className={buttonClass('primary')}>
            Save settings
          </button>
        )}
      </div>
    </form>
  );
}
