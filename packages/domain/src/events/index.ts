export * from './record.ts';
export * from './types.ts';
