import { describe, expect, it } from 'vitest';
import { createTestProfile } from '../testing/index.ts';
import { localizeProfile, matchServedLanguage, missingTranslations, primaryLanguageOf } from './languages.ts';
import { spokenAppointment, spokenDate, spokenPhone, spokenPrice, spokenTime } from './read-back.ts';
import { BusinessProfile } from './schema.ts';

function bilingual(overrides: Record<string, unknown> = {}) {
  return BusinessProfile.parse(
    createTestProfile({
      languages: ['en-US', 'es-MX'],
      translations: {
        'es-MX': {
          greeting: 'Gracias por llamar a Bright Smile Dental. ¿En qué le puedo ayudar?',
          services: { cleaning: { name: 'Limpieza dental' } },
        },
      },
      ...overrides,
    }),
  );
}

describe('business languages', () => {
  it('takes the primary language from primaryLanguage, else the first served one', () => {
    expect(primaryLanguageOf(bilingual())).toBe('en-US');
    expect(primaryLanguageOf(bilingual({ primaryLanguage: 'es-MX' }))).toBe('es-MX');
  });

  it('rejects a primary language or a translation for a language it does not serve', () => {
    expect(() => bilingual({ primaryLanguage: 'fr-FR' })).toThrow(/primaryLanguage must be one of languages/);
    expect(() => bilingual({ translations: { 'de-DE': { greeting: 'Hallo' } } })).toThrow(
      /translations.de-DE: not one of languages/,
    );
    expect(() =>
      bilingual({ translations: { 'es-MX': { services: { massage: { name: 'Masaje' } } } } }),
    ).toThrow(/unknown service massage/);
    expect(() => bilingual({ primaryLanguage: 'not a tag!' })).toThrow(/BCP-47/);
  });

  it('matches a wanted language to the closest served one', () => {
    const profile = bilingual();
    expect(matchServedLanguage(profile, 'es-MX')).toBe('es-MX');
    expect(matchServedLanguage(profile, 'es')).toBe('es-MX');
    expect(matchServedLanguage(profile, 'EN')).toBe('en-US');
    expect(matchServedLanguage(profile, 'fr')).toBeUndefined();
  });

  it('uses the translation where given and falls back to the primary content where not', () => {
    const profile = bilingual();
    const spanish = localizeProfile(profile, 'es');
    expect(spanish.greeting).toBe('Gracias por llamar a Bright Smile Dental. ¿En qué le puedo ayudar?');
    expect(spanish.services.find((service) => service.id === 'cleaning')?.name).toBe('Limpieza dental');
    // No Spanish whitening name or FAQ: the primary (English) content stands in.
    const whitening = profile.services.find((service) => service.id === 'whitening');
    expect(spanish.services.find((service) => service.id === 'whitening')?.name).toBe(whitening?.name);
    expect(spanish.faq).toEqual(profile.faq);
    expect(missingTranslations(profile, 'es-MX')).toEqual(
      expect.arrayContaining(['faq', 'services.whitening']),
    );
    expect(missingTranslations(profile, 'es-MX')).not.toContain('greeting');
    expect(localizeProfile(profile, 'en-US')).toBe(profile);
  });
});

describe('read-backs in the caller language', () => {
  it('says dates, times, prices and phone numbers by the language conventions', () => {
    expect(spokenDate('2026-03-03', 'es-ES')).toBe('martes, 3 de marzo');
    expect(spokenDate('2026-03-03', 'en-US')).toBe('Tuesday, March 3');
    expect(spokenDate('2026-03-03', 'fr-FR')).toBe('mardi 3 mars');
    expect(spokenTime('14:00', 'es-ES')).toBe('14:00');
    expect(spokenTime('14:00', 'en-US')).toBe('2:00 PM');
    expect(spokenPrice(12000, 'en-US')).toBe('$120');
    expect(spokenPrice(12050, 'es-ES', 'EUR')).toBe('120,50 €');
    expect(spokenPhone('+12125550123', 'es-US')).toBe('2 1 2, 5 5 5, 0 1 2 3');
    expect(spokenPhone('+12125550123', 'es-ES')).toBe('+1, 2 1 2, 5 5 5, 0 1 2 3');
    expect(spokenAppointment({ serviceName: 'Limpieza', date: '2026-03-03', time: '09:30' }, 'es-ES')).toBe(
      'Limpieza el martes, 3 de marzo a las 9:30',
    );
  });
});
