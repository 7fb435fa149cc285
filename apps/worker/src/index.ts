export {
  type NotificationSettings,
  parseNotificationSettings,
  parseWorkerSettings,
  type WorkerSettings,
} from './env.ts';
export * from './errors.ts';
export * from './handlers/index.ts';
export { createWorkerLogger } from './logger.ts';
export { createNotificationChannels, type NotificationChannels } from './notifications/index.ts';
export { createWorker, type Worker, type WorkerOptions } from './worker.ts';
