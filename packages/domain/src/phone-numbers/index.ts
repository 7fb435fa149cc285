export * from './connect.ts';
export * from './destination-policy.ts';
export * from './disconnect.ts';
export * from './twilio-credentials.ts';
export * from './twilio-incoming-numbers.ts';
