export * from './complete-voicemail.ts';
export * from './read-voicemail.ts';
export * from './receive-voicemail.ts';
