import { BusinessProfile, WEEKDAYS as DOMAIN_WEEKDAYS } from '@receptionist/domain';
import { createTestProfile } from '@receptionist/domain/testing';
import { describe, expect, it } from 'vitest';
import { languagesDraftToInput, languagesToDraft } from '../../../../components/profile/language-draft.ts';
import { describePath, fieldIssuesOf } from '../../../../components/settings/form-issues.ts';
import { PROFILE_SECTIONS } from '../../../../components/settings/sections.ts';
import { WEEKDAYS } from '../../../../components/settings/weekdays.ts';
import { afterHoursPatch } from './after-hours/draft.ts';
import { bookingDraft, bookingPatch } from './booking/draft.ts';
import { callLimitsDraft, callLimitsPatch } from './call-limits/draft.ts';
import { closuresDraft, closuresPatch } from './closures/draft.ts';
import { faqDraft, faqPatch } from './faq/draft.ts';
import { hoursDraft, hoursPatch } from './hours/draft.ts';
import { servicesDraft, servicesPatch } from './services/draft.ts';
import { transfersDraft, transfersPatch } from './transfers/draft.ts';

/** The stored profile a settings page starts from. */
function stored(overrides: Parameters<typeof createTestProfile>[0] = {}): BusinessProfile {
  return BusinessProfile.parse(createTestProfile(overrides));
}

/** What `updateBusinessProfile` does with a page's patch: merge over the stored profile, then the schema. */
function save(profile: BusinessProfile, patch: Record<string, unknown>) {
  return BusinessProfile.safeParse({ ...profile, ...patch });
}

function issuesOf(profile: BusinessProfile, patch: Record<string, unknown>) {
  const result = save(profile, patch);
  expect(result.success).toBe(false);
  return fieldIssuesOf(result.error);
}

