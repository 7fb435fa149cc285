export * from './commitments.ts';
export * from './instructions.ts';
export * from './language-menu.ts';
export * from './tools/index.ts';
