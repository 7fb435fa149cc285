export * from './attach-call-recording.ts';
export * from './audio-path.ts';
export * from './expire-call-recording.ts';
