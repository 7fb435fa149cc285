export * from './engine.ts';
export * from './errors.ts';
export * from './tool.ts';
export * from './tools/index.ts';
export * from './commitments.ts';
