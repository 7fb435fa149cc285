export * from './connections.ts';
export * from './external-change.ts';
export * from './feeds.ts';
export * from './ics.ts';
export * from './recheck.ts';
export * from './sync.ts';
export * from './token-crypto.ts';
