import type { BusinessBrief } from '../../engine.ts';

/**
 * A small dental practice as the engine sees it: the business the offline benchmarks measure and the phone
 * adaptation's sentences are drawn for (the demo seed's services and front desk, without its FAQ words).
 */
export const DENTAL_PRACTICE_BRIEF: BusinessBrief = {
  name: 'Bright Smile Dental',
  timeZone: 'America/New_York',
  services: [
    { id: 'cleaning', name: 'Cleaning', durationMinutes: 60 },
    { id: 'checkup', name: 'Checkup', durationMinutes: 30 },
    { id: 'whitening', name: 'Whitening', durationMinutes: 90 },
  ],
  transferDestinations: [{ id: 'front-desk', name: 'Front desk' }],
  vocabulary: [],
};
