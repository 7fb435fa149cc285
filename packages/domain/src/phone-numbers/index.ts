export * from './connect.ts';
export * from './disconnect.ts';
