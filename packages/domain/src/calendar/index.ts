export type {
  AppointmentRow,
  CalendarConnectionRow,
  CalendarEventLinkRow,
  CalendarSourceRow,
} from '@receptionist/db';
export * from './config.ts';
export * from './connections.ts';
export * from './external-change.ts';
export * from './feeds.ts';
export * from './ics.ts';
export * from './links.ts';
export * from './recheck.ts';
export * from './schedule.ts';
export * from './sync.ts';
export * from './token-crypto.ts';
