/**
 * The days of the profile's `weeklyHours`, for browser code (the domain package holds the same list but
 * pulls the database in with it). The settings tests check the two agree.
 */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];
