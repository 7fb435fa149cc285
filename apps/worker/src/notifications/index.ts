export * from './channels.ts';
export * from './compose.ts';
export * from './consumer.ts';
export * from './deliver.ts';
export * from './digest-handler.ts';
export * from './mailer.ts';
export * from './twilio-sms.ts';
