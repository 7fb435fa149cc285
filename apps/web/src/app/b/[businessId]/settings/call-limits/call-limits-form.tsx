'use client';

import { PathInput } from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { useDraft } from '../../../../../components/settings/use-draft.ts';
import { type CallLimitsDraft, callLimitsPatch } from './draft.ts';

export function CallLimitsForm({
  businessId,
  initial,
  readOnly,
}: {
  businessId: string;
  initial: CallLimitsDraft;
  readOnly: boolean;
}) {
  const { draft, set } = useDraft(initial);
  return (
    <SettingsForm
      businessId={businessId}
      section="call-limits"
      patch={callLimitsPatch(draft)}
      readOnly={readOnly}
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <PathInput
          path="callLimits.maxCallMs"
          label="Longest call (minutes)"
          hint="1 to 60. The receptionist wraps up politely."
          type="number"
          min={1}
          max={60}
          value={draft.maxCallMinutes}
          onValueChange={set('maxCallMinutes')}
        />
        <PathInput
          path="callLimits.silenceTimeoutMs"
          label="Silence before “are you still there?” (seconds)"
          hint="5 to 300."
          type="number"
          min={5}
          max={300}
          value={draft.silenceTimeoutSeconds}
          onValueChange={set('silenceTimeoutSeconds')}
        />
        <PathInput
          path="callLimits.silenceHangupMs"
          label="Further silence before hanging up (seconds)"
          hint="5 to 300, counted after the prompt."
          type="number"
          min={5}
          max={300}
          value={draft.silenceHangupSeconds}
          onValueChange={set('silenceHangupSeconds')}
        />
      </div>
    </SettingsForm>
  );
}
