export * from './schema.ts';
export * from './store.ts';
export * from './update.ts';
export * from './languages.ts';
export * from './read-back.ts';
