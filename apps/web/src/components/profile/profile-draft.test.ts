import { BusinessProfile } from '@receptionist/domain';
import { describe, expect, it } from 'vitest';
import { defaultDraft, draftToProfileInput } from './profile-draft.ts';

describe('the onboarding draft', () => {
  it('starts a new business with recording off and one break a weekday', () => {
    const fresh = BusinessProfile.parse(draftToProfileInput({ ...defaultDraft(), name: 'Alpha' }));
    expect(fresh.callRecording).toEqual({ enabled: false, retentionDays: 30 });
    expect(fresh.weeklyHours.monday?.breaks).toEqual([{ start: '12:00', end: '13:00' }]);
    expect(fresh.weeklyHours.sunday).toBeNull();
  });

  it('keeps several breaks a day and drops a break row left blank', () => {
    const draft = defaultDraft();
    const monday = {
      ...draft.hours.monday,
      breaks: [
        { start: '12:00', end: '13:00' },
        { start: '', end: '' },
        { start: '15:00', end: '15:15' },
      ],
    };
    const profile = BusinessProfile.parse(
      draftToProfileInput({ ...draft, name: 'Physio', hours: { ...draft.hours, monday } }),
    );
    expect(profile.weeklyHours.monday?.breaks).toEqual([
      { start: '12:00', end: '13:00' },
      { start: '15:00', end: '15:15' },
    ]);
    expect(profile.weeklyHours.tuesday?.breaks).toEqual([{ start: '12:00', end: '13:00' }]);
  });

  it('makes the first language typed the primary and drops the choice with one language', () => {
    const draft = defaultDraft();
    const spanish = BusinessProfile.parse(
      draftToProfileInput({
        ...draft,
        name: 'Clínica',
        languages: { ...draft.languages, served: 'es-MX, en-US', offerLanguageChoice: true },
      }),
    );
    expect(spanish.primaryLanguage).toBe('es-MX');
    const single = BusinessProfile.parse(
      draftToProfileInput({
        ...draft,
        name: 'Solo',
        languages: { ...draft.languages, served: 'en-US', offerLanguageChoice: true },
      }),
    );
    expect(single.offerLanguageChoice).toBe(false);
  });
});