describe('settings pages ↔ profile', () => {
  it('hours: several breaks a day survive a round trip, and a bad break is reported at its own index', () => {
    const profile = stored();
    const draft = hoursDraft(profile);
    draft.tuesday = {
      open: true,
      opens: '08:00',
      closes: '18:00',
      breaks: [
        { start: '10:30', end: '10:45' },
        { start: '12:30', end: '13:15' },
      ],
    };
    draft.sunday = { ...draft.sunday, open: false };
    const saved = save(profile, hoursPatch(draft));
    expect(saved.data?.weeklyHours.tuesday).toEqual({
      open: '08:00',
      close: '18:00',
      breaks: [
        { start: '10:30', end: '10:45' },
        { start: '12:30', end: '13:15' },
      ],
    });
    expect(saved.data?.weeklyHours.sunday).toBeNull();
    expect(hoursDraft(saved.data!).tuesday.breaks).toHaveLength(2);
    expect(describePath('weeklyHours.tuesday.breaks.2.end')).toBe('weekly hours › tuesday › breaks 3 › end');

    draft.tuesday.breaks.push({ start: '15:00', end: '' });
    expect(issuesOf(profile, hoursPatch(draft))).toContainEqual({
      path: 'weeklyHours.tuesday.breaks.2.end',
      message: 'expected a local time HH:mm',
    });
    draft.tuesday.breaks[2] = { start: '17:30', end: '19:00' };
    expect(issuesOf(profile, hoursPatch(draft))).toEqual([
      { path: 'weeklyHours.tuesday', message: 'breaks must fall inside opening hours' },
    ]);
  });

  it('FAQ: keywords set elsewhere come back untouched, edited ones are split on commas', () => {
    const profile = stored({
      faq: [
        { question: 'Where can I park?', answer: 'Behind the building.', keywords: ['parking', 'car park'] },
        { question: 'Do you take insurance?', answer: 'Most plans.', keywords: [] },
      ],
    });
    const draft = faqDraft(profile);
    expect(draft[0]?.keywords).toBe('parking, car park');
    expect(save(profile, faqPatch(draft)).data?.faq).toEqual(profile.faq);
    draft[1] = { ...draft[1]!, keywords: ' Delta ,, Aetna ' };
    expect(save(profile, faqPatch(draft)).data?.faq[1]?.keywords).toEqual(['Delta', 'Aetna']);
    draft[1] = { ...draft[1]!, answer: '  ' };
    expect(issuesOf(profile, faqPatch(draft))?.map((issue) => issue.path)).toEqual(['faq.1.answer']);
  });

  it('services: ids stay, new ones get a free id, prices are cents, removed services leave the translations', () => {
    const profile = stored({
      languages: ['en-US', 'es-MX'],
      translations: { 'es-MX': { services: { cleaning: { name: 'Limpieza' } } } },
    });
    const draft = servicesDraft(profile);
    const cleaning = draft.services.find((service) => service.id === 'cleaning');
    expect(cleaning).toBeDefined();
    const kept = draft.services.filter((service) => service.id !== 'cleaning');
    const withNew = {
      ...draft,
      services: [
        ...kept,
        {
          id: '',
          name: kept[0]?.name ?? 'Exam',
          description: '',
          durationMinutes: '45',
          price: '89.5',
          bufferMinutes: '10',
        },
      ],
    };
    const saved = save(profile, servicesPatch(withNew));
    expect(saved.success).toBe(true);
    const added = saved.data!.services.at(-1)!;
    expect(added).toMatchObject({ durationMinutes: 45, priceCents: 8950, bufferMinutes: 10 });
    expect(saved.data!.services.map((s) => s.id)).not.toContain('cleaning');
    expect(new Set(saved.data!.services.map((s) => s.id)).size).toBe(saved.data!.services.length);
    expect(saved.data!.translations['es-MX']?.services).toEqual({});

    const tooShort = {
      ...draft,
      services: draft.services.map((s, i) => (i === 0 ? { ...s, durationMinutes: '2' } : s)),
    };
    expect(issuesOf(profile, servicesPatch(tooShort))?.[0]?.path).toBe('services.0.durationMinutes');
  });

  it('closures: a blank last day is one day, and a range that ends before it starts is refused at its row', () => {
    const profile = stored();
    const patch = closuresPatch([
      { from: '2030-12-24', to: '2030-12-26', reason: 'Holidays' },
      { from: '2030-07-04', to: '', reason: '' },
    ]);
    const saved = save(profile, patch).data!;
    expect(saved.closures).toEqual([
      { from: '2030-12-24', to: '2030-12-26', reason: 'Holidays' },
      { from: '2030-07-04' },
    ]);
    expect(closuresDraft(saved).map((c) => c.from)).toEqual(['2030-07-04', '2030-12-24']);
    expect(issuesOf(profile, closuresPatch([{ from: '2030-05-02', to: '2030-05-01', reason: '' }]))).toEqual([
      { path: 'closures.0.to', message: 'closure must end on or after it starts' },
    ]);
  });

  it('call limits and booking rules: units convert both ways and a blank number is refused, not defaulted', () => {
    const profile = stored();
    const limits = callLimitsDraft(profile);
    const saved = save(
      profile,
      callLimitsPatch({ ...limits, silenceTimeoutSeconds: '12', maxCallMinutes: '20' }),
    );
    expect(saved.data?.callLimits).toMatchObject({ silenceTimeoutMs: 12_000, maxCallMs: 1_200_000 });
    expect(callLimitsDraft(saved.data!).silenceTimeoutSeconds).toBe('12');

    const booking = bookingDraft(profile);
    expect(booking.cancellationWindowHours).toBe('0');
    const withWindow = save(profile, bookingPatch({ ...booking, cancellationWindowHours: '24' }));
    expect(withWindow.data?.bookingRules.cancellationWindowHours).toBe(24);
    expect(issuesOf(profile, bookingPatch({ ...booking, horizonDays: 'soon' }))?.[0]?.path).toBe(
      'bookingRules.horizonDays',
    );
    expect(issuesOf(profile, bookingPatch({ ...booking, cancellationWindowHours: '-1' }))?.[0]?.path).toBe(
      'bookingRules.cancellationWindowHours',
    );
  });

  it('transfers and after hours: numbers are cleaned, and an after-hours transfer needs a destination', () => {
    const profile = stored();
    const draft = transfersDraft(profile);
    const saved = save(
      profile,
      transfersPatch({
        destinations: [{ id: '', name: 'Front desk', phoneNumber: '+1 (202) 555-0143', description: '' }],
        fallbackNumber: '',
        destinationCountries: 'us, ca',
      }),
    ).data!;
    expect(saved.transferDestinations).toEqual([
      { id: 'front-desk', name: 'Front desk', phoneNumber: '+12025550143' },
    ]);
    expect(saved.destinationCountries).toEqual(['US', 'CA']);
    expect(saved.fallbackNumber).toBeUndefined();
    expect(draft.fallbackNumber).toBe(profile.fallbackNumber ?? '');
    expect(
      issuesOf(saved, afterHoursPatch({ behaviour: 'transfer', transferDestinationId: '' }))?.map(
        (i) => i.path,
      ),
    ).toEqual(['afterHours.transferDestinationId']);
    expect(
      save(saved, afterHoursPatch({ behaviour: 'transfer', transferDestinationId: 'front-desk' })).data
        ?.afterHours,
    ).toEqual({ behaviour: 'transfer', transferDestinationId: 'front-desk' });
  });

  it('languages: served languages, the keypad choice and translations come back, the FAQ translation kept', () => {
    const profile = stored({
      languages: ['en-US', 'es-MX'],
      offerLanguageChoice: true,
      translations: {
        'es-MX': {
          greeting: 'Hola, ¿en qué le ayudo?',
          services: { cleaning: { name: 'Limpieza' } },
          faq: [{ question: '¿Aceptan seguro?', answer: 'Sí.', keywords: [] }],
        },
      },
    });
    const draft = languagesToDraft(profile);
    expect(draft.served).toBe('en-US, es-MX');
    const saved = save(
      profile,
      languagesDraftToInput(
        draft,
        profile.services.map((s) => s.id),
      ),
    ).data!;
    expect(saved.offerLanguageChoice).toBe(true);
    expect(saved.translations['es-MX']).toMatchObject({
      greeting: 'Hola, ¿en qué le ayudo?',
      services: { cleaning: { name: 'Limpieza' } },
      faq: [{ question: '¿Aceptan seguro?', answer: 'Sí.', keywords: [] }],
    });
    const bad = languagesDraftToInput({ ...draft, served: 'en-US, e' }, []);
    expect(issuesOf(profile, bad)?.[0]?.path).toMatch(/^languages\.1|^translations/);
  });

  it('the index: every page names only profile fields and sums up a stored profile in a line', () => {
    expect(WEEKDAYS).toEqual(DOMAIN_WEEKDAYS);
    const profile = stored();
    const fields = Object.keys(BusinessProfile.shape);
    for (const section of PROFILE_SECTIONS) {
      for (const key of section.keys) expect(fields).toContain(key);
      expect(section.summary(profile).length).toBeGreaterThan(0);
    }
    const booking = PROFILE_SECTIONS.find((section) => section.slug === 'booking')!;
    expect(
      booking.summary({ ...profile, bookingRules: { ...profile.bookingRules, cancellationWindowHours: 24 } }),
    ).toContain('cancel up to 24 h before');
  });
});
