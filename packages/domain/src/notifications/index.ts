export * from './answer-recipients.ts';
export * from './digest.ts';
export * from './digest-schedule.ts';
export * from './is-anyone-told.ts';
export * from './opt-out.ts';
export * from './plan.ts';
export * from './sends.ts';
export * from './settings.ts';
