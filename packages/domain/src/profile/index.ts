export * from './schema.ts';
export * from './store.ts';
export * from './update.ts';
