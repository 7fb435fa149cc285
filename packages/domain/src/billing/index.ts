export * from './apply-billing-event.ts';
export * from './entitlement.ts';
export * from './meter.ts';
export * from './plans.ts';
export * from './read-usage.ts';
export * from './record-call-usage.ts';
export * from './set-overage-behaviour.ts';
export * from './state.ts';
