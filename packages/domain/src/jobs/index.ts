export * from './backoff.ts';
export * from './call-ended.ts';
export * from './enqueue.ts';
export * from './kinds.ts';
export * from './queue.ts';
