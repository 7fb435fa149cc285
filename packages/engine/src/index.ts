export * from './engine.ts';
export * from './errors.ts';
export * from './tool.ts';
export { TypedEmitter } from './typed-emitter.ts';
