export * from './fake-calendar-store.ts';
export * from './fake-google-calendar.ts';
