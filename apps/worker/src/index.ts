export { parseWorkerSettings, type WorkerSettings } from './env.ts';
export * from './errors.ts';
export * from './handlers/index.ts';
export { createWorkerLogger } from './logger.ts';
export * from './voicemail/index.ts';
export { createWorker, type Worker, type WorkerOptions } from './worker.ts';
