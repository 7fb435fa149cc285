export * from './instructions.ts';
export * from './tools/index.ts';
