export * from './consumer.ts';
export * from './dial-handler.ts';
export * from './reminder-handler.ts';
export * from './twilio-calls.ts';
