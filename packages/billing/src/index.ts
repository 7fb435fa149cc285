export * from './errors.ts';
export * from './polar-client.ts';
export * from './settings.ts';
export * from './webhook-events.ts';
export * from './webhook-signature.ts';
