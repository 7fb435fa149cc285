'use client';

import { PathCheckbox, PathInput } from '../../../../../components/settings/path-fields.tsx';
import { SettingsForm } from '../../../../../components/settings/settings-form.tsx';
import { useDraft } from '../../../../../components/settings/use-draft.ts';
import { type RecordingDraft, recordingPatch } from './draft.ts';

export function RecordingForm({
  businessId,
  initial,
  readOnly,
}: {
  businessId: string;
  initial: RecordingDraft;
  readOnly: boolean;
}) {
  const { draft, set } = useDraft(initial);
  return (
    <SettingsForm
      businessId={businessId}
      section="recording"
      patch={recordingPatch(draft)}
      readOnly={readOnly}
    >
      <PathCheckbox
        path="callRecording.enabled"
        label="Record calls (callers hear “This call is recorded.”)"
        checked={draft.enabled}
        onCheckedChange={set('enabled')}
      />
      <PathInput
        path="callRecording.retentionDays"
        label="Keep recordings for (days)"
        hint="1 to 3650. Older recordings are deleted; transcripts stay."
        type="number"
        min={1}
        max={3650}
        value={draft.retentionDays}
        onValueChange={set('retentionDays')}
      />
    </SettingsForm>
  );
}
