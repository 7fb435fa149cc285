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

describe('the settings draft: languages', () => {
  it('keeps served languages, the keypad choice and translations through a round trip', () => {
    const stored = BusinessProfile.parse(
      createTestProfile({
        languages: ['en-US', 'es-MX'],
        offerLanguageChoice: true,
        translations: {
          'es-MX': {
            greeting: 'Hola, ¿en qué le ayudo?',
            services: { cleaning: { name: 'Limpieza' } },
            faq: [{ question: '¿Aceptan seguro?', answer: 'Sí.', keywords: [] }],
          },
        },
      }),
    );
    const draft = profileToDraft(stored);
    expect(draft.languages.served).toBe('en-US, es-MX');
    expect(draft.languages.translations[0]).toMatchObject({
      language: 'es-MX',
      greeting: 'Hola, ¿en qué le ayudo?',
      serviceNames: { cleaning: 'Limpieza' },
    });
    const saved = BusinessProfile.parse(draftToProfileInput(draft, stored));
    expect(saved.languages).toEqual(['en-US', 'es-MX']);
    expect(saved.primaryLanguage).toBe('en-US');
    expect(saved.offerLanguageChoice).toBe(true);
    // The FAQ translation is not in the form: it comes back as it was.
    expect(saved.translations['es-MX']?.faq).toEqual([
      { question: '¿Aceptan seguro?', answer: 'Sí.', keywords: [] },
    ]);
    expect(saved.translations['es-MX']?.services).toEqual({ cleaning: { name: 'Limpieza' } });
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
