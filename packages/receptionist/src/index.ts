export * from './instructions.ts';
export * from './offline/index.ts';
export * from './tools/index.ts';
export * from './commitments.ts';
export * from './language-menu.ts';
