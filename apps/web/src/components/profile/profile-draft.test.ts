import { BusinessProfile } from '@receptionist/domain';
import { createTestProfile } from '@receptionist/domain/testing';
import { describe, expect, it } from 'vitest';
import { defaultDraft, draftToProfileInput, profileToDraft } from './profile-draft.ts';

describe('the settings draft: call recording', () => {
  it('is off for a new business, and a saved choice comes back as it was', () => {
    const fresh = BusinessProfile.parse(draftToProfileInput({ ...defaultDraft(), name: 'Alpha' }));
    expect(fresh.callRecording).toEqual({ enabled: false, retentionDays: 30 });

    const stored = BusinessProfile.parse(
      createTestProfile({ callRecording: { enabled: true, retentionDays: 90 } }),
    );
    const draft = profileToDraft(stored);
    expect(draft).toMatchObject({ recordCalls: true, recordingRetentionDays: '90' });
    const saved = BusinessProfile.parse(
      draftToProfileInput({ ...draft, recordCalls: false, recordingRetentionDays: '14' }, stored),
    );
    expect(saved.callRecording).toEqual({ enabled: false, retentionDays: 14 });
  });
});
