import type { BusinessProfile } from '@receptionist/domain';
import { numberFrom } from '../../../../../components/settings/form-values.ts';

export interface RecordingDraft {
  enabled: boolean;
  retentionDays: string;
}

export function recordingDraft({ callRecording }: BusinessProfile): RecordingDraft {
  return { enabled: callRecording.enabled, retentionDays: String(callRecording.retentionDays) };
}

export function recordingPatch(draft: RecordingDraft): Record<string, unknown> {
  return { callRecording: { enabled: draft.enabled, retentionDays: numberFrom(draft.retentionDays) } };
}
