export * from './set-handled.ts';
export * from './take-message.ts';
