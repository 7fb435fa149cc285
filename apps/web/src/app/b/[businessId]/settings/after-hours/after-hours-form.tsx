'use client';

import Link from 'next/link';
import { PathError, PathSelect } from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { useDraft } from '../../../../../components/settings/use-draft.ts';
import { type AfterHoursDraft, afterHoursPatch } from './draft.ts';

const BEHAVIOURS = [
  ['take_message', 'Take a message'],
  ['voicemail', 'Let them leave a voicemail'],
  ['transfer', 'Transfer the call'],
] as const;

export function AfterHoursForm({
  businessId,
  initial,
  destinations,
  readOnly,
}: {
  businessId: string;
  initial: AfterHoursDraft;
  destinations: ReadonlyArray<{ id: string; name: string; phoneNumber: string }>;
  readOnly: boolean;
}) {
  const { draft, set } = useDraft(initial);
  return (
    <SettingsForm
      businessId={businessId}
      section="after-hours"
      patch={afterHoursPatch(draft)}
      readOnly={readOnly}
    >
      <PathSelect
        path="afterHours.behaviour"
        label="When a call comes in outside opening hours"
        value={draft.behaviour}
        options={BEHAVIOURS}
        onValueChange={(value) => set('behaviour')(value as AfterHoursDraft['behaviour'])}
      />
      {draft.behaviour === 'transfer' ? (
        destinations.length === 0 ? (
          <div className="space-y-1">
            <p className="text-sm text-slate-600">
              There is no transfer destination yet.{' '}
              <Link className="text-brand-700 underline" href={`/b/${businessId}/settings/transfers`}>
                Add one under Transfers
              </Link>{' '}
              first.
            </p>
            <PathError path="afterHours.transferDestinationId" />
          </div>
        ) : (
          <PathSelect
            path="afterHours.transferDestinationId"
            label="Transfer to"
            value={draft.transferDestinationId}
            options={[
              ['', 'Choose a destination…'],
              ...destinations.map((d) => [d.id, `${d.name} (${d.phoneNumber})`] as const),
            ]}
            onValueChange={set('transferDestinationId')}
          />
        )
      ) : null}
    </SettingsForm>
  );
}
