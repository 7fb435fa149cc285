export * from './analysis/index.ts';
export * from './calendar/index.ts';

export {
  type AnalysisSettings,
  type NotificationSettings,
  parseAnalysisSettings,
  parseCalendarSettings,
  parseNotificationSettings,
  parseWorkerSettings,
  type WorkerSettings,
} from './env.ts';

export * from './errors.ts';
export * from './handlers/index.ts';
export { createWorkerLogger } from './logger.ts';
export { createNotificationChannels, type NotificationChannels } from './notifications/index.ts';
export * from './outbound/index.ts';
export * from './voicemail/index.ts';
export { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhooks/deliver.ts';
export { createWorker, type Worker, type WorkerOptions } from './worker.ts';
