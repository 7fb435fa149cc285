export * from './create.ts';
export * from './hash.ts';
export * from './revoke.ts';
export * from './verify.ts';
