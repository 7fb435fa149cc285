'use client';

import { PathInput, PathSelect } from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { useDraft } from '../../../../../components/settings/use-draft.ts';
import { type BookingDraft, bookingPatch } from './draft.ts';

export function BookingForm({
  businessId,
  initial,
  readOnly,
}: {
  businessId: string;
  initial: BookingDraft;
  readOnly: boolean;
}) {
  const { draft, set } = useDraft(initial);
  return (
    <SettingsForm businessId={businessId} section="booking" patch={bookingPatch(draft)} readOnly={readOnly}>
      <div className="grid gap-4 sm:grid-cols-2">
        <PathInput
          path="bookingRules.leadTimeMinutes"
          label="Minimum notice (minutes)"
          hint="The earliest slot offered starts at least this long from now."
          type="number"
          min={0}
          value={draft.leadTimeMinutes}
          onValueChange={set('leadTimeMinutes')}
        />
        <PathInput
          path="bookingRules.horizonDays"
          label="Book up to (days ahead)"
          type="number"
          min={1}
          max={366}
          value={draft.horizonDays}
          onValueChange={set('horizonDays')}
        />
        <PathInput
          path="bookingRules.slotGranularityMinutes"
          label="Slots start every (minutes)"
          type="number"
          min={5}
          max={240}
          value={draft.slotGranularityMinutes}
          onValueChange={set('slotGranularityMinutes')}
        />
        <PathInput
          path="bookingRules.cancellationWindowHours"
          label="Cancellation window (hours)"
          hint="Callers may cancel or move a booking only this many hours before it starts or earlier. 0: any time. You can always change bookings yourself."
          type="number"
          min={0}
          value={draft.cancellationWindowHours}
          onValueChange={set('cancellationWindowHours')}
        />
      </div>
      <PathSelect
        path="callerVerification"
        label="Before a caller changes a booking"
        value={draft.callerVerification}
        options={[
          ['caller_id_and_name', 'They call from the number on file and give the name'],
          ['sms_code', 'They read back a code texted to the number on file'],
        ]}
        onValueChange={(value) => set('callerVerification')(value as BookingDraft['callerVerification'])}
      />
    </SettingsForm>
  );
}
