export * from './analysis/index.ts';
export {
  type AnalysisSettings,
  parseAnalysisSettings,
  parseWorkerSettings,
  type WorkerSettings,
} from './env.ts';
export * from './errors.ts';
export * from './handlers/index.ts';
export { createWorkerLogger } from './logger.ts';
export { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhooks/deliver.ts';
export { createWorker, type Worker, type WorkerOptions } from './worker.ts';
