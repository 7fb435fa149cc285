export * from './create.ts';
