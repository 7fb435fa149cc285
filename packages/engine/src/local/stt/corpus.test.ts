import { describe, expect, it } from 'vitest';
import type { BusinessBrief } from '../../engine.ts';
import { generateCorpus } from './corpus.ts';
import { spokenCalendarDates, spokenClockTimes, spokenRelativeDays } from './spoken-when.ts';

const brief: BusinessBrief = {
  name: 'Bright Smile Dental',
  timeZone: 'America/New_York',
  services: [{ id: 'svc_cleaning', name: 'Cleaning', durationMinutes: 30 }],
  transferDestinations: [],
  vocabulary: [],
};

describe('generateCorpus', () => {
  const corpus = new Set(generateCorpus(brief));

  it('holds every calendar date in all three spoken forms, not a sample of them', () => {
    const missing = spokenCalendarDates()
      .flatMap((date) => date.forms)
      .filter((form) => !corpus.has(form));
    expect(missing).toEqual([]);
    // Spot checks that do not rely on the generator: the dates main went red on and the leap day.
    for (const form of [
      'december fourth',
      'the fourth of december',
      'december the fourth',
      'february twenty ninth',
    ])
      expect(corpus.has(form), form).toBe(true);
  });

  it('holds every relative day and every hour and minute form', () => {
    expect(spokenRelativeDays().filter((day) => !corpus.has(day))).toEqual([]);
    const times = spokenClockTimes();
    expect(times.filter((time) => !corpus.has(time))).toEqual([]);
    for (const time of ['ten oh five p m', 'four forty two', 'quarter to nine', 'eleven fifty nine a m'])
      expect(times, time).toContain(time);
  });

  it('uses the calendar dates inside sentences, not only alone', () => {
    const inSentences = [...corpus].filter((sentence) =>
      / for [a-z]+ (the )?[a-z]+(th|st|nd|rd)\b/.test(sentence),
    );
    expect(inSentences.length).toBeGreaterThan(100);
  });

  it("lets a message be about the business's own things: its services and the words of its FAQ", () => {
    const vet = new Set(
      generateCorpus({
        ...brief,
        services: [{ id: 'svc_vaccination', name: 'Vaccination', durationMinutes: 20 }],
        phrases: ['We give repeat prescriptions for medication after a check-up.'],
      }),
    );
    expect(vet.has('please call me back about my medication')).toBe(true);
    expect(vet.has('it is about the vaccination i had last week')).toBe(true);
    expect(vet.has('i have a question about my prescriptions')).toBe(true);
    // Common words of the FAQ are not what a message is about.
    expect(vet.has('please call me back about my after')).toBe(false);
  });
});
