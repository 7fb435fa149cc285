import { type BusinessRow, type Executor, forBusiness, getBusiness, listBusinesses } from '@receptionist/db';
import type { BusinessProfileInput } from './profile/schema.ts';
import { createBusinessWithProfile } from './profile/store.ts';

export const DEMO_BUSINESS_ID = 'biz_demo_bright_smile';
export const DEMO_PHONE_NUMBER = '+15005550006';
export const DEMO_FRONT_DESK_NUMBER = '+15005550100';

const weekday = { open: '09:00', close: '17:00', breaks: [{ start: '12:00', end: '13:00' }] };

export const DEMO_PROFILE: BusinessProfileInput = {
  name: 'Bright Smile Dental',
  timeZone: 'America/New_York',
  description: 'A friendly family dental practice.',
  address: {
    line1: '42 Maple Avenue',
    line2: 'Suite 3',
    city: 'Brooklyn',
    region: 'NY',
    postalCode: '11201',
    country: 'US',
    directions: 'We are on the second floor, above the pharmacy.',
  },
  website: 'brightsmile.example',
  weeklyHours: { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday },
  closures: [
    { from: '2026-12-24', to: '2026-12-25', reason: 'Christmas' },
    { from: '2027-01-01', reason: "New Year's Day" },
  ],
  services: [
    { id: 'cleaning', name: 'Cleaning', durationMinutes: 60, priceCents: 12_000, bufferMinutes: 0 },
    { id: 'checkup', name: 'Checkup', durationMinutes: 30, priceCents: 8_000, bufferMinutes: 0 },
    { id: 'whitening', name: 'Whitening', durationMinutes: 90, priceCents: 30_000, bufferMinutes: 15 },
  ],
  bookingRules: { leadTimeMinutes: 60, horizonDays: 60, slotGranularityMinutes: 30 },
  faq: [
    {
      question: 'Do you take insurance?',
      answer:
        "We accept most PPO plans, including Delta Dental, Aetna, Cigna and MetLife. We don't accept HMO plans.",
      keywords: ['insurance', 'PPO', 'Delta', 'Aetna', 'Cigna', 'MetLife', 'coverage'],
    },
    {
      question: 'Where can I park?',
      answer:
        'There is free street parking on Maple Avenue and a public garage on Court Street, one block away.',
      keywords: ['parking', 'park', 'car', 'garage'],
    },
    {
      question: 'Are you accepting new patients?',
      answer:
        'Yes, we welcome new patients! Please arrive 15 minutes early for your first visit to fill in a short form.',
      keywords: ['new patient', 'new patients', 'first visit', 'register'],
    },
    {
      question: 'What should I do in a dental emergency?',
      answer:
        'If you are in severe pain or have a knocked-out tooth, tell me and I will transfer you to the front desk right away.',
      keywords: ['emergency', 'pain', 'urgent', 'broken', 'knocked'],
    },
    {
      question: 'How can I pay?',
      answer: 'We accept cash, all major credit cards and CareCredit.',
      keywords: ['pay', 'payment', 'credit', 'card', 'cash', 'carecredit'],
    },
  ],
  greeting: 'Thank you for calling Bright Smile Dental. How can I help you today?',
  afterHours: { behaviour: 'take_message' },
  transferDestinations: [
    {
      id: 'front-desk',
      name: 'Front desk',
      phoneNumber: DEMO_FRONT_DESK_NUMBER,
      description: 'billing and urgent questions',
    },
  ],
  voice: 'alloy',
  languages: ['en-US'],
  aiDisclosure: "I'm Bright Smile Dental's AI receptionist.",
  callLimits: { maxCallMs: 15 * 60_000, silenceTimeoutMs: 10_000, silenceHangupMs: 15_000 },
  fallbackNumber: DEMO_FRONT_DESK_NUMBER,
};

/**
 * Creates the demo business ("Bright Smile Dental") and maps +15005550006 to it. Idempotent and safe
 * to run from several processes at once: an existing demo business is left as it is.
 */
export async function seedDemoBusiness(db: Executor): Promise<BusinessRow> {
  return db.transaction(async (tx) => {
    const business =
      (await getBusiness(tx, DEMO_BUSINESS_ID)) ??
      (await createBusinessWithProfile(tx, DEMO_PROFILE, { id: DEMO_BUSINESS_ID })).business;
    await forBusiness(tx, business.id).phoneNumbers.add(DEMO_PHONE_NUMBER, 'Demo line');
    return business;
  });
}

/** Seeds the demo business only into a database with no business yet (a fresh install); true if it did. */
export async function seedDemoIntoEmptyDatabase(db: Executor): Promise<boolean> {
  if ((await listBusinesses(db)).length > 0) return false;
  await seedDemoBusiness(db);
  return true;
}
