'use client';

import { VOICES } from '../../../../../components/profile/profile-draft.ts';
import {
  Group,
  PathInput,
  PathSelect,
  PathTextarea,
} from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { useDraft } from '../../../../../components/settings/use-draft.ts';
import { ADDRESS_FIELDS, type BusinessDraft, businessPatch } from './draft.ts';

export function BusinessForm({
  businessId,
  initial,
  readOnly,
}: {
  businessId: string;
  initial: BusinessDraft;
  readOnly: boolean;
}) {
  const { draft, set, edit } = useDraft(initial);
  const voices = VOICES.includes(draft.voice as (typeof VOICES)[number]) ? VOICES : [draft.voice, ...VOICES];
  return (
    <SettingsForm businessId={businessId} section="business" patch={businessPatch(draft)} readOnly={readOnly}>
      <div className="grid gap-4 sm:grid-cols-2">
        <PathInput path="name" label="Business name" value={draft.name} onValueChange={set('name')} />
        <PathInput
          path="timeZone"
          label="Time zone"
          hint="An IANA zone, e.g. America/New_York or Europe/London."
          value={draft.timeZone}
          onValueChange={set('timeZone')}
        />
        <PathSelect
          path="voice"
          label="Voice"
          value={draft.voice}
          options={voices.map((voice) => [voice, voice] as const)}
          onValueChange={set('voice')}
        />
        <PathInput
          path="currency"
          label="Currency"
          hint="ISO 4217, e.g. USD, EUR."
          value={draft.currency}
          onValueChange={set('currency')}
        />
        <PathInput
          path="website"
          label="Website (optional)"
          value={draft.website}
          onValueChange={set('website')}
        />
      </div>
      <PathTextarea
        path="description"
        label="About the business (optional)"
        hint="What the receptionist may tell callers about you."
        value={draft.description}
        onValueChange={set('description')}
      />
      <Group legend="Address (optional)">
        <div className="grid gap-4 sm:grid-cols-2">
          {ADDRESS_FIELDS.map(([field, label]) => (
            <PathInput
              key={field}
              path={`address.${field}`}
              label={label}
              value={draft.address[field]}
              onValueChange={(value) =>
                edit((current) => ({ ...current, address: { ...current.address, [field]: value } }))
              }
            />
          ))}
        </div>
      </Group>
    </SettingsForm>
  );
}
